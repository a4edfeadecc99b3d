#include "dialogs/LicenceReportDialog.h"

#include "host/RegistryHost.h"
#include "models/ModelSupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth {

namespace {

QString csvField(const QString& value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) &&
        !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
        return value;
    return QLatin1Char('"') + QString(value).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

QString scopeName(const LicenceScope& scope)
{
    return scope.kind == LicenceScope::Kind::Repository ? scope.repository : scope.describe();
}

} // namespace

LicenceReportDialog::LicenceReportDialog(RegistryHost& host, QWidget* parent)
    : QDialog(parent), m_browser(new LicenceBrowser(host.registry(), nullptr, this))
{
    setWindowTitle(tr("Licence acceptances"));
    auto* layout = new QVBoxLayout(this);
    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Licence:"), this));
    m_licence = new QComboBox(this);
    m_licence->addItem(tr("All licences"), QString());
    filters->addWidget(m_licence, 1);
    filters->addWidget(new QLabel(tr("User:"), this));
    m_user = new QLineEdit(this);
    m_user->setPlaceholderText(tr("any user"));
    m_user->setClearButtonEnabled(true);
    filters->addWidget(m_user);
    m_currentOnly = new QCheckBox(tr("Current versions only"), this);
    filters->addWidget(m_currentOnly);
    layout->addLayout(filters);
    connect(m_licence, &QComboBox::currentIndexChanged, this, &LicenceReportDialog::refresh);
    connect(m_user, &QLineEdit::editingFinished, this, &LicenceReportDialog::refresh);
    connect(m_currentOnly, &QCheckBox::toggled, this, &LicenceReportDialog::refresh);

    m_table = new QTreeWidget(this);
    m_table->setRootIsDecorated(false);
    m_table->setSortingEnabled(false);
    m_table->setHeaderLabels({tr("Licence"), tr("Set on"), tr("Version"), tr("User"), tr("Accepted"),
                              tr("Channel"), tr("Client address"), tr("Current version")});
    m_table->header()->setStretchLastSection(false);
    layout->addWidget(m_table, 1);
    m_message = new QLabel(this);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* refreshButton = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    QPushButton* csv = buttons->addButton(tr("Export &CSV…"), QDialogButtonBox::ActionRole);
    connect(refreshButton, &QPushButton::clicked, this, &LicenceReportDialog::refresh);
    connect(csv, &QPushButton::clicked, this, &LicenceReportDialog::chooseCsvFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(960, 520);
    loadLicences();
    refresh();
}

QString LicenceReportDialog::message() const
{
    return m_message->text();
}

void LicenceReportDialog::loadLicences()
{
    m_browser->list([this](const Result<QList<Licence>>& licences) {
        if (!licences) {
            m_message->setText(tr("Could not read the licences: %1").arg(licences.error().message));
            return;
        }
        const QSignalBlocker blocker(m_licence); // the selection stays "All licences"
        for (const Licence& licence : licences.value())
            m_licence->addItem(tr("%1 (%2)").arg(licence.current.title, scopeName(licence.scope)),
                               licence.ocid);
    });
}

void LicenceReportDialog::refresh()
{
    LicenceAcceptanceFilter filter;
    filter.licenceOcid = m_licence->currentData().toString();
    filter.userName = m_user->text().trimmed();
    filter.currentVersionOnly = m_currentOnly->isChecked();
    m_message->setText(tr("Loading…"));
    m_browser->acceptances(filter, [this](const Result<QList<LicenceAcceptance>>& acceptances) {
        if (!acceptances) {
            m_message->setText(tr("Could not read the acceptances: %1").arg(acceptances.error().message));
            return;
        }
        showRows(acceptances.value());
    });
}

void LicenceReportDialog::showRows(const QList<LicenceAcceptance>& acceptances)
{
    m_rows = acceptances;
    m_table->clear();
    for (const LicenceAcceptance& a : acceptances) {
        QStringList cells(ColumnCount);
        cells[LicenceColumn] = a.title;
        cells[ScopeColumn] = scopeName(a.scope);
        cells[VersionColumn] = a.version;
        cells[UserColumn] = a.userName;
        cells[AcceptedColumn] = ModelSupport::time(a.acceptedAt);
        cells[ChannelColumn] = a.channel;
        cells[AddressColumn] = a.clientAddress;
        cells[CurrentColumn] = a.currentVersion ? tr("Yes") : tr("No, a newer version is in force");
        new QTreeWidgetItem(m_table, cells);
    }
    for (int column = 0; column < ColumnCount; ++column)
        m_table->resizeColumnToContents(column);
    m_message->setText(tr("%n acceptance(s)", nullptr, int(acceptances.size())));
}

bool LicenceReportDialog::exportCsv(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    QStringList lines{QStringLiteral("licence,title,scope,version,user,acceptedAt,channel,clientAddress,"
                                     "currentVersion")};
    for (const LicenceAcceptance& a : m_rows) {
        lines << QStringList{csvField(a.licenceOcid),
                             csvField(a.title),
                             csvField(scopeName(a.scope)),
                             csvField(a.version),
                             csvField(a.userName),
                             a.acceptedAt.toUTC().toString(Qt::ISODateWithMs),
                             csvField(a.channel),
                             csvField(a.clientAddress),
                             a.currentVersion ? QStringLiteral("true") : QStringLiteral("false")}
                     .join(QLatin1Char(','));
    }
    file.write((lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    if (!file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void LicenceReportDialog::chooseCsvFile()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export licence acceptances"),
                                     QStringLiteral("licence-acceptances.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportCsv(path, &error))
        m_message->setText(tr("Wrote %n acceptance(s) to %1", nullptr, int(m_rows.size()))
                               .arg(QDir::toNativeSeparators(path)));
    else
        m_message->setText(error);
}

} // namespace berth
