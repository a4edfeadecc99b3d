#pragma once

#include "AuthTestDoubles.h"
#include "auth/JwtService.h"
#include "auth/MemoryRefreshTokenStore.h"
#include "auth/RequestAuthenticator.h"
#include "auth/SignInService.h"
#include "auth/SignInThrottle.h"
#include "auth/SigningKey.h"
#include "auth/TokenService.h"
#include "http/HttpServer.h"
#include "routing/Router.h"
#include "util/Clock.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <memory>

namespace berth::test {

/// One response, read until the server closed the connection.
struct TestReply
{
    bool ok = false;
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const;
    QJsonObject json() const;
};

/// Sends one request with "Connection: close" and waits (running the event loop) for the answer.
TestReply httpRequest(quint16 port, const QByteArray& method, const QByteArray& target,
                      const QList<QPair<QByteArray, QByteArray>>& headers = {},
                      const QByteArray& body = QByteArray(), bool sendContentLength = true);
QByteArray basicAuth(const QString& user, const QString& password);

/// The auth pieces wired together behind a real HttpServer on 127.0.0.1, port 0: the token
/// endpoint, plus stand-in registry routes (/v2/, /v2/_catalog, manifests GET/PUT/DELETE) that
/// answer 200 {"user": ...} when RequestAuthenticator allows them.
class AuthTestServer
{
public:
    explicit AuthTestServer(const QString& keyPath = QString());
    ~AuthTestServer();

    bool start();
    quint16 port() const;
    QByteArray hostPort() const;

    ManualClock clock;
    FakeCredentialVerifier verifier;
    FakeScopeAuthorizer authorizer;
    RecordingSink sink;
    std::shared_ptr<SigningKey> key;
    std::unique_ptr<JwtService> jwt;
    std::unique_ptr<SignInThrottle> throttle;
    std::unique_ptr<SignInService> signIn;
    MemoryRefreshTokenStore refreshTokens;
    std::unique_ptr<TokenService> tokens;
    std::unique_ptr<RequestAuthenticator> authenticator;
    Router router;
    std::unique_ptr<HttpServer> server;
};

} // namespace berth::test
