#include "daemon/Daemon.h"

#include "host/RegistryHost.h"
#include "http/HttpServer.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceScheduler.h"
#include "tls/LocalCertificateAuthority.h"
#include "tls/TlsCredentials.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QSslSocket>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace berth {

namespace {

int g_signalPipe[2] = {-1, -1};

void onPosixSignal(int)
{
    const char byte = 1;
    const ssize_t ignored = ::write(g_signalPipe[1], &byte, 1);
    (void)ignored;
}

} // namespace

Daemon::Daemon(DaemonOptions options, QObject* parent) : QObject(parent), m_options(std::move(options)) {}

Daemon::~Daemon()
{
    m_server.reset(); // joins the worker threads before the registry goes
    if (m_host)
        m_host->flush();
}

bool Daemon::start()
{
    RegistryHost::Options hostOptions;
    hostOptions.dataDirectory = m_options.dataDirectory;
    hostOptions.adminPasswordFile = m_options.adminPasswordFile;
    hostOptions.gcIntervalSeconds = m_options.gcIntervalSeconds;
    hostOptions.gcGracePeriodSeconds = m_options.gcGracePeriodSeconds;
    hostOptions.scrubIntervalSeconds = m_options.scrubIntervalSeconds;
    hostOptions.retentionIntervalSeconds = m_options.retentionIntervalSeconds;
    hostOptions.usageSampleIntervalSeconds = m_options.usageSampleIntervalSeconds;
    hostOptions.storage = m_options.storage;
    hostOptions.limits = m_options.registryLimits;
    m_host = std::make_unique<RegistryHost>(hostOptions);
    const Result<void> opened = m_host->open();
    if (!opened) {
        qCritical().noquote() << tr("Cannot open the registry data in %1: %2")
                                     .arg(QDir::toNativeSeparators(m_options.dataDirectory),
                                          opened.error().message);
        return false;
    }
    const AdministratorBootstrap& bootstrap = m_host->administratorBootstrap();
    if (bootstrap.created && !bootstrap.passwordFromFile) {
        qWarning().noquote() << tr("Created the administrator \"%1\" with the password %2")
                                    .arg(bootstrap.userName, bootstrap.password);
        qWarning().noquote() << tr("This password is shown only now: keep it somewhere safe.");
    } else if (bootstrap.created) {
        qInfo().noquote() << tr("Created the administrator \"%1\" with the password from %2.")
                                 .arg(bootstrap.userName, m_options.adminPasswordFile);
    }

    const HttpHandlerFactory routes = m_host->handlerFactory();
    HttpHandlerFactory factory = [routes](const HttpRequest& request) {
        qDebug().noquote() << QString::fromLatin1(request.method) << QString::fromUtf8(request.target)
                           << "from" << request.peerAddress.toString();
        return routes(request);
    };
    m_server = std::make_unique<HttpServer>(factory, m_options.limits);
    if (!setUpTls())
        return false;
    if (!m_server->listen(m_options.address, m_options.port)) {
        qCritical().noquote() << tr("Cannot listen on %1:%2: %3")
                                     .arg(m_options.address.toString())
                                     .arg(m_options.port)
                                     .arg(m_server->errorString());
        return false;
    }
    connect(m_server.get(), &HttpServer::drained, QCoreApplication::instance(), &QCoreApplication::quit);
    installSignalHandlers();
    if (!writeReadyFile())
        return false;
    printWelcome();
    logJobs();
    m_host->scheduler().start();
    return true;
}

void Daemon::logJobs()
{
    // One line when a job starts and one when it ends (queued on this thread: jobs report from theirs).
    connect(&m_host->jobs(), &JobRunner::jobChanged, this, [this](const JobSnapshot& job) {
        if (job.state == JobState::Running && !m_startedJobs.contains(job.id)) {
            m_startedJobs.insert(job.id);
            qInfo().noquote() << tr("Job %1 started: %2.").arg(job.id).arg(job.title);
        } else if (job.isFinished()) {
            m_startedJobs.remove(job.id);
            qInfo().noquote() << tr("Job %1 (%2) ended: %3. %4")
                                     .arg(job.id)
                                     .arg(job.title, JobSnapshot::stateName(job.state), job.result);
        }
    });
}

bool Daemon::setUpTls()
{
    if (m_options.tlsMode == DaemonOptions::TlsMode::Off)
        return true;
    if (!QSslSocket::supportsSsl()) {
        qCritical().noquote() << tr("Cannot serve HTTPS: Qt's TLS backend is not available (is OpenSSL 3 "
                                    "installed?).");
        return false;
    }
    QString certificateFile = m_options.tlsCertificateFile;
    QString keyFile = m_options.tlsKeyFile;
    if (m_options.tlsMode == DaemonOptions::TlsMode::Auto) {
        LocalCertificateAuthority authority(
            QDir(m_options.dataDirectory).absoluteFilePath(QStringLiteral("keys")));
        LocalCertificateAuthority::Outcome outcome;
        QString error;
        if (!authority.ensure(LocalCertificateAuthority::namesFor(m_options.address), &outcome, &error)) {
            qCritical().noquote() << tr("Cannot set up HTTPS with a local CA: %1").arg(error);
            return false;
        }
        if (outcome.issuedCertificate)
            qInfo().noquote() << tr("Issued a new HTTPS certificate, %1 (%2).")
                                     .arg(QDir::toNativeSeparators(authority.certificatePath()),
                                          outcome.reason);
        certificateFile = authority.certificatePath();
        keyFile = authority.keyPath();
        m_localCaCertificate = authority.authorityCertificatePath();
        m_localCaCreated = outcome.createdAuthority;
    }
    TlsCredentials credentials;
    QString error;
    QStringList warnings;
    if (!credentials.load(certificateFile, keyFile, Clock::system(), &error, &warnings)) {
        qCritical().noquote() << tr("Cannot serve HTTPS: %1").arg(error);
        return false;
    }
    for (const QString& warning : std::as_const(warnings))
        qWarning().noquote() << warning;
    m_server->setSslConfiguration(credentials.serverConfiguration());
    return true;
}

