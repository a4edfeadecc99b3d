#pragma once

#include "settings/ServerSettings.h"

#include <QHash>
#include <QObject>
#include <QVariant>
#include <memory>

class QSettings;

namespace berth {

/// The console's preferences, kept with QSettings: where the in-process server listens, where its
/// data lives, how it does TLS, whether it starts with the application, and the language.
///
/// Command-line options (--listen, --port, --data-dir, --no-server) become overrides: they win for
/// this run but are never written back. Setting a value clears its override.
class ConsoleSettings : public QObject
{
    Q_OBJECT
public:
    /// Backed by the application's default QSettings (organization and application name).
    explicit ConsoleSettings(QObject* parent = nullptr);
    /// Backed by an INI file (tests, portable installs).
    explicit ConsoleSettings(const QString& iniFile, QObject* parent = nullptr);
    ~ConsoleSettings() override;

    static QString defaultDataDirectory();

    QString listenAddress() const;
    void setListenAddress(const QString& address);
    quint16 port() const;
    void setPort(quint16 port);
    QString dataDirectory() const;
    void setDataDirectory(const QString& directory);
    TlsMode tlsMode() const;
    void setTlsMode(TlsMode mode);
    QString certificateFile() const;
    void setCertificateFile(const QString& file);
    QString keyFile() const;
    void setKeyFile(const QString& file);
    bool startServerWithApp() const;
    void setStartServerWithApp(bool start);
    /// "" follows the system; otherwise a language code ("en", "de").
    QString language() const;
    void setLanguage(const QString& language);

    /// What the server starts with (overrides applied).
    ServerSettings serverSettings() const;

    void overrideListenAddress(const QString& address);
    void overridePort(quint16 port);
    void overrideDataDirectory(const QString& directory);
    void overrideStartServerWithApp(bool start);

    /// Writes pending changes to permanent storage.
    void sync();

signals:
    void changed();

private:
    QVariant value(const QString& key, const QVariant& fallback) const;
    void setValue(const QString& key, const QVariant& value);

    std::unique_ptr<QSettings> m_settings;
    QHash<QString, QVariant> m_overrides;
};

} // namespace berth
