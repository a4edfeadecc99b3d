#pragma once

#include <QString>
#include <QtGlobal>

namespace berth {

/// How the console's server speaks TLS.
enum class TlsMode
{
    Off,   ///< plain HTTP (loopback addresses only)
    Auto,  ///< a certificate from a local CA kept in <data>/keys (like berthd --tls auto)
    Files, ///< the user's own certificate and key (PEM)
};

/// Everything the in-process server needs to start: what ConsoleSettings holds, after command-line
/// overrides.
struct ServerSettings
{
    QString listenAddress = QStringLiteral("127.0.0.1");
    quint16 port = 5000;
    QString dataDirectory;
    TlsMode tlsMode = TlsMode::Off;
    QString certificateFile;
    QString keyFile;

    friend bool operator==(const ServerSettings& a, const ServerSettings& b)
    {
        return a.listenAddress == b.listenAddress && a.port == b.port && a.dataDirectory == b.dataDirectory &&
               a.tlsMode == b.tlsMode && a.certificateFile == b.certificateFile && a.keyFile == b.keyFile;
    }
    friend bool operator!=(const ServerSettings& a, const ServerSettings& b) { return !(a == b); }
};

/// "off", "auto", "files" (as stored in the settings file).
QString tlsModeKey(TlsMode mode);
/// The mode for a stored key; Off for anything unknown.
TlsMode tlsModeFromKey(const QString& key);

} // namespace berth
