#include "dialogs/PriceSheetDialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace berth {

namespace {

QDoubleSpinBox* spinBox(double value, int decimals, double maximum)
{
    auto* box = new QDoubleSpinBox;
    box->setDecimals(decimals);
    box->setRange(0, maximum);
    box->setValue(value);
    box->setAlignment(Qt::AlignRight);
    return box;
}

} // namespace

PriceSheetDialog::PriceSheetDialog(const PriceSheet& sheet, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Price sheet"));
    m_currency = new QLineEdit(sheet.currency);
    m_currency->setMaxLength(3);
    m_currency->setToolTip(tr("The ISO 4217 code: three capital letters such as USD, EUR or GBP."));
    m_storage = spinBox(sheet.storagePerGbMonth, 6, 1e6);
    m_egress = spinBox(sheet.egressPerGb, 6, 1e6);
    m_freeStorage = spinBox(sheet.freeStorageGbMonths, 3, 1e9);
    m_freeEgress = spinBox(sheet.freeEgressGb, 3, 1e9);

    auto* form = new QFormLayout;
    form->addRow(tr("&Currency:"), m_currency);
    form->addRow(tr("&Storage, per GB-month:"), m_storage);
    form->addRow(tr("&Egress, per GB:"), m_egress);
    form->addRow(tr("Free s&torage each month (GB-months):"), m_freeStorage);
    form->addRow(tr("Free e&gress each month (GB):"), m_freeEgress);

    auto* note = new QLabel(tr("A GB is 10^9 bytes. The free allowances are for the whole registry and are "
                               "shared out across compartments in proportion to their use."));
    note->setWordWrap(true);
    m_problem = new QLabel;
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: palette(highlight)"));
    m_problem->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &PriceSheetDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

PriceSheet PriceSheetDialog::sheet() const
{
    PriceSheet sheet;
    sheet.currency = m_currency->text().trimmed();
    sheet.storagePerGbMonth = m_storage->value();
    sheet.egressPerGb = m_egress->value();
    sheet.freeStorageGbMonths = m_freeStorage->value();
    sheet.freeEgressGb = m_freeEgress->value();
    return sheet;
}

QString PriceSheetDialog::problemText() const
{
    return m_problem->isVisible() || !m_problem->text().isEmpty() ? m_problem->text() : QString();
}

void PriceSheetDialog::accept()
{
    const PriceSheet edited = sheet();
    if (auto valid = edited.validate(); !valid) {
        if (valid.error().detail.toObject().value(QStringLiteral("field")).toString() ==
            QLatin1String("currency"))
            m_problem->setText(tr("The currency must be an ISO 4217 code: three capital letters such as USD, "
                                  "EUR or GBP."));
        else
            m_problem->setText(valid.error().message);
        m_problem->show();
        return;
    }
    m_problem->clear();
    m_problem->hide();
    QDialog::accept();
}

} // namespace berth
