#include "http/HttpServer.h"
#include "tls/LocalCertificateAuthority.h"
#include "tls/TlsCredentials.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <future>
#include <openssl/err.h>
#include <openssl/ssl.h>

using namespace berth;

namespace {

QByteArray bigBody()
{
    static const QByteArray body = [] {
        QByteArray b(6 * 1024 * 1024 + 17, Qt::Uninitialized);
        for (qsizetype i = 0; i < b.size(); ++i)
            b[i] = static_cast<char>(i * 31 + i / 4093);
        return b;
    }();
    return body;
}

QByteArray sha256Hex(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

/// /secure answers whether the request came over TLS; /echo hashes the body; /big streams bigBody().
class TlsTestHandler : public HttpHandler
{
public:
    bool onBody(QByteArrayView chunk, HttpResponder&) override
    {
        m_hash.addData(chunk);
        m_length += chunk.size();
        return true;
    }

    void onComplete(const HttpRequest& request, HttpResponder& responder) override
    {
        if (request.path == QLatin1String("/secure")) {
            responder.send(200, request.secure ? "secure" : "plain", "text/plain");
        } else if (request.path == QLatin1String("/echo")) {
            responder.send(200, QByteArray::number(m_length) + ' ' + m_hash.result().toHex(), "text/plain");
        } else if (request.path == QLatin1String("/big")) {
            auto buffer = std::make_unique<QBuffer>();
            buffer->setData(bigBody());
            buffer->open(QIODevice::ReadOnly);
            responder.sendStream(200, std::move(buffer), 0, bigBody().size(), "application/octet-stream");
        } else {
            responder.send(404);
        }
    }

    static std::unique_ptr<HttpHandler> create(const HttpRequest&)
    {
        return std::make_unique<TlsTestHandler>();
    }

private:
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_length = 0;
};

HttpLimits testLimits()
{
    HttpLimits limits;
    limits.workerThreads = 2;
    limits.headerTimeoutMs = 5000;
    limits.idleTimeoutMs = 5000;
    return limits;
}

/// A raw OpenSSL client that allows exactly `version` (security level 0, so OpenSSL itself would
/// allow old protocols): the negotiated version, or 0 when the server refused the handshake.
int handshakeWithVersion(quint16 port, int version)
{
    SSL_CTX* context = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_security_level(context, 0);
    SSL_CTX_set_min_proto_version(context, version);
    SSL_CTX_set_max_proto_version(context, version);
    SSL_CTX_set_cipher_list(context, "DEFAULT:@SECLEVEL=0");
    SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nullptr);
    const QByteArray where = "127.0.0.1:" + QByteArray::number(port);
    BIO* bio = BIO_new_connect(where.constData());
    int negotiated = 0;
    if (bio && BIO_do_connect(bio) == 1) {
        SSL* ssl = SSL_new(context);
        SSL_set_bio(ssl, bio, bio); // ssl owns bio now
        bio = nullptr;
        if (SSL_connect(ssl) == 1)
            negotiated = SSL_version(ssl);
        SSL_free(ssl);
    }
    BIO_free_all(bio);
    SSL_CTX_free(context);
    ERR_clear_error();
    return negotiated;
}

} // namespace

