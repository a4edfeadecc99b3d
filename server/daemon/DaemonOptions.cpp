#include "daemon/DaemonOptions.h"

#include "storage/ReplicatedBlobStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <cstdio>

namespace berth {

namespace {

void printError(const QString& message)
{
    std::fprintf(stderr, "berthd: %s\n", qUtf8Printable(message));
}

bool readSeconds(const QJsonObject& http, const char* key, int* targetMs, QString* error)
{
    const QJsonValue value = http.value(QLatin1String(key));
    if (value.isUndefined())
        return true;
    if (!value.isDouble() || value.toDouble() <= 0 || value.toDouble() > 86400) {
        *error = DaemonOptions::tr("\"http.%1\" must be a number of seconds between 1 and 86400.")
                     .arg(QLatin1String(key));
        return false;
    }
    *targetMs = int(value.toDouble() * 1000);
    return true;
}

bool parseTlsMode(const QString& text, DaemonOptions::TlsMode* mode)
{
    if (text == QLatin1String("auto"))
        *mode = DaemonOptions::TlsMode::Auto;
    else if (text == QLatin1String("files"))
        *mode = DaemonOptions::TlsMode::Files;
    else if (text == QLatin1String("off"))
        *mode = DaemonOptions::TlsMode::Off;
    else
        return false;
    return true;
}

/// One number of the "maintenance" section: a whole number, 0 or more, times `unitSeconds`.
bool readMaintenanceValue(const QJsonObject& maintenance, const QString& key, qint64 unitSeconds,
                          const QString& path, qint64* seconds, QString* error)
{
    if (!maintenance.contains(key))
        return true;
    const double value = maintenance.value(key).toDouble(-1);
    if (!maintenance.value(key).isDouble() || value < 0 || value != double(qint64(value)) || value > 1e6) {
        *error = DaemonOptions::tr("\"maintenance\": \"%1\" in %2 must be a whole number, 0 or more (0 turns "
                                   "it off).")
                     .arg(key, path);
        return false;
    }
    *seconds = qint64(value) * unitSeconds;
    return true;
}

bool readMaintenance(const QJsonValue& value, const QString& path, DaemonOptions* options, QString* error)
{
    if (value.isUndefined())
        return true;
    if (!value.isObject()) {
        *error =
            DaemonOptions::tr("\"maintenance\" in %1 must be an object such as {\"gcIntervalHours\": 24}.")
                .arg(path);
        return false;
    }
    const QJsonObject maintenance = value.toObject();
    static const QStringList known = {QStringLiteral("gcIntervalHours"), QStringLiteral("scrubIntervalHours"),
                                      QStringLiteral("retentionIntervalMinutes"),
                                      QStringLiteral("gcGracePeriodMinutes"),
                                      QStringLiteral("usageSampleIntervalMinutes")};
    for (const QString& key : maintenance.keys()) {
        if (!known.contains(key)) {
            *error =
                DaemonOptions::tr("\"maintenance\" in %1 has an unknown setting \"%2\"; known settings: %3.")
                    .arg(path, key, known.join(QStringLiteral(", ")));
            return false;
        }
    }
    if (!readMaintenanceValue(maintenance, QStringLiteral("retentionIntervalMinutes"), 60, path,
                              &options->retentionIntervalSeconds, error))
        return false;
    return readMaintenanceValue(maintenance, QStringLiteral("gcIntervalHours"), 3600, path,
                                &options->gcIntervalSeconds, error) &&
           readMaintenanceValue(maintenance, QStringLiteral("scrubIntervalHours"), 3600, path,
                                &options->scrubIntervalSeconds, error) &&
           readMaintenanceValue(maintenance, QStringLiteral("gcGracePeriodMinutes"), 60, path,
                                &options->gcGracePeriodSeconds, error) &&
           readMaintenanceValue(maintenance, QStringLiteral("usageSampleIntervalMinutes"), 60, path,
                                &options->usageSampleIntervalSeconds, error);
}

/// The "limits" section: the registry's repository and per-repository image limits.
bool readLimits(const QJsonValue& value, const QString& path, DaemonOptions* options, QString* error)
{
    if (value.isUndefined())
        return true;
    const QString example = QStringLiteral("{\"repositories\": 500, \"imagesPerRepository\": 100000}");
    if (!value.isObject()) {
        *error = DaemonOptions::tr("\"limits\" in %1 must be an object such as %2.").arg(path, example);
        return false;
    }
    const QJsonObject limits = value.toObject();
    static const QStringList known = {QStringLiteral("repositories"), QStringLiteral("imagesPerRepository")};
    for (const QString& key : limits.keys()) {
        if (!known.contains(key)) {
            *error = DaemonOptions::tr("\"limits\" in %1 has an unknown setting \"%2\"; known settings: %3.")
                         .arg(path, key, known.join(QStringLiteral(", ")));
            return false;
        }
        const double number = limits.value(key).toDouble(-1);
        if (!limits.value(key).isDouble() || number < 1 || number > double(RegistryLimits::Maximum) ||
            number != double(qint64(number))) {
            *error = DaemonOptions::tr("\"limits\": \"%1\" in %2 must be a whole number from 1 to %3.")
                         .arg(key, path)
                         .arg(RegistryLimits::Maximum);
            return false;
        }
    }
    options->registryLimits.repositories = qint64(
        limits.value(QStringLiteral("repositories")).toDouble(double(options->registryLimits.repositories)));
    options->registryLimits.imagesPerRepository =
        qint64(limits.value(QStringLiteral("imagesPerRepository"))
                   .toDouble(double(options->registryLimits.imagesPerRepository)));
    return true;
}

/// The "storage" section: fault domains (absolute directories) and the write quorum. Whether they hang
/// together (no duplicates or nesting, quorum within the count) is checked here too, so berthd refuses to
/// start before it touches anything.
bool readStorage(const QJsonValue& value, const QString& path, DaemonOptions* options, QString* error)
{
    if (value.isUndefined())
        return true;
    const QString example =
        QStringLiteral("{\"domains\": [\"/disk1/berth\", \"/disk2/berth\"], \"writeQuorum\": 2}");
    if (!value.isObject()) {
        *error = DaemonOptions::tr("\"storage\" in %1 must be an object such as %2.").arg(path, example);
        return false;
    }
    const QJsonObject storage = value.toObject();
    static const QStringList known = {QStringLiteral("domains"), QStringLiteral("writeQuorum")};
    for (const QString& key : storage.keys()) {
        if (!known.contains(key)) {
            *error = DaemonOptions::tr("\"storage\" in %1 has an unknown setting \"%2\"; known settings: %3.")
                         .arg(path, key, known.join(QStringLiteral(", ")));
            return false;
        }
    }
    StorageOptions result;
    const QJsonValue domains = storage.value(QStringLiteral("domains"));
    if (!domains.isUndefined()) {
        if (!domains.isArray()) {
            *error =
                DaemonOptions::tr("\"storage\": \"domains\" in %1 must be a list of directories, as in %2.")
                    .arg(path, example);
            return false;
        }
        for (const QJsonValue& domain : domains.toArray()) {
            if (!domain.isString() || !QDir::isAbsolutePath(domain.toString())) {
                *error =
                    DaemonOptions::tr("\"storage\": \"domains\" in %1 must list absolute directory paths "
                                      "(one per disk); %2 is not one.")
                        .arg(path, domain.isString() ? domain.toString() : QStringLiteral("a non-string"));
                return false;
            }
            result.domains << domain.toString();
        }
    }
    const QJsonValue quorum = storage.value(QStringLiteral("writeQuorum"));
    if (!quorum.isUndefined()) {
        const double n = quorum.toDouble(-1);
        if (!quorum.isDouble() || n < 0 || n != double(int(n))) {
            *error =
                DaemonOptions::tr("\"storage\": \"writeQuorum\" in %1 must be a whole number: how many "
                                  "copies must be durable before a write is acknowledged (0: every domain).")
                    .arg(path);
            return false;
        }
        result.writeQuorum = int(n);
    }
    // The domains are absolute, so the data directory (perhaps still to come from --data) does not matter
    // for these checks; RegistryService::open() checks again against it.
    auto valid = ReplicatedBlobStore::validate(QStringLiteral("/"), result);
    if (!valid) {
        *error = DaemonOptions::tr("\"storage\" in %1: %2").arg(path, valid.error().message);
        return false;
    }
    options->storage = result;
    return true;
}

bool readTls(const QJsonValue& value, const QString& path, DaemonOptions* options, QString* error)
{
    if (value.isUndefined())
        return true;
    if (!value.isObject()) {
        *error =
            DaemonOptions::tr("\"tls\" in %1 must be an object: {\"mode\": \"auto\"} or {\"certificate\": "
                              "\"FILE\", \"key\": \"FILE\"}.")
                .arg(path);
        return false;
    }
    const QJsonObject tls = value.toObject();
    static const QStringList known = {QStringLiteral("mode"), QStringLiteral("certificate"),
                                      QStringLiteral("key")};
    for (const QString& key : tls.keys()) {
        if (!known.contains(key)) {
            *error =
                DaemonOptions::tr("The config file %1 has an unknown setting \"tls.%2\"; known settings: %3.")
                    .arg(path, key, known.join(QStringLiteral(", ")));
            return false;
        }
        if (!tls.value(key).isString()) {
            *error = DaemonOptions::tr("\"tls.%1\" in %2 must be a string.").arg(key, path);
            return false;
        }
    }
    options->tlsCertificateFile = tls.value(QStringLiteral("certificate")).toString();
    options->tlsKeyFile = tls.value(QStringLiteral("key")).toString();
    if (tls.contains(QStringLiteral("mode"))) {
        if (!parseTlsMode(tls.value(QStringLiteral("mode")).toString(), &options->tlsMode)) {
            *error =
                DaemonOptions::tr("\"tls.mode\" in %1 must be \"auto\", \"files\" or \"off\", not \"%2\".")
                    .arg(path, tls.value(QStringLiteral("mode")).toString());
            return false;
        }
    } else if (!options->tlsCertificateFile.isEmpty() || !options->tlsKeyFile.isEmpty()) {
        options->tlsMode = DaemonOptions::TlsMode::Files;
    }
    return true;
}

} // namespace

QString DaemonOptions::defaultDataDirectory()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return base + QStringLiteral("/berth");
}

