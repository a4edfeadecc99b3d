#include "dialogs/NameDialog.h"

#include "dialogs/CompartmentCombo.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth {

NameDialog::NameDialog(const Fields& fields, QWidget* parent) : QDialog(parent), m_problem(fields.problem)
{
    setWindowTitle(fields.title);
    auto* form = new QFormLayout;
    if (!fields.compartmentLabel.isEmpty()) {
        m_compartment = new CompartmentCombo(this);
        m_compartment->setCompartments(fields.compartments);
        m_compartment->setCurrentCompartment(fields.compartment);
        form->addRow(fields.compartmentLabel, m_compartment);
    }
    m_name = new QLineEdit(fields.initialName, this);
    m_name->setPlaceholderText(fields.placeholder);
    form->addRow(fields.nameLabel, m_name);
    if (fields.withDescription) {
        m_description = new QLineEdit(this);
        form->addRow(tr("Description:"), m_description);
    }
    m_problemLabel = new QLabel(this);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #b00020"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NameDialog::validate);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_buttons);
    setMinimumWidth(420);
    validate();
}

QString NameDialog::name() const
{
    return m_name->text().trimmed();
}

QString NameDialog::description() const
{
    return m_description ? m_description->text().trimmed() : QString();
}

CompartmentPath NameDialog::compartment() const
{
    return m_compartment ? m_compartment->currentCompartment() : CompartmentPath();
}

bool NameDialog::isAcceptable() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void NameDialog::validate()
{
    const QString text = name();
    QString problem;
    if (text.isEmpty())
        problem = QString();
    else if (m_problem)
        problem = m_problem(text);
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.isEmpty() && problem.isEmpty());
}

} // namespace berth
