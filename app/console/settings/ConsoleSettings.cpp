#include "settings/ConsoleSettings.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace berth {

namespace {

const QString KeyListen = QStringLiteral("server/listenAddress");
const QString KeyPort = QStringLiteral("server/port");
const QString KeyDataDirectory = QStringLiteral("server/dataDirectory");
const QString KeyTlsMode = QStringLiteral("server/tlsMode");
const QString KeyCertificate = QStringLiteral("server/certificateFile");
const QString KeyKey = QStringLiteral("server/keyFile");
const QString KeyStartServer = QStringLiteral("server/startWithApp");
const QString KeyLanguage = QStringLiteral("ui/language");

} // namespace

QString tlsModeKey(TlsMode mode)
{
    switch (mode) {
    case TlsMode::Auto:
        return QStringLiteral("auto");
    case TlsMode::Files:
        return QStringLiteral("files");
    case TlsMode::Off:
        break;
    }
    return QStringLiteral("off");
}

TlsMode tlsModeFromKey(const QString& key)
{
    if (key == QLatin1String("auto"))
        return TlsMode::Auto;
    if (key == QLatin1String("files"))
        return TlsMode::Files;
    return TlsMode::Off;
}

ConsoleSettings::ConsoleSettings(QObject* parent) : QObject(parent), m_settings(std::make_unique<QSettings>())
{}

ConsoleSettings::ConsoleSettings(const QString& iniFile, QObject* parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{}

ConsoleSettings::~ConsoleSettings() = default;

QString ConsoleSettings::defaultDataDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/registry");
}

QVariant ConsoleSettings::value(const QString& key, const QVariant& fallback) const
{
    const auto found = m_overrides.constFind(key);
    if (found != m_overrides.constEnd())
        return *found;
    return m_settings->value(key, fallback);
}

void ConsoleSettings::setValue(const QString& key, const QVariant& value)
{
    m_overrides.remove(key);
    if (m_settings->value(key) == value)
        return;
    m_settings->setValue(key, value);
    emit changed();
}

QString ConsoleSettings::listenAddress() const
{
    return value(KeyListen, QStringLiteral("127.0.0.1")).toString();
}

void ConsoleSettings::setListenAddress(const QString& address)
{
    setValue(KeyListen, address.trimmed());
}

quint16 ConsoleSettings::port() const
{
    bool ok = false;
    const int port = value(KeyPort, 5000).toInt(&ok);
    return ok && port >= 0 && port <= 65535 ? quint16(port) : quint16(5000);
}

void ConsoleSettings::setPort(quint16 port)
{
    setValue(KeyPort, int(port));
}

QString ConsoleSettings::dataDirectory() const
{
    const QString directory = value(KeyDataDirectory, QString()).toString();
    return directory.isEmpty() ? defaultDataDirectory() : directory;
}

void ConsoleSettings::setDataDirectory(const QString& directory)
{
    setValue(KeyDataDirectory, directory == defaultDataDirectory() ? QString() : directory);
}

TlsMode ConsoleSettings::tlsMode() const
{
    return tlsModeFromKey(value(KeyTlsMode, QStringLiteral("off")).toString());
}

void ConsoleSettings::setTlsMode(TlsMode mode)
{
    setValue(KeyTlsMode, tlsModeKey(mode));
}

QString ConsoleSettings::certificateFile() const
{
    return value(KeyCertificate, QString()).toString();
}

void ConsoleSettings::setCertificateFile(const QString& file)
{
    setValue(KeyCertificate, file);
}

QString ConsoleSettings::keyFile() const
{
    return value(KeyKey, QString()).toString();
}

void ConsoleSettings::setKeyFile(const QString& file)
{
    setValue(KeyKey, file);
}

bool ConsoleSettings::startServerWithApp() const
{
    return value(KeyStartServer, true).toBool();
}

void ConsoleSettings::setStartServerWithApp(bool start)
{
    setValue(KeyStartServer, start);
}

QString ConsoleSettings::language() const
{
    return value(KeyLanguage, QString()).toString();
}

void ConsoleSettings::setLanguage(const QString& language)
{
    setValue(KeyLanguage, language);
}

ServerSettings ConsoleSettings::serverSettings() const
{
    ServerSettings settings;
    settings.listenAddress = listenAddress();
    settings.port = port();
    settings.dataDirectory = dataDirectory();
    settings.tlsMode = tlsMode();
    settings.certificateFile = certificateFile();
    settings.keyFile = keyFile();
    return settings;
}

void ConsoleSettings::overrideListenAddress(const QString& address)
{
    m_overrides.insert(KeyListen, address.trimmed());
}

void ConsoleSettings::overridePort(quint16 port)
{
    m_overrides.insert(KeyPort, int(port));
}

void ConsoleSettings::overrideDataDirectory(const QString& directory)
{
    m_overrides.insert(KeyDataDirectory, QDir(directory).absolutePath());
}

void ConsoleSettings::overrideStartServerWithApp(bool start)
{
    m_overrides.insert(KeyStartServer, start);
}

void ConsoleSettings::sync()
{
    m_settings->sync();
}

} // namespace berth