bool DaemonOptions::parseListen(const QString& text, DaemonOptions* options, QString* error)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon >= 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    if (colon < 0 || !ok || port > 65535) {
        *error = tr("\"%1\" is not an address to listen on; write it as HOST:PORT, e.g. 127.0.0.1:5000.")
                     .arg(text);
        return false;
    }
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host.isEmpty() || host == QLatin1String("*"))
        address = QHostAddress::Any;
    else if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host)) {
        *error = tr("\"%1\" is not an IP address; give the numeric address to listen on.").arg(host);
        return false;
    }
    options->address = address;
    options->port = quint16(port);
    return true;
}

bool DaemonOptions::readConfigFile(const QString& path, DaemonOptions* options, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the config file %1: %2.").arg(path, file.errorString());
        return false;
    }
    if (file.size() > 1024 * 1024) {
        *error = tr("The config file %1 is larger than 1 MiB.").arg(path);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = doc.isNull() ? tr("The config file %1 is not valid JSON: %2 at byte %3.")
                                    .arg(path, parseError.errorString())
                                    .arg(parseError.offset)
                              : tr("The config file %1 must hold a JSON object.").arg(path);
        return false;
    }
    const QJsonObject root = doc.object();
    static const QStringList known = {QStringLiteral("listen"),
                                      QStringLiteral("data"),
                                      QStringLiteral("logLevel"),
                                      QStringLiteral("http"),
                                      QStringLiteral("tls"),
                                      QStringLiteral("allowPlainHttp"),
                                      QStringLiteral("adminPasswordFile"),
                                      QStringLiteral("maintenance"),
                                      QStringLiteral("storage"),
                                      QStringLiteral("limits")};
    for (const QString& key : root.keys()) {
        if (!known.contains(key)) {
            *error = tr("The config file %1 has an unknown setting \"%2\"; known settings: %3.")
                         .arg(path, key, known.join(QStringLiteral(", ")));
            return false;
        }
    }
    if (root.contains(QStringLiteral("listen")) &&
        !parseListen(root.value(QStringLiteral("listen")).toString(), options, error))
        return false;
    if (root.contains(QStringLiteral("data")))
        options->dataDirectory = root.value(QStringLiteral("data")).toString();
    if (root.contains(QStringLiteral("logLevel")))
        options->logLevel = root.value(QStringLiteral("logLevel")).toString();
    if (root.contains(QStringLiteral("adminPasswordFile")))
        options->adminPasswordFile = root.value(QStringLiteral("adminPasswordFile")).toString();
    if (!readTls(root.value(QStringLiteral("tls")), path, options, error))
        return false;
    if (!readMaintenance(root.value(QStringLiteral("maintenance")), path, options, error))
        return false;
    if (!readStorage(root.value(QStringLiteral("storage")), path, options, error))
        return false;
    if (!readLimits(root.value(QStringLiteral("limits")), path, options, error))
        return false;
    if (root.contains(QStringLiteral("allowPlainHttp"))) {
        if (!root.value(QStringLiteral("allowPlainHttp")).isBool()) {
            *error = tr("\"allowPlainHttp\" in %1 must be true or false.").arg(path);
            return false;
        }
        options->allowPlainHttp = root.value(QStringLiteral("allowPlainHttp")).toBool();
    }
    const QJsonObject http = root.value(QStringLiteral("http")).toObject();
    if (http.contains(QStringLiteral("workerThreads")))
        options->limits.workerThreads = http.value(QStringLiteral("workerThreads")).toInt();
    return readSeconds(http, "idleTimeoutSeconds", &options->limits.idleTimeoutMs, error) &&
           readSeconds(http, "headerTimeoutSeconds", &options->limits.headerTimeoutMs, error) &&
           readSeconds(http, "bodyStallTimeoutSeconds", &options->limits.bodyStallTimeoutMs, error) &&
           readSeconds(http, "sendStallTimeoutSeconds", &options->limits.sendStallTimeoutMs, error);
}

