#include "server/ServerWorker.h"

#include "host/RegistryHost.h"
#include "http/HttpServer.h"
#include "maintenance/MaintenanceScheduler.h"
#include "tls/LocalCertificateAuthority.h"
#include "tls/TlsCredentials.h"

#include <QDir>
#include <QHostAddress>
#include <QSslSocket>

namespace berth {

namespace {

bool parseAddress(const QString& text, QHostAddress* address)
{
    if (text.isEmpty() || text == QLatin1String("localhost")) {
        *address = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    return address->setAddress(text);
}

} // namespace

ServerWorker::ServerWorker() = default;

ServerWorker::~ServerWorker()
{
    tearDown();
}

int ServerWorker::connectionCount() const
{
    HttpServer* server = m_publishedServer.load();
    return server ? server->connectionCount() : 0;
}

void ServerWorker::start(const ServerSettings& settings)
{
    QHostAddress address;
    if (!parseAddress(settings.listenAddress, &address)) {
        emit failed(tr("\"%1\" is not an IP address to listen on. Enter one such as 127.0.0.1 in Settings.")
                        .arg(settings.listenAddress));
        return;
    }
    if (settings.tlsMode == TlsMode::Off && !address.isLoopback()) {
        emit failed(tr("Plain HTTP is only served on loopback addresses such as 127.0.0.1. Turn on HTTPS in "
                       "Settings to listen on %1.")
                        .arg(settings.listenAddress));
        return;
    }
    if (!QDir().mkpath(settings.dataDirectory)) {
        emit failed(tr("Cannot create the data folder %1. Choose another one in Settings.")
                        .arg(QDir::toNativeSeparators(settings.dataDirectory)));
        return;
    }

    RegistryHost::Options options;
    options.dataDirectory = settings.dataDirectory;
    options.jobRunner = m_jobRunner.load();
    m_host = std::make_unique<RegistryHost>(options);
    const Result<void> opened = m_host->open();
    if (!opened) {
        m_host.reset();
        emit failed(tr("Cannot open the registry data in %1: %2")
                        .arg(QDir::toNativeSeparators(settings.dataDirectory), opened.error().message));
        return;
    }

    m_server = std::make_unique<HttpServer>(m_host->handlerFactory());
    QString caCertificate;
    QString error;
    if (settings.tlsMode != TlsMode::Off && !setUpTls(settings, address, &caCertificate, &error)) {
        tearDown();
        emit failed(error);
        return;
    }
    if (!m_server->listen(address, settings.port)) {
        error = tr("Cannot listen on %1:%2: %3. Another program may be using the port; choose another one in "
                   "Settings.")
                    .arg(address.toString())
                    .arg(settings.port)
                    .arg(m_server->errorString());
        tearDown();
        emit failed(error);
        return;
    }
    m_publishedServer.store(m_server.get());
    m_publishedHost.store(m_host.get());
    // Maintenance (garbage collection...) when due, checked every ten minutes in this thread.
    m_host->scheduler().start(10 * 60 * 1000);
    emit started(m_server->address().toString(), m_server->port(), m_server->isSecure(), caCertificate,
                 m_host->administratorBootstrap());
}

bool ServerWorker::setUpTls(const ServerSettings& settings, const QHostAddress& address,
                            QString* caCertificate, QString* error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = tr("Cannot serve HTTPS: Qt's TLS backend is not available (is OpenSSL 3 installed?).");
        return false;
    }
    QString certificateFile = settings.certificateFile;
    QString keyFile = settings.keyFile;
    if (settings.tlsMode == TlsMode::Auto) {
        LocalCertificateAuthority authority(
            QDir(settings.dataDirectory).absoluteFilePath(QStringLiteral("keys")));
        LocalCertificateAuthority::Outcome outcome;
        QString reason;
        if (!authority.ensure(LocalCertificateAuthority::namesFor(address), &outcome, &reason)) {
            *error = tr("Cannot set up HTTPS with a local CA: %1").arg(reason);
            return false;
        }
        certificateFile = authority.certificatePath();
        keyFile = authority.keyPath();
        *caCertificate = authority.authorityCertificatePath();
    } else if (certificateFile.isEmpty() || keyFile.isEmpty()) {
        *error = tr("HTTPS with your own certificate needs a certificate file and a key file. Choose both in "
                    "Settings.");
        return false;
    }
    TlsCredentials credentials;
    QString reason;
    QStringList warnings;
    if (!credentials.load(certificateFile, keyFile, Clock::system(), &reason, &warnings)) {
        *error = tr("Cannot serve HTTPS: %1").arg(reason);
        return false;
    }
    for (const QString& warning : std::as_const(warnings))
        qWarning().noquote() << warning;
    m_server->setSslConfiguration(credentials.serverConfiguration());
    return true;
}

void ServerWorker::stop(int drainTimeoutMs)
{
    m_publishedHost.store(nullptr);
    m_publishedServer.store(nullptr);
    if (!m_server) {
        tearDown();
        emit stopped();
        return;
    }
    // Queued: drained() is emitted from inside the server, which tearDown() destroys.
    connect(
        m_server.get(), &HttpServer::drained, this,
        [this] {
            tearDown();
            emit stopped();
        },
        Qt::QueuedConnection);
    m_server->shutdown(drainTimeoutMs);
}

void ServerWorker::shutdownNow()
{
    tearDown();
}

void ServerWorker::tearDown()
{
    m_publishedHost.store(nullptr);
    m_publishedServer.store(nullptr);
    m_server.reset(); // joins the HTTP worker threads before the registry goes
    if (m_host) {
        m_host->flush();
        m_host.reset();
    }
}

} // namespace berth
