#pragma once

#include "governance/RegistryLimits.h"
#include "http/HttpLimits.h"
#include "storage/StorageOptions.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace berth {

/// berthd's settings, from a JSON config file and the command line (the command line wins).
struct DaemonOptions
{
    Q_DECLARE_TR_FUNCTIONS(DaemonOptions)

public:
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 5000;
    QString dataDirectory;
    QString readyFile;
    QString adminPasswordFile; ///< first start: the administrator's password, else one is generated
    QString logLevel = QStringLiteral("info");
    HttpLimits limits;

    /// How berthd serves: plain HTTP, HTTPS with the administrator's certificate, or HTTPS with a
    /// certificate from a local CA it makes itself (in <data>/keys).
    enum class TlsMode
    {
        Off,
        Files,
        Auto
    };
    TlsMode tlsMode = TlsMode::Off;
    QString tlsCertificateFile;  ///< PEM: the server certificate, then intermediates (TlsMode::Files)
    QString tlsKeyFile;          ///< PEM: its private key, unencrypted (TlsMode::Files)
    bool allowPlainHttp = false; ///< plain HTTP on an address other than loopback

    /// "maintenance": {"gcIntervalHours": 24, "scrubIntervalHours": 168, "gcGracePeriodMinutes": 60};
    /// an interval of 0 turns that schedule off.
    qint64 gcIntervalSeconds = 24 * 3600;
    qint64 scrubIntervalSeconds = 168 * 3600;
    qint64 gcGracePeriodSeconds = 3600;
    /// "maintenance": {"retentionIntervalMinutes": 60}: every enabled retention policy runs this often
    /// (0: never on its own).
    qint64 retentionIntervalSeconds = 3600;
    /// "maintenance": {"usageSampleIntervalMinutes": 60}: stored bytes per repository are sampled
    /// this often (0: never on its own).
    qint64 usageSampleIntervalSeconds = 3600;

    /// "storage": {"domains": ["/disk1/berth", "/disk2/berth", "/disk3/berth"], "writeQuorum": 2}: keep
    /// every blob once in each directory (normally each on its own disk) and acknowledge a write once
    /// writeQuorum copies are durable (0 or absent: every domain). No domains: <data>/blobs/0 only.
    StorageOptions storage;

    /// "limits": {"repositories": 500, "imagesPerRepository": 100000}: the registry's limits until an
    /// administrator changes them at run time (berthctl limits set).
    RegistryLimits registryLimits;

    enum class ParseOutcome
    {
        Run,
        ExitOk,
        ExitError
    };
    /// Parses arguments (and --config FILE). Prints --help / --version or the error itself.
    static ParseOutcome parse(const QStringList& arguments, DaemonOptions* options);
    /// Reads a JSON config file: {"listen": "127.0.0.1:5000", "data": "...", "logLevel": "info",
    /// "http": {"workerThreads": 0, "idleTimeoutSeconds": 120, ...}, "tls": {"mode": "auto|files|off",
    /// "certificate": "FILE", "key": "FILE"}, "allowPlainHttp": false, "maintenance": {...},
    /// "storage": {"domains": ["DIR", ...], "writeQuorum": N}, "limits": {"repositories": N,
    /// "imagesPerRepository": N}}. Unknown keys are errors.
    static bool readConfigFile(const QString& path, DaemonOptions* options, QString* error);
    /// "host:port", "[v6]:port" or ":port"; false with a message when it is not one of those.
    static bool parseListen(const QString& text, DaemonOptions* options, QString* error);
    /// The TLS settings hang together (files mode has both files) and plain HTTP is only served on a
    /// loopback address unless allowPlainHttp; false with a message that says how to fix it.
    bool checkTransport(QString* error) const;
    /// The per-user data directory (e.g. ~/.local/share/berth).
    static QString defaultDataDirectory();
};

} // namespace berth