/// HttpServer over TLS with a certificate from the local CA.
class TestTlsServer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QSslCertificate m_ca;
    QSslConfiguration m_serverConfiguration;

    std::unique_ptr<HttpServer> startServer(const HttpLimits& limits = testLimits())
    {
        auto server = std::make_unique<HttpServer>(&TlsTestHandler::create, limits);
        server->setSslConfiguration(m_serverConfiguration);
        if (!server->listen(QHostAddress::LocalHost, 0))
            qFatal("listen failed: %s", qPrintable(server->errorString()));
        return server;
    }

    QSslConfiguration trustingConfiguration() const
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates({m_ca});
        return configuration;
    }

    /// Runs one request through QNetworkAccessManager; the reply is finished when returned.
    std::unique_ptr<QNetworkReply> fetch(QNetworkAccessManager& manager, const QUrl& url,
                                         const QSslConfiguration& configuration,
                                         const QByteArray& postBody = QByteArray())
    {
        QNetworkRequest request(url);
        request.setSslConfiguration(configuration);
        std::unique_ptr<QNetworkReply> reply(postBody.isNull() ? manager.get(request)
                                                               : manager.post(request, postBody));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(30000))
            qWarning("request to %s did not finish", qPrintable(url.toString()));
        return reply;
    }

    static QUrl url(const HttpServer& server, const char* path)
    {
        return QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(server.port()).arg(QLatin1String(path)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(QSslSocket::supportsSsl());
        LocalCertificateAuthority authority(m_dir.filePath(QStringLiteral("keys")));
        LocalCertificateAuthority::Outcome outcome;
        QString error;
        QVERIFY2(
            authority.ensure(LocalCertificateAuthority::namesFor(QHostAddress::LocalHost), &outcome, &error),
            qPrintable(error));
        TlsCredentials credentials;
        QStringList warnings;
        QVERIFY2(credentials.load(authority.certificatePath(), authority.keyPath(), Clock::system(), &error,
                                  &warnings),
                 qPrintable(error));
        m_serverConfiguration = credentials.serverConfiguration();
        QFile ca(authority.authorityCertificatePath());
        QVERIFY(ca.open(QIODevice::ReadOnly));
        m_ca = QSslCertificate(ca.readAll(), QSsl::Pem);
        QVERIFY(!m_ca.isNull());
    }

    void answersAClientThatTrustsTheCa()
    {
        auto server = startServer();
        QVERIFY(server->isSecure());
        QNetworkAccessManager manager;
        auto reply = fetch(manager, url(*server, "/secure"), trustingConfiguration());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), QByteArray("secure"));
        QVERIFY(reply->sslConfiguration().sessionProtocol() >= QSsl::TlsV1_2);

        // Bodies both ways, through the TLS socket (no sendfile): an upload and a streamed download.
        const QByteArray upload = bigBody().left(3 * 1024 * 1024 + 5);
        auto echoed = fetch(manager, url(*server, "/echo"), trustingConfiguration(), upload);
        QCOMPARE(echoed->error(), QNetworkReply::NoError);
        QCOMPARE(echoed->readAll(), QByteArray::number(upload.size()) + ' ' + sha256Hex(upload));
        auto big = fetch(manager, url(*server, "/big"), trustingConfiguration());
        QCOMPARE(big->error(), QNetworkReply::NoError);
        QCOMPARE(sha256Hex(big->readAll()), sha256Hex(bigBody()));
    }

    void verifiesAsLocalhost()
    {
        auto server = startServer();
        QSslSocket socket;
        socket.setSslConfiguration(trustingConfiguration());
        QSignalSpy encrypted(&socket, &QSslSocket::encrypted);
        QSignalSpy errors(&socket, &QSslSocket::sslErrors);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->port(),
                                      QStringLiteral("localhost"));
        QTRY_VERIFY_WITH_TIMEOUT(encrypted.count() == 1 || errors.count() > 0 ||
                                     socket.state() == QAbstractSocket::UnconnectedState,
                                 20000);
        QCOMPARE(errors.count(), 0);
        QCOMPARE(encrypted.count(), 1);
        socket.write("GET /secure HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QByteArray response;
        QTRY_VERIFY_WITH_TIMEOUT((response += socket.readAll()).endsWith("secure"), 20000);
        QVERIFY(response.startsWith("HTTP/1.1 200"));
    }

    void aClientThatDoesNotTrustTheCaFails()
    {
        auto server = startServer();
        QNetworkAccessManager manager;
        auto reply = fetch(manager, url(*server, "/secure"), QSslConfiguration::defaultConfiguration());
        QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
        QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 20000);
    }

    void dropsAClientThatNeverHandshakes()
    {
        HttpLimits limits = testLimits();
        limits.headerTimeoutMs = 300;
        auto server = startServer(limits);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(10000));
        QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 10000);
    }

    void plainHttpOnTheTlsPortIsDropped()
    {
        auto server = startServer();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(10000));
        socket.write("GET /secure HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT(
            (received += socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState), 20000);
        QVERIFY2(!received.startsWith("HTTP/"), received.constData());
        QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 10000);

        // The server is none the worse for it.
        QNetworkAccessManager manager;
        auto reply = fetch(manager, url(*server, "/secure"), trustingConfiguration());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), QByteArray("secure"));
    }

    void refusesTls11()
    {
        auto server = startServer();
        const quint16 port = server->port();
        auto run = [port](int version) {
            return std::async(std::launch::async,
                              [port, version] { return handshakeWithVersion(port, version); });
        };
        auto ready = [](std::future<int>& f) {
            return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
        };

        std::future<int> tls12 = run(TLS1_2_VERSION);
        QTRY_VERIFY_WITH_TIMEOUT(ready(tls12), 20000);
        QCOMPARE(tls12.get(), TLS1_2_VERSION); // the same client works with 1.2...
        std::future<int> tls13 = run(TLS1_3_VERSION);
        QTRY_VERIFY_WITH_TIMEOUT(ready(tls13), 20000);
        QCOMPARE(tls13.get(), TLS1_3_VERSION);
        std::future<int> tls11 = run(TLS1_1_VERSION);
        QTRY_VERIFY_WITH_TIMEOUT(ready(tls11), 20000);
        QCOMPARE(tls11.get(), 0); // ...and is refused with 1.1
        std::future<int> tls10 = run(TLS1_VERSION);
        QTRY_VERIFY_WITH_TIMEOUT(ready(tls10), 20000);
        QCOMPARE(tls10.get(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 10000);
    }

    void raisesAnOldMinimumProtocolToTls12()
    {
        QSslConfiguration old = m_serverConfiguration;
        QT_WARNING_PUSH
        QT_WARNING_DISABLE_DEPRECATED
        old.setProtocol(QSsl::TlsV1_0OrLater);
        QT_WARNING_POP
        auto server = std::make_unique<HttpServer>(&TlsTestHandler::create, testLimits());
        server->setSslConfiguration(old);
        QVERIFY(server->listen(QHostAddress::LocalHost, 0));
        const quint16 port = server->port();
        std::future<int> tls11 =
            std::async(std::launch::async, [port] { return handshakeWithVersion(port, TLS1_1_VERSION); });
        QTRY_VERIFY_WITH_TIMEOUT(tls11.wait_for(std::chrono::seconds(0)) == std::future_status::ready, 20000);
        QCOMPARE(tls11.get(), 0);
    }

    void shutdownDropsPendingHandshakes()
    {
        HttpLimits limits = testLimits();
        limits.headerTimeoutMs = 120'000; // only the shutdown can end this handshake in time
        auto server = startServer(limits);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(10000));
        QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 1, 10000);
        QSignalSpy drained(server.get(), &HttpServer::drained);
        server->shutdown(60'000);
        QVERIFY(drained.wait(20000));
        QCOMPARE(server->connectionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTlsServer)
#include "tst_TlsServer.moc"
