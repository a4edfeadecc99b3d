#include "dialogs/SettingsDialog.h"

#include "settings/ConsoleSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace berth {

SettingsDialog::SettingsDialog(ConsoleSettings& settings, QWidget* parent)
    : QDialog(parent), m_settings(settings)
{
    setWindowTitle(tr("Settings"));

    auto* server = new QGroupBox(tr("Registry server"), this);
    auto* serverForm = new QFormLayout(server);
    m_address = new QLineEdit(settings.listenAddress(), server);
    m_address->setToolTip(
        tr("127.0.0.1 serves this computer only; 0.0.0.0 serves the network (needs HTTPS)."));
    serverForm->addRow(tr("Listen address:"), m_address);
    m_port = new QSpinBox(server);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setValue(settings.port());
    serverForm->addRow(tr("Port:"), m_port);
    m_dataDirectory = fileRow(serverForm, tr("Data folder:"), true);
    m_dataDirectory->setText(settings.dataDirectory());
    m_tls = new QComboBox(server);
    m_tls->addItem(tr("Off (plain HTTP)"), int(TlsMode::Off));
    m_tls->addItem(tr("Automatic (a local certificate authority)"), int(TlsMode::Auto));
    m_tls->addItem(tr("My certificate and key"), int(TlsMode::Files));
    m_tls->setCurrentIndex(m_tls->findData(int(settings.tlsMode())));
    serverForm->addRow(tr("HTTPS:"), m_tls);
    m_certificate = fileRow(serverForm, tr("Certificate (PEM):"), false);
    m_certificate->setText(settings.certificateFile());
    m_key = fileRow(serverForm, tr("Private key (PEM):"), false);
    m_key->setText(settings.keyFile());
    m_startWithApp = new QCheckBox(tr("Start the server when Berth starts"), server);
    m_startWithApp->setChecked(settings.startServerWithApp());
    serverForm->addRow(m_startWithApp);
    connect(m_tls, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateTlsFields);

    auto* appearance = new QGroupBox(tr("Language"), this);
    auto* appearanceForm = new QFormLayout(appearance);
    m_language = new QComboBox(appearance);
    m_language->addItem(tr("Follow the system"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.language())));
    appearanceForm->addRow(tr("Language (after a restart):"), m_language);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(server);
    layout->addWidget(appearance);
    layout->addWidget(buttons);
    setMinimumWidth(560);
    updateTlsFields();
}

QLineEdit* SettingsDialog::fileRow(QFormLayout* form, const QString& label, bool directory)
{
    auto* edit = new QLineEdit(this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this, edit, directory] {
        const QString chosen =
            directory ? QFileDialog::getExistingDirectory(this, tr("Data folder"), edit->text())
                      : QFileDialog::getOpenFileName(this, tr("Choose a PEM file"), edit->text(),
                                                     tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!chosen.isEmpty())
            edit->setText(chosen);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    return edit;
}

void SettingsDialog::updateTlsFields()
{
    const bool files = TlsMode(m_tls->currentData().toInt()) == TlsMode::Files;
    m_certificate->setEnabled(files);
    m_key->setEnabled(files);
}

void SettingsDialog::apply()
{
    const ServerSettings before = m_settings.serverSettings();
    const QString languageBefore = m_settings.language();
    if (m_address->text().trimmed() != before.listenAddress)
        m_settings.setListenAddress(m_address->text());
    if (m_port->value() != before.port)
        m_settings.setPort(quint16(m_port->value()));
    if (m_dataDirectory->text().trimmed() != before.dataDirectory)
        m_settings.setDataDirectory(m_dataDirectory->text().trimmed());
    m_settings.setTlsMode(TlsMode(m_tls->currentData().toInt()));
    m_settings.setCertificateFile(m_certificate->text().trimmed());
    m_settings.setKeyFile(m_key->text().trimmed());
    if (m_startWithApp->isChecked() != m_settings.startServerWithApp())
        m_settings.setStartServerWithApp(m_startWithApp->isChecked());
    m_settings.setLanguage(m_language->currentData().toString());
    m_settings.sync();
    m_serverChanged = m_settings.serverSettings() != before;
    m_languageChanged = m_settings.language() != languageBefore;
}

} // namespace berth
