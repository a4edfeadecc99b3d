#include "daemon/DaemonOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
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
        *error = DaemonOptions::tr("\"http.%1\" must be a number of seconds between 1 and 86400.").arg(QLatin1String(key));
        return false;
    }
    *targetMs = int(value.toDouble() * 1000);
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
        *error = tr("\"%1\" is not an address to listen on; write it as HOST:PORT, e.g. 127.0.0.1:5000.").arg(text);
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
    static const QStringList known = {QStringLiteral("listen"), QStringLiteral("data"), QStringLiteral("logLevel"),
                                      QStringLiteral("http")};
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
    const QJsonObject http = root.value(QStringLiteral("http")).toObject();
    if (http.contains(QStringLiteral("workerThreads")))
        options->limits.workerThreads = http.value(QStringLiteral("workerThreads")).toInt();
    return readSeconds(http, "idleTimeoutSeconds", &options->limits.idleTimeoutMs, error) &&
           readSeconds(http, "headerTimeoutSeconds", &options->limits.headerTimeoutMs, error) &&
           readSeconds(http, "bodyStallTimeoutSeconds", &options->limits.bodyStallTimeoutMs, error) &&
           readSeconds(http, "sendStallTimeoutSeconds", &options->limits.sendStallTimeoutMs, error);
}

DaemonOptions::ParseOutcome DaemonOptions::parse(const QStringList& arguments, DaemonOptions* options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Berth's headless registry server: an OCI / Docker Registry V2 server for docker, podman, "
           "skopeo and helm."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    tr("Address and port to listen on (default 127.0.0.1:5000; port 0 picks a "
                                       "free port)."),
                                    tr("HOST:PORT"));
    const QCommandLineOption data(QStringLiteral("data"),
                                  tr("Directory for the registry's data (default %1).").arg(defaultDataDirectory()),
                                  tr("DIR"));
    const QCommandLineOption config(QStringLiteral("config"), tr("Read settings from a JSON file."), tr("FILE"));
    const QCommandLineOption readyFile(QStringLiteral("ready-file"),
                                       tr("Once listening, write the address (HOST:PORT) to this file."), tr("FILE"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      tr("How much to log: debug, info, warning or error (default info)."),
                                      tr("LEVEL"));
    parser.addOptions({listen, data, config, readyFile, logLevel});

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
        printError(tr("Unexpected argument \"%1\" (see berthd --help).").arg(parser.positionalArguments().first()));
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
    if (parser.isSet(logLevel))
        options->logLevel = parser.value(logLevel);
    static const QStringList levels = {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                                       QStringLiteral("error")};
    if (!levels.contains(options->logLevel)) {
        printError(tr("Unknown log level \"%1\"; use debug, info, warning or error.").arg(options->logLevel));
        return ParseOutcome::ExitError;
    }
    return ParseOutcome::Run;
}

} // namespace berth
