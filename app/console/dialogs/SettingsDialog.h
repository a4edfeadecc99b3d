#pragma once

#include "settings/ServerSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace berth {

class ConsoleSettings;

/// Edits ConsoleSettings: the server's address, port, data folder and TLS, whether it starts with the
/// application, and the language. apply() writes the fields back; serverSettingsChanged() then says
/// whether a running server must restart to use them.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(ConsoleSettings& settings, QWidget* parent = nullptr);

    /// Writes the fields into the settings.
    void apply();
    /// True when apply() changed what the server starts with.
    bool serverSettingsChanged() const { return m_serverChanged; }
    /// True when apply() changed the language (takes effect on the next start).
    bool languageChanged() const { return m_languageChanged; }

    QLineEdit* addressEdit() const { return m_address; }
    QSpinBox* portSpin() const { return m_port; }
    QLineEdit* dataDirectoryEdit() const { return m_dataDirectory; }
    QComboBox* tlsCombo() const { return m_tls; }

private:
    QLineEdit* fileRow(QFormLayout* form, const QString& label, bool directory);
    void updateTlsFields();

    ConsoleSettings& m_settings;
    QLineEdit* m_address = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_dataDirectory = nullptr;
    QComboBox* m_tls = nullptr;
    QLineEdit* m_certificate = nullptr;
    QLineEdit* m_key = nullptr;
    QCheckBox* m_startWithApp = nullptr;
    QComboBox* m_language = nullptr;
    bool m_serverChanged = false;
    bool m_languageChanged = false;
};

} // namespace berth