bool DaemonOptions::checkTransport(QString* error) const
{
    if (tlsMode == TlsMode::Files && (tlsCertificateFile.isEmpty() || tlsKeyFile.isEmpty())) {
        *error =
            tr("HTTPS with your own certificate needs both files: --tls-cert FILE and --tls-key FILE (or "
               "\"tls\": {\"certificate\": \"FILE\", \"key\": \"FILE\"} in the config file).");
        return false;
    }
    if (tlsMode == TlsMode::Off && !address.isLoopback() && !allowPlainHttp) {
        const QString where = address.protocol() == QAbstractSocket::IPv6Protocol
                                  ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(port)
                                  : QStringLiteral("%1:%2").arg(address.toString()).arg(port);
        *error =
            tr("Refusing to serve plain HTTP on %1: it is not a loopback address, so passwords and images "
               "would cross the network unencrypted. Serve HTTPS with --tls auto (berthd makes a local CA "
               "and certificate and tells clients how to trust it) or with --tls-cert FILE --tls-key FILE; "
               "or, on a network you trust, add --allow-plain-http.")
                .arg(where);
        return false;
    }
    return true;
}

DaemonOptions::ParseOutcome DaemonOptions::parse(const QStringList& arguments, DaemonOptions* options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Berth's headless registry server: an OCI / Docker Registry V2 server for docker, podman, "
           "skopeo and helm."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        tr("Address and port to listen on (default 127.0.0.1:5000; port 0 picks a "
           "free port)."),
        tr("HOST:PORT"));
    const QCommandLineOption data(
        QStringLiteral("data"),
        tr("Directory for the registry's data (default %1).").arg(defaultDataDirectory()), tr("DIR"));
    const QCommandLineOption config(
        QStringLiteral("config"),
        tr("Read settings from a JSON file. To keep every blob on several disks, give it \"storage\": "
           "{\"domains\": [\"/disk1/berth\", \"/disk2/berth\", \"/disk3/berth\"], \"writeQuorum\": 2} "
           "(writes are acknowledged once 2 copies are durable; see README)."),
        tr("FILE"));
    const QCommandLineOption readyFile(QStringLiteral("ready-file"),
                                       tr("Once listening, write the address (HOST:PORT) to this file."),
                                       tr("FILE"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      tr("How much to log: debug, info, warning or error (default info)."),
                                      tr("LEVEL"));
    const QCommandLineOption tls(
        QStringLiteral("tls"),
        tr("Serve HTTPS. auto: make a local CA and a server certificate in DIR/keys on "
           "first start (and renew it); files: use --tls-cert and --tls-key; off: plain "
           "HTTP."),
        tr("MODE"));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        tr("Serve HTTPS with this certificate (PEM; the server's certificate first, "
           "then intermediates)."),
        tr("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    tr("The private key of --tls-cert (PEM, without a passphrase)."),
                                    tr("FILE"));
    const QCommandLineOption allowPlainHttp(
        QStringLiteral("allow-plain-http"),
        tr("Serve plain HTTP on an address other than loopback (only on a "
           "network you trust: passwords and images cross it unencrypted)."));
    const QCommandLineOption adminPasswordFile(
        QStringLiteral("admin-password-file"),
        tr("On first start, give the administrator \"admin\" the password in the first line of this file "
           "instead of a generated one (at least 12 characters)."),
        tr("FILE"));
    parser.addOptions(
        {listen, data, config, readyFile, logLevel, tls, tlsCert, tlsKey, allowPlainHttp, adminPasswordFile});

    if (!parser.parse(arguments)) {
        printError(parser.errorText() + QLatin1Char(' ') + tr("(see berthd --help)"));
        return ParseOutcome::ExitError;
    }
    if (parser.isSet(helpOption)) {
        std::fputs(qUtf8Printable(parser.helpText()), stdout);
        return ParseOutcome::ExitOk;
    }
    if (parser.isSet(versionOption)) {
        std::printf("berthd %s\n", BERTH_VERSION);
        return ParseOutcome::ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(
            tr("Unexpected argument \"%1\" (see berthd --help).").arg(parser.positionalArguments().first()));
        return ParseOutcome::ExitError;
    }

    QString error;
    if (parser.isSet(config) && !readConfigFile(parser.value(config), options, &error)) {
        printError(error);
        return ParseOutcome::ExitError;
    }
    if (parser.isSet(listen) && !parseListen(parser.value(listen), options, &error)) {
        printError(error);
        return ParseOutcome::ExitError;
    }
    if (parser.isSet(data))
        options->dataDirectory = parser.value(data);
    if (options->dataDirectory.isEmpty())
        options->dataDirectory = defaultDataDirectory();
    if (parser.isSet(readyFile))
        options->readyFile = parser.value(readyFile);
    if (parser.isSet(adminPasswordFile))
        options->adminPasswordFile = parser.value(adminPasswordFile);
    if (parser.isSet(logLevel))
        options->logLevel = parser.value(logLevel);
    static const QStringList levels = {QStringLiteral("debug"), QStringLiteral("info"),
                                       QStringLiteral("warning"), QStringLiteral("error")};
    if (!levels.contains(options->logLevel)) {
        printError(tr("Unknown log level \"%1\"; use debug, info, warning or error.").arg(options->logLevel));
        return ParseOutcome::ExitError;
    }
    if (parser.isSet(tls) && !parseTlsMode(parser.value(tls), &options->tlsMode)) {
        printError(
            tr("Unknown TLS mode \"%1\"; use --tls auto, --tls files (with --tls-cert and --tls-key) or "
               "--tls off.")
                .arg(parser.value(tls)));
        return ParseOutcome::ExitError;
    }
    if (parser.isSet(tlsCert) || parser.isSet(tlsKey)) {
        if (parser.isSet(tls) && options->tlsMode != TlsMode::Files) {
            printError(tr("--tls %1 does not take --tls-cert or --tls-key; leave out --tls to serve your own "
                          "certificate.")
                           .arg(parser.value(tls)));
            return ParseOutcome::ExitError;
        }
        options->tlsMode = TlsMode::Files;
        if (parser.isSet(tlsCert))
            options->tlsCertificateFile = parser.value(tlsCert);
        if (parser.isSet(tlsKey))
            options->tlsKeyFile = parser.value(tlsKey);
    }
    if (parser.isSet(allowPlainHttp))
        options->allowPlainHttp = true;
    if (!options->checkTransport(&error)) {
        printError(error);
        return ParseOutcome::ExitError;
    }
    return ParseOutcome::Run;
}

} // namespace berth
