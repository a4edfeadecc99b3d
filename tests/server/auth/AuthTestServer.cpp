#include "AuthTestServer.h"

#include "http/HttpResponder.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

namespace berth::test {

QByteArray TestReply::header(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

QJsonObject TestReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray basicAuth(const QString& user, const QString& password)
{
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

TestReply httpRequest(quint16 port, const QByteArray& method, const QByteArray& target,
                      const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& body,
                      bool sendContentLength)
{
    TestReply reply;
    QTcpSocket socket;
    QByteArray received;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, [&](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError)
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        QByteArray request = method + ' ' + target +
                             " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                             "\r\nConnection: close\r\n";
        for (const auto& h : headers)
            request += h.first + ": " + h.second + "\r\n";
        if (sendContentLength && (!body.isEmpty() || method == "POST"))
            request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        request += "\r\n" + body;
        socket.write(request);
    });
    timeout.start(15000);
    socket.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
    received += socket.readAll();

    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0)
        return reply;
    const QList<QByteArray> lines = received.left(end).split('\n');
    const QList<QByteArray> statusParts = lines.first().trimmed().split(' ');
    if (statusParts.size() < 2)
        return reply;
    reply.status = statusParts[1].toInt();
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            reply.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    reply.body = received.mid(end + 4);
    reply.ok = true;
    return reply;
}

namespace {

/// A registry route guarded by RequestAuthenticator.
class GuardedHandler final : public HttpHandler
{
public:
    GuardedHandler(RequestAuthenticator& authenticator, Access access, QString repository)
        : m_authenticator(authenticator), m_access(access), m_repository(std::move(repository))
    {}

    void onHeaders(const HttpRequest& request, HttpResponder& responder) override
    {
        m_outcome = m_authenticator.authenticate(request, m_access, m_repository);
        if (!m_outcome.allowed())
            m_outcome.sendRefusal(responder);
    }
    void onComplete(const HttpRequest&, HttpResponder& responder) override
    {
        if (responder.hasResponded())
            return;
        responder.addHeader("Docker-Distribution-API-Version", "registry/2.0");
        const QJsonObject o{{QStringLiteral("user"), m_outcome.subject.userName},
                            {QStringLiteral("anonymous"), m_outcome.subject.anonymous}};
        responder.send(200, QJsonDocument(o).toJson(QJsonDocument::Compact), "application/json");
    }

private:
    RequestAuthenticator& m_authenticator;
    Access m_access;
    QString m_repository;
    AuthenticationOutcome m_outcome;
};

} // namespace

AuthTestServer::AuthTestServer(const QString& keyPath)
{
    auto loaded = keyPath.isEmpty() ? SigningKey::generate() : SigningKey::loadOrCreate(keyPath);
    if (loaded)
        key = loaded.value();
    JwtService::Options jwtOptions;
    jwtOptions.audience = QStringLiteral("berth-test");
    jwtOptions.issuer = QStringLiteral("berth-test-issuer");
    jwt = std::make_unique<JwtService>(key, jwtOptions, clock);
    throttle = std::make_unique<SignInThrottle>(clock);
    signIn = std::make_unique<SignInService>(verifier, *throttle, &sink);
    TokenService::Options tokenOptions;
    tokenOptions.service = jwtOptions.audience;
    tokens = std::make_unique<TokenService>(tokenOptions, *jwt, *signIn, authorizer, refreshTokens, clock);
    RequestAuthenticator::Options authOptions;
    authOptions.service = tokenOptions.service;
    authenticator = std::make_unique<RequestAuthenticator>(authOptions, *jwt, *signIn, authorizer);

    tokens->addRoutes(router);
    auto guarded = [this](Access access) {
        return [this, access](const HttpRequest&, const RouteMatch& match) -> std::unique_ptr<HttpHandler> {
            return std::make_unique<GuardedHandler>(*authenticator, access, match.name);
        };
    };
    router.add({{"GET", "HEAD"}, QStringLiteral("/v2/"), Access::None, guarded(Access::None)});
    router.add({{"GET"}, QStringLiteral("/v2/_catalog"), Access::Catalog, guarded(Access::Catalog)});
    router.add({{"GET", "HEAD"},
                QStringLiteral("/v2/{name}/manifests/{param}"),
                Access::Pull,
                guarded(Access::Pull)});
    router.add(
        {{"PUT"}, QStringLiteral("/v2/{name}/manifests/{param}"), Access::Push, guarded(Access::Push)});
    router.add({{"DELETE"},
                QStringLiteral("/v2/{name}/manifests/{param}"),
                Access::Delete,
                guarded(Access::Delete)});
}

AuthTestServer::~AuthTestServer()
{
    if (server) {
        QEventLoop loop;
        QObject::connect(server.get(), &HttpServer::drained, &loop, &QEventLoop::quit);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        server->shutdown(2000);
        loop.exec();
        server.reset();
    }
}

bool AuthTestServer::start()
{
    HttpLimits limits;
    limits.workerThreads = 2;
    server = std::make_unique<HttpServer>(router.factory(), limits);
    return key && server->listen(QHostAddress::LocalHost, 0);
}

quint16 AuthTestServer::port() const
{
    return server ? server->port() : 0;
}

QByteArray AuthTestServer::hostPort() const
{
    return "127.0.0.1:" + QByteArray::number(port());
}

} // namespace berth::test