void Daemon::installSignalHandlers()
{
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        qWarning().noquote() << tr("Cannot watch for SIGTERM; stop berthd with SIGKILL if needed.");
        return;
    }
    m_signalNotifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, this);
    connect(m_signalNotifier, &QSocketNotifier::activated, this, &Daemon::onSignal);
    struct sigaction action = {};
    action.sa_handler = onPosixSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

void Daemon::onSignal()
{
    char buffer[16];
    while (::read(g_signalPipe[0], buffer, sizeof buffer) > 0) {
    }
    if (m_stopping) {
        qWarning().noquote() << tr("Second stop signal: quitting without waiting for requests in flight.");
        QCoreApplication::exit(1);
        return;
    }
    m_stopping = true;
    qInfo().noquote() << tr("Stopping: no new connections; waiting for %1 open connection(s) to finish.")
                             .arg(m_server->connectionCount());
    m_server->shutdown();
}

bool Daemon::writeReadyFile()
{
    if (m_options.readyFile.isEmpty())
        return true;
    QSaveFile file(m_options.readyFile);
    const QByteArray host = m_server->address().protocol() == QAbstractSocket::IPv6Protocol
                                ? '[' + m_server->address().toString().toLatin1() + ']'
                                : m_server->address().toString().toLatin1();
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(host + ':' + QByteArray::number(m_server->port()) + '\n') < 0 || !file.commit()) {
        qCritical().noquote()
            << tr("Cannot write the ready file %1: %2").arg(m_options.readyFile, file.errorString());
        return false;
    }
    return true;
}

void Daemon::printWelcome() const
{
    QString host = m_server->address().toString();
    if (m_server->address() == QHostAddress::Any || m_server->address() == QHostAddress::AnyIPv6)
        host = QStringLiteral("127.0.0.1");
    else if (m_server->address().protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    const QString where = QStringLiteral("%1:%2").arg(host).arg(m_server->port());
    const bool secure = m_server->isSecure();
    const QString url = (secure ? QStringLiteral("https://") : QStringLiteral("http://")) + where;
    qInfo().noquote() << tr("Berth %1 is serving the registry at %2 with its data in %3.")
                             .arg(QStringLiteral(BERTH_VERSION), url,
                                  QDir::toNativeSeparators(QDir(m_options.dataDirectory).absolutePath()));
    if (!m_localCaCertificate.isEmpty()) {
        if (m_localCaCreated) {
            LocalCertificateAuthority authority(QFileInfo(m_localCaCertificate).absolutePath());
            for (const QString& line : authority.trustInstructions(where))
                qInfo().noquote() << line;
        } else {
            qInfo().noquote() << tr("Its certificate comes from the local CA %1; clients must trust that CA "
                                    "(README.md, \"HTTPS\", says how).")
                                     .arg(QDir::toNativeSeparators(m_localCaCertificate));
        }
    }
    qInfo().noquote() << tr("Sign in first (user admin, or a user an administrator made, with a password or "
                            "an auth token), then push and pull:");
    qInfo().noquote() << QStringLiteral("  docker login %1").arg(where);
    qInfo().noquote() << QStringLiteral("  docker push %1/hello:latest").arg(where);
    if (secure) {
        qInfo().noquote() << QStringLiteral(
                                 "  podman login %1 && podman push localhost/hello:latest %1/hello:latest")
                                 .arg(where);
        qInfo().noquote()
            << QStringLiteral("  skopeo copy docker-archive:hello.tar docker://%1/hello:latest").arg(where);
        if (m_localCaCertificate.isEmpty())
            qInfo().noquote() << QStringLiteral("  helm push mychart-0.1.0.tgz oci://%1/charts").arg(where);
        else
            qInfo().noquote() << QStringLiteral("  helm push mychart-0.1.0.tgz oci://%1/charts --ca-file %2")
                                     .arg(where, QDir::toNativeSeparators(m_localCaCertificate));
    } else {
        qInfo().noquote() << QStringLiteral("  podman login --tls-verify=false %1").arg(where);
        qInfo().noquote() << QStringLiteral(
                                 "  podman push --tls-verify=false localhost/hello:latest %1/hello:latest")
                                 .arg(where);
        qInfo().noquote() << QStringLiteral("  skopeo copy --dest-tls-verify=false --dest-creds admin "
                                            "docker-archive:hello.tar docker://%1/hello:latest")
                                 .arg(where);
        qInfo().noquote() << QStringLiteral("  helm registry login --insecure %1").arg(where);
        qInfo().noquote()
            << QStringLiteral("  helm push mychart-0.1.0.tgz oci://%1/charts --plain-http").arg(where);
    }
    qInfo().noquote() << tr("Press Ctrl+C to stop.");
}

} // namespace berth
