// The token endpoint and registry-side authentication end to end, over a real HttpServer on port 0,
// with fake identity and policy; plus throttling with a ManualClock.
#include "AuthTestServer.h"
#include "auth/HttpCredentials.h"
#include "http/HttpRequest.h"

#include <QFile>
#include <QJsonArray>
#include <QtTest>

using namespace berth;
using namespace berth::test;

class TestAuthTokenFlow : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void getWithBasic();
    void getGrantsIntersection();
    void getAnonymous();
    void getAnonymousRefusedWhenDisabled();
    void getBadCredentials();
    void getOfflineToken();
    void getBadRequests();
    void postPasswordGrant();
    void postRefreshGrant();
    void refreshFailsForDisabledUser();
    void refreshFailsForDeletedUser();
    void refreshTokenStoredHashed();
    void postErrors();
    void malformedFormBodies();
    void oversizeBody();
    void challengeHeaders();
    void bearerOnRegistry();
    void bearerInsufficientScopeOrDenied();
    void expiredBearerRefused();
    void basicOnRegistry();
    void anonymousOnRegistry();
    void realmFromHostAndExternalUrl();
    void throttleOverHttp();
    void throttleRules();
    void auditEvents();

private:
    TestReply get(const QByteArray& target, const QByteArray& authorization = QByteArray())
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        return httpRequest(m_server->port(), "GET", target, headers);
    }
    TestReply post(const QByteArray& body, const QByteArray& type = "application/x-www-form-urlencoded")
    {
        return httpRequest(m_server->port(), "POST", "/v2/token", {{"Content-Type", type}}, body);
    }
    QByteArray tokenFor(const QString& user, const QString& password, const QByteArray& scope)
    {
        const TestReply r = get("/v2/token?service=berth-test&scope=" + scope, basicAuth(user, password));
        return r.json().value(QLatin1String("token")).toString().toLatin1();
    }
    QByteArray realm() const { return "http://" + m_server->hostPort() + "/v2/token"; }

    std::unique_ptr<AuthTestServer> m_server;
};

void TestAuthTokenFlow::init()
{
    m_server = std::make_unique<AuthTestServer>();
    QVERIFY(m_server->start());
    m_server->verifier.addUser(QStringLiteral("alice"), QStringLiteral("alice-pw"),
                               {QStringLiteral("Developers")});
    m_server->verifier.addUser(QStringLiteral("reader"), QStringLiteral("reader-pw"),
                               {QStringLiteral("Readers")});
    m_server->verifier.addUser(QStringLiteral("root"), QStringLiteral("root-pw"), {}, true);
    m_server->authorizer.allow(QStringLiteral("alice"), QStringLiteral("team/app"),
                               {QStringLiteral("pull"), QStringLiteral("push"), QStringLiteral("delete")});
    m_server->authorizer.allow(QStringLiteral("reader"), QStringLiteral("team/app"),
                               {QStringLiteral("pull")});
    m_server->authorizer.allow(QString(), QStringLiteral("public/base"), {QStringLiteral("pull")});
    m_server->authorizer.allow(QStringLiteral("*"), QStringLiteral("public/base"), {QStringLiteral("pull")});
}

void TestAuthTokenFlow::cleanup()
{
    m_server.reset();
}

void TestAuthTokenFlow::getWithBasic()
{
    const TestReply r = get("/v2/token?service=berth-test&scope=repository:team/app:pull,push&account=alice",
                            basicAuth(QStringLiteral("alice"), QStringLiteral("alice-pw")));
    QVERIFY(r.ok);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject o = r.json();
    QVERIFY(!o.value(QLatin1String("token")).toString().isEmpty());
    QCOMPARE(o.value(QLatin1String("access_token")), o.value(QLatin1String("token")));
    QCOMPARE(o.value(QLatin1String("expires_in")).toInt(), 300);
    QCOMPARE(QDateTime::fromString(o.value(QLatin1String("issued_at")).toString(), Qt::ISODate),
             m_server->clock.now());
    QVERIFY(!o.contains(QLatin1String("refresh_token")));

    Result<TokenClaims> claims = m_server->jwt->verify(o.value(QLatin1String("token")).toString().toLatin1());
    QVERIFY2(claims.ok(), qPrintable(claims.error().message));
    QCOMPARE(claims->subject, QStringLiteral("alice"));
    QCOMPARE(claims->audience, QStringLiteral("berth-test"));
    QCOMPARE(claims->access.size(), 1);
    QCOMPARE(claims->access[0].toScope(), QStringLiteral("repository:team/app:pull,push"));
}

void TestAuthTokenFlow::getGrantsIntersection()
{
    // reader asks for pull,push and gets pull; other repositories and types are left out.
    const TestReply r = get("/v2/token?service=berth-test&scope=repository:team/app:pull,push"
                            "&scope=repository:secret/x:pull&scope=registry:catalog:*&scope=plugin:x:y",
                            basicAuth(QStringLiteral("reader"), QStringLiteral("reader-pw")));
    QCOMPARE(r.status, 200);
    Result<TokenClaims> claims =
        m_server->jwt->verify(r.json().value(QLatin1String("token")).toString().toLatin1());
    QVERIFY(claims.ok());
    QCOMPARE(claims->access.size(), 1);
    QCOMPARE(claims->access[0].toScope(), QStringLiteral("repository:team/app:pull"));

    // Space-separated scopes in one parameter ('+' is a space in a query string) work too.
    const TestReply both = get("/v2/token?scope=repository:team/app:pull+repository:public/base:pull",
                               basicAuth(QStringLiteral("reader"), QStringLiteral("reader-pw")));
    QCOMPARE(both.status, 200);
    claims = m_server->jwt->verify(both.json().value(QLatin1String("token")).toString().toLatin1());
    QVERIFY(claims.ok());
    QCOMPARE(claims->access.size(), 2);

    // The administrator gets the catalog.
    const TestReply admin = get("/v2/token?scope=registry:catalog:*",
                                basicAuth(QStringLiteral("root"), QStringLiteral("root-pw")));
    claims = m_server->jwt->verify(admin.json().value(QLatin1String("token")).toString().toLatin1());
    QVERIFY(claims.ok());
    QCOMPARE(claims->access.size(), 1);
    QCOMPARE(claims->access[0].toScope(), QStringLiteral("registry:catalog:*"));
    QVERIFY(claims->administrator);
}

void TestAuthTokenFlow::getAnonymous()
{
    const TestReply r = get("/v2/token?service=berth-test&scope=repository:public/base:pull,push"
                            "&scope=repository:team/app:pull");
    QCOMPARE(r.status, 200);
    Result<TokenClaims> claims =
        m_server->jwt->verify(r.json().value(QLatin1String("token")).toString().toLatin1());
    QVERIFY(claims.ok());
    QVERIFY(claims->anonymous());
    QCOMPARE(claims->access.size(), 1);
    QCOMPARE(claims->access[0].toScope(), QStringLiteral("repository:public/base:pull"));
    // Anonymous never gets a refresh token.
    QVERIFY(!get("/v2/token?offline_token=true&client_id=x").json().contains(QLatin1String("refresh_token")));
}

void TestAuthTokenFlow::getAnonymousRefusedWhenDisabled()
{
    TokenService::Options options = m_server->tokens->options();
    options.allowAnonymous = false;
    TokenService strict(options, *m_server->jwt, *m_server->signIn, m_server->authorizer,
                        m_server->refreshTokens, m_server->clock);
    HttpRequest request;
    request.method = "GET";
    request.target = "/v2/token?scope=repository:public/base:pull";
    const TokenService::Reply r = strict.handleGet(request);
    QCOMPARE(r.status, 401);
}

void TestAuthTokenFlow::getBadCredentials()
{
    const TestReply r = get("/v2/token?service=berth-test&scope=repository:team/app:pull",
                            basicAuth(QStringLiteral("alice"), QStringLiteral("wrong")));
    QCOMPARE(r.status, 401);
    const QJsonObject e = r.json().value(QLatin1String("errors")).toArray().first().toObject();
    QCOMPARE(e.value(QLatin1String("code")).toString(), QStringLiteral("UNAUTHORIZED"));
    QVERIFY(!e.value(QLatin1String("message")).toString().isEmpty());
    QVERIFY(r.header("WWW-Authenticate").startsWith("Basic realm="));
    QVERIFY(!r.json().contains(QLatin1String("token")));

    QCOMPARE(get("/v2/token", basicAuth(QStringLiteral("nobody"), QStringLiteral("x"))).status, 401);
    QCOMPARE(get("/v2/token", "Basic !!!notbase64").status, 401);
    QCOMPARE(get("/v2/token", "Bearer abc").status, 401);
    QCOMPARE(get("/v2/token", "Digest username=alice").status, 401);
}

void TestAuthTokenFlow::getOfflineToken()
{
    const TestReply r = get("/v2/token?service=berth-test&offline_token=true&client_id=docker&account=alice",
                            basicAuth(QStringLiteral("alice"), QStringLiteral("alice-pw")));
    QCOMPARE(r.status, 200);
    const QString refresh = r.json().value(QLatin1String("refresh_token")).toString();
    QVERIFY(refresh.size() >= 40);
    const auto record = m_server->refreshTokens.find(refresh, m_server->clock.now());
    QVERIFY(record);
    QCOMPARE(record->userName, QStringLiteral("alice"));
    QCOMPARE(record->clientId, QStringLiteral("docker"));
    QCOMPARE(record->expires, m_server->clock.now().addDays(30));
}

void TestAuthTokenFlow::getBadRequests()
{
    const QByteArray alice = basicAuth(QStringLiteral("alice"), QStringLiteral("alice-pw"));
    TestReply r = get("/v2/token?service=other&scope=repository:team/app:pull", alice);
    QCOMPARE(r.status, 400);
    QVERIFY(r.json()
                .value(QLatin1String("errors"))
                .toArray()
                .first()
                .toObject()
                .value(QLatin1String("message"))
                .toString()
                .contains(QLatin1String("berth-test")));
    r = get("/v2/token?scope=repository:Team/App:pull", alice);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json()
                 .value(QLatin1String("errors"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("code"))
                 .toString(),
             QStringLiteral("NAME_INVALID"));
    QCOMPARE(get("/v2/token?scope=repository:a:pull&account=bob", alice).status, 400);
    QCOMPARE(get("/v2/token?service=berth-test&service=berth-test", alice).status, 400);
    QCOMPARE(get("/v2/token?scope=%zz", alice).status, 400);
    QCOMPARE(get("/v2/token?scope", alice).status, 400);
}

void TestAuthTokenFlow::postPasswordGrant()
{
    const TestReply r =
        post("grant_type=password&username=alice&password=alice-pw&client_id=containerd-client"
             "&service=berth-test&access_type=offline"
             "&scope=repository%3Ateam%2Fapp%3Apull%2Cpush+repository%3Asecret%2Fx%3Apull");
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QVERIFY(!o.value(QLatin1String("access_token")).toString().isEmpty());
    QVERIFY(!o.contains(QLatin1String("token")));
    QCOMPARE(o.value(QLatin1String("expires_in")).toInt(), 300);
    QVERIFY(o.contains(QLatin1String("issued_at")));
    QCOMPARE(o.value(QLatin1String("scope")).toString(), QStringLiteral("repository:team/app:pull,push"));
    QCOMPARE(o.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
    QVERIFY(!o.value(QLatin1String("refresh_token")).toString().isEmpty());
    QVERIFY(m_server->jwt->verify(o.value(QLatin1String("access_token")).toString().toLatin1()).ok());

    // Without access_type=offline, no refresh token.
    const TestReply online = post("grant_type=password&username=alice&password=alice-pw&client_id=c");
    QCOMPARE(online.status, 200);
    QVERIFY(!online.json().contains(QLatin1String("refresh_token")));
    QCOMPARE(online.json().value(QLatin1String("scope")).toString(), QString());
    // A charset parameter on the content type is fine.
    QCOMPARE(post("grant_type=password&username=alice&password=alice-pw&client_id=c",
                  "application/x-www-form-urlencoded; charset=utf-8")
                 .status,
             200);
}

void TestAuthTokenFlow::postRefreshGrant()
{
    const TestReply first =
        post("grant_type=password&username=alice&password=alice-pw&client_id=c&access_type=offline");
    const QByteArray refresh = first.json().value(QLatin1String("refresh_token")).toString().toLatin1();
    QVERIFY(!refresh.isEmpty());
    m_server->clock.advance(3600);
    const TestReply r =
        post("grant_type=refresh_token&client_id=c&service=berth-test&refresh_token=" +
             QUrl::toPercentEncoding(QString::fromLatin1(refresh)) + "&scope=repository%3Ateam%2Fapp%3Apush");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("scope")).toString(), QStringLiteral("repository:team/app:push"));
    Result<TokenClaims> claims =
        m_server->jwt->verify(r.json().value(QLatin1String("access_token")).toString().toLatin1());
    QVERIFY(claims.ok());
    QCOMPARE(claims->subject, QStringLiteral("alice"));
    QCOMPARE(claims->issuedAt, m_server->clock.now());

    // Refresh tokens from the GET flow (docker login's identity token) work here too.
    const TestReply viaGet = get("/v2/token?offline_token=true&client_id=docker",
                                 basicAuth(QStringLiteral("alice"), QStringLiteral("alice-pw")));
    const QByteArray identity = viaGet.json().value(QLatin1String("refresh_token")).toString().toLatin1();
    QCOMPARE(post("grant_type=refresh_token&client_id=docker&refresh_token=" + identity).status, 200);

    // After 30 days it is gone.
    m_server->clock.advance(30 * 24 * 3600);
    const TestReply expired = post("grant_type=refresh_token&client_id=c&refresh_token=" + refresh);
    QCOMPARE(expired.status, 400);
    QCOMPARE(expired.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
}

void TestAuthTokenFlow::refreshFailsForDisabledUser()
{
    const QByteArray refresh =
        post("grant_type=password&username=alice&password=alice-pw&client_id=c&access_type=offline")
            .json()
            .value(QLatin1String("refresh_token"))
            .toString()
            .toLatin1();
    m_server->verifier.setDisabled(QStringLiteral("alice"), true);
    TestReply r = post("grant_type=refresh_token&client_id=c&refresh_token=" + refresh);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
    QVERIFY2(r.json().value(QLatin1String("error_description")).toString().contains(QLatin1String("locked")),
             r.body.constData());
    // The token was revoked: re-enabling the user does not bring it back.
    m_server->verifier.setDisabled(QStringLiteral("alice"), false);
    r = post("grant_type=refresh_token&client_id=c&refresh_token=" + refresh);
    QCOMPARE(r.status, 400);
}

void TestAuthTokenFlow::refreshFailsForDeletedUser()
{
    const QByteArray refresh =
        post("grant_type=password&username=alice&password=alice-pw&client_id=c&access_type=offline")
            .json()
            .value(QLatin1String("refresh_token"))
            .toString()
            .toLatin1();
    m_server->verifier.removeUser(QStringLiteral("alice"));
    const TestReply r = post("grant_type=refresh_token&client_id=c&refresh_token=" + refresh);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
}

void TestAuthTokenFlow::refreshTokenStoredHashed()
{
    MemoryRefreshTokenStore store;
    const QDateTime now = m_server->clock.now();
    const QString secret = store.create(QStringLiteral("u"), QStringLiteral("c"), now, now.addSecs(60));
    QVERIFY(store.find(secret, now));
    QVERIFY(!store.find(secret + QLatin1Char('x'), now));
    QVERIFY(!store.find(QString(), now));
    QVERIFY(!store.find(secret, now.addSecs(60)));
    const QString a = store.create(QStringLiteral("u"), QStringLiteral("c"), now, now.addSecs(60));
    const QString b = store.create(QStringLiteral("u"), QStringLiteral("c"), now, now.addSecs(60));
    QVERIFY(a != b);
    QCOMPARE(store.revokeUser(QStringLiteral("u")), 2);
    QVERIFY(!store.find(a, now));
}

void TestAuthTokenFlow::postErrors()
{
    auto expect = [this](const QByteArray& body, int status, const char* error) {
        const TestReply r = post(body);
        QCOMPARE(r.status, status);
        QCOMPARE(r.json().value(QLatin1String("error")).toString(), QLatin1String(error));
        QVERIFY(!r.json().value(QLatin1String("error_description")).toString().isEmpty());
    };
    expect("grant_type=password&username=alice&password=wrong&client_id=c", 400, "invalid_grant");
    expect("grant_type=password&username=nobody&password=x&client_id=c", 400, "invalid_grant");
    expect("username=alice&password=alice-pw&client_id=c", 400, "invalid_request");
    expect("grant_type=client_credentials&client_id=c", 400, "unsupported_grant_type");
    expect("grant_type=authorization_code&code=x&client_id=c", 400, "unsupported_grant_type");
    expect("grant_type=password&username=alice&password=alice-pw", 400, "invalid_request");
    expect("grant_type=password&username=alice&client_id=c", 400, "invalid_request");
    expect("grant_type=password&username=alice&password=alice-pw&client_id=c&service=other", 400,
           "invalid_request");
    expect("grant_type=password&username=alice&username=root&password=alice-pw&client_id=c", 400,
           "invalid_request");
    expect("grant_type=password&username=alice&password=alice-pw&client_id=c&scope=repository%3A..%3Apull",
           400, "invalid_scope");
    expect("grant_type=refresh_token&client_id=c", 400, "invalid_request");
    expect("grant_type=refresh_token&client_id=c&refresh_token=made-up", 400, "invalid_grant");
    expect("", 400, "invalid_request");

    // Wrong content types.
    TestReply r =
        post("grant_type=password&username=alice&password=alice-pw&client_id=c", "application/json");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_request"));
    r = httpRequest(m_server->port(), "POST", "/v2/token", {},
                    "grant_type=password&username=alice&password=alice-pw&client_id=c");
    QCOMPARE(r.status, 400);
    // Other methods are not served.
    QCOMPARE(httpRequest(m_server->port(), "PUT", "/v2/token").status, 405);
}

void TestAuthTokenFlow::malformedFormBodies()
{
    const QDir dir(QStringLiteral(BERTH_TEST_DATA "/auth/forms"));
    const QStringList files = dir.entryList({QStringLiteral("bad-*.form")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 4);
    for (const QString& name : files) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const TestReply r = post(file.readAll() + "&client_id=c");
        QVERIFY2(r.status == 400, qPrintable(name));
        QCOMPARE(r.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_request"));
        QVERIFY(!r.json().contains(QLatin1String("access_token")));
    }
}

void TestAuthTokenFlow::oversizeBody()
{
    const qint64 cap = m_server->tokens->options().maxFormBytes;
    QByteArray body = "grant_type=password&username=alice&password=alice-pw&client_id=c&pad=";
    body += QByteArray(cap - body.size(), 'x');
    QCOMPARE(body.size(), cap);
    QCOMPARE(post(body).status, 200); // exactly at the cap is fine
    body += 'x';
    TestReply r = post(body);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_request"));

    // Chunked (no Content-Length): refused as the bytes arrive.
    QByteArray chunked;
    for (int i = 0; i < 80; ++i)
        chunked += "400\r\n" + QByteArray(1024, 'y') + "\r\n";
    chunked += "0\r\n\r\n";
    r = httpRequest(m_server->port(), "POST", "/v2/token",
                    {{"Content-Type", "application/x-www-form-urlencoded"}, {"Transfer-Encoding", "chunked"}},
                    chunked, false);
    QCOMPARE(r.status, 413);
}

void TestAuthTokenFlow::challengeHeaders()
{
    TestReply r = get("/v2/");
    QCOMPARE(r.status, 401);
    QCOMPARE(r.header("WWW-Authenticate"), "Bearer realm=\"" + realm() + "\",service=\"berth-test\"");
    QCOMPARE(r.json()
                 .value(QLatin1String("errors"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("code"))
                 .toString(),
             QStringLiteral("UNAUTHORIZED"));

    r = get("/v2/team/app/manifests/latest");
    QCOMPARE(r.status, 401);
    QCOMPARE(r.header("WWW-Authenticate"),
             "Bearer realm=\"" + realm() + "\",service=\"berth-test\",scope=\"repository:team/app:pull\"");
    r = httpRequest(m_server->port(), "PUT", "/v2/team/app/manifests/latest", {}, "{}");
    QCOMPARE(r.header("WWW-Authenticate"),
             "Bearer realm=\"" + realm() +
                 "\",service=\"berth-test\",scope=\"repository:team/app:pull,push\"");
    r = httpRequest(m_server->port(), "DELETE", "/v2/team/app/manifests/sha256:abc");
    QCOMPARE(r.header("WWW-Authenticate"),
             "Bearer realm=\"" + realm() + "\",service=\"berth-test\",scope=\"repository:team/app:delete\"");
    r = get("/v2/_catalog");
    QCOMPARE(r.header("WWW-Authenticate"),
             "Bearer realm=\"" + realm() + "\",service=\"berth-test\",scope=\"registry:catalog:*\"");

    QCOMPARE(RequestAuthenticator::actionsFor(Access::Pull), QStringList{QStringLiteral("pull")});
    QCOMPARE(RequestAuthenticator::actionsFor(Access::Push),
             (QStringList{QStringLiteral("pull"), QStringLiteral("push")}));
    QCOMPARE(RequestAuthenticator::actionsFor(Access::Delete), QStringList{QStringLiteral("delete")});
    QCOMPARE(RequestAuthenticator::scopeFor(Access::Catalog, QString()),
             QStringLiteral("registry:catalog:*"));
    QCOMPARE(RequestAuthenticator::scopeFor(Access::None, QString()), QString());
}

void TestAuthTokenFlow::bearerOnRegistry()
{
    const QByteArray token =
        tokenFor(QStringLiteral("alice"), QStringLiteral("alice-pw"), "repository:team/app:pull,push");
    QVERIFY(!token.isEmpty());
    TestReply r = get("/v2/team/app/manifests/latest", "Bearer " + token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("user")).toString(), QStringLiteral("alice"));
    r = httpRequest(m_server->port(), "PUT", "/v2/team/app/manifests/latest",
                    {{"Authorization", "Bearer " + token}}, "{}");
    QCOMPARE(r.status, 200);
    // Any valid token opens /v2/.
    QCOMPARE(get("/v2/", "Bearer " + token).status, 200);
    const QByteArray anonymousToken =
        get("/v2/token").json().value(QLatin1String("token")).toString().toLatin1();
    QCOMPARE(get("/v2/", "Bearer " + anonymousToken).status, 200);
    // A forged token does not.
    QByteArray forged = token;
    forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
    r = get("/v2/", "Bearer " + forged);
    QCOMPARE(r.status, 401);
    QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer realm="));
}

void TestAuthTokenFlow::bearerInsufficientScopeOrDenied()
{
    // alice holds a pull token but may push: 401 insufficient_scope, so the client fetches a new token.
    const QByteArray pullOnly =
        tokenFor(QStringLiteral("alice"), QStringLiteral("alice-pw"), "repository:team/app:pull");
    TestReply r = httpRequest(m_server->port(), "PUT", "/v2/team/app/manifests/latest",
                              {{"Authorization", "Bearer " + pullOnly}}, "{}");
    QCOMPARE(r.status, 401);
    QVERIFY2(r.header("WWW-Authenticate")
                 .endsWith(",scope=\"repository:team/app:pull,push\",error=\"insufficient_scope\""),
             r.header("WWW-Authenticate").constData());
    // Token for another repository: same.
    r = get("/v2/public/base/manifests/latest", "Bearer " + pullOnly);
    QCOMPARE(r.status, 401);

    // reader may only pull: a push answers 403 DENIED with a plain message.
    const QByteArray readerToken =
        tokenFor(QStringLiteral("reader"), QStringLiteral("reader-pw"), "repository:team/app:pull,push");
    r = httpRequest(m_server->port(), "PUT", "/v2/team/app/manifests/latest",
                    {{"Authorization", "Bearer " + readerToken}}, "{}");
    QCOMPARE(r.status, 403);
    const QJsonObject e = r.json().value(QLatin1String("errors")).toArray().first().toObject();
    QCOMPARE(e.value(QLatin1String("code")).toString(), QStringLiteral("DENIED"));
    QCOMPARE(e.value(QLatin1String("message")).toString(),
             QStringLiteral("User reader is not allowed to push to the repository team/app."));
    QCOMPARE(get("/v2/team/app/manifests/latest", "Bearer " + readerToken).status, 200);
    QCOMPARE(get("/v2/_catalog", "Bearer " + readerToken).status, 403);
}

void TestAuthTokenFlow::expiredBearerRefused()
{
    const QByteArray token =
        tokenFor(QStringLiteral("alice"), QStringLiteral("alice-pw"), "repository:team/app:pull");
    QCOMPARE(get("/v2/team/app/manifests/latest", "Bearer " + token).status, 200);
    m_server->clock.advance(301 + m_server->jwt->options().leewaySeconds);
    const TestReply r = get("/v2/team/app/manifests/latest", "Bearer " + token);
    QCOMPARE(r.status, 401);
    QVERIFY(r.body.contains("expired"));
    QVERIFY(r.header("WWW-Authenticate").contains("scope=\"repository:team/app:pull\""));
}

void TestAuthTokenFlow::basicOnRegistry()
{
    TestReply r = get("/v2/", basicAuth(QStringLiteral("alice"), QStringLiteral("alice-pw")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("user")).toString(), QStringLiteral("alice"));
    QCOMPARE(get("/v2/team/app/manifests/x", basicAuth(QStringLiteral("alice"), QStringLiteral("alice-pw")))
                 .status,
             200);
    r = get("/v2/", basicAuth(QStringLiteral("alice"), QStringLiteral("nope")));
    QCOMPARE(r.status, 401);
    QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer realm="));
    r = httpRequest(m_server->port(), "DELETE", "/v2/team/app/manifests/x",
                    {{"Authorization", basicAuth(QStringLiteral("reader"), QStringLiteral("reader-pw"))}});
    QCOMPARE(r.status, 403);
    QVERIFY(r.body.contains("not allowed to delete from the repository team/app"));
    QCOMPARE(get("/v2/", "Negotiate abc").status, 401);
}

void TestAuthTokenFlow::anonymousOnRegistry()
{
    TestReply r = get("/v2/public/base/manifests/latest");
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value(QLatin1String("anonymous")).toBool());
    r = httpRequest(m_server->port(), "PUT", "/v2/public/base/manifests/latest", {}, "{}");
    QCOMPARE(r.status, 401);
    QVERIFY(r.header("WWW-Authenticate").contains("scope=\"repository:public/base:pull,push\""));
    // Signed in but not allowed: 403, not a challenge.
    r = httpRequest(m_server->port(), "PUT", "/v2/public/base/manifests/latest",
                    {{"Authorization", basicAuth(QStringLiteral("reader"), QStringLiteral("reader-pw"))}},
                    "{}");
    QCOMPARE(r.status, 403);
}

void TestAuthTokenFlow::realmFromHostAndExternalUrl()
{
    RequestAuthenticator::Options options;
    options.service = QStringLiteral("registry.example");
    RequestAuthenticator plain(options, *m_server->jwt, *m_server->signIn, m_server->authorizer);
    HttpRequest request;
    request.method = "GET";
    request.headers.append(qMakePair(QByteArray("Host"), QByteArray("registry.example:5443")));
    request.secure = true;
    QCOMPARE(plain.realm(request), QStringLiteral("https://registry.example:5443/v2/token"));
    QCOMPARE(
        plain.challenge(request, Access::Pull, QStringLiteral("a/b")),
        QByteArray("Bearer realm=\"https://registry.example:5443/v2/token\",service=\"registry.example\","
                   "scope=\"repository:a/b:pull\""));
    request.headers = {{"Host", "[::1]:5000"}};
    request.secure = false;
    QCOMPARE(plain.realm(request), QStringLiteral("http://[::1]:5000/v2/token"));
    // Hostile Host headers are not reflected into the challenge.
    for (const QByteArray& host : {QByteArray("evil\"example,realm=\"x"), QByteArray("a b"), QByteArray(""),
                                   QByteArray("host/path"), QByteArray("x:99999999")}) {
        request.headers = {{"Host", host}};
        QCOMPARE(plain.realm(request), QStringLiteral("http://localhost/v2/token"));
    }

    options.externalUrl = QStringLiteral("https://registry.example.com/");
    options.tokenPath = QStringLiteral("/auth/token");
    RequestAuthenticator external(options, *m_server->jwt, *m_server->signIn, m_server->authorizer);
    request.headers = {{"Host", "127.0.0.1:1234"}};
    QCOMPARE(external.realm(request), QStringLiteral("https://registry.example.com/auth/token"));
}

void TestAuthTokenFlow::throttleOverHttp()
{
    const QByteArray wrong = basicAuth(QStringLiteral("alice"), QStringLiteral("wrong"));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(get("/v2/token", wrong).status, 401);
    // The fifth failure starts the back-off.
    QCOMPARE(get("/v2/token", wrong).status, 401);
    const int callsBefore = m_server->verifier.verifyCalls();
    TestReply r = get("/v2/token", basicAuth(QStringLiteral("alice"), QStringLiteral("alice-pw")));
    QCOMPARE(r.status, 429);
    QCOMPARE(r.header("Retry-After"), QByteArray("2"));
    QCOMPARE(r.json()
                 .value(QLatin1String("errors"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("code"))
                 .toString(),
             QStringLiteral("TOOMANYREQUESTS"));
    QCOMPARE(m_server->verifier.verifyCalls(), callsBefore); // refused without checking
    // The same on the POST flow and on Basic registry requests.
    r = post("grant_type=password&username=alice&password=alice-pw&client_id=c");
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("Retry-After").toInt() >= 1);
    r = get("/v2/", basicAuth(QStringLiteral("alice"), QStringLiteral("alice-pw")));
    QCOMPARE(r.status, 429);
    QVERIFY(!r.header("Retry-After").isEmpty());

    // After the wait, the right password works again.
    m_server->clock.advance(2);
    QCOMPARE(get("/v2/token", basicAuth(QStringLiteral("alice"), QStringLiteral("alice-pw"))).status, 200);
}

void TestAuthTokenFlow::throttleRules()
{
    ManualClock clock;
    SignInThrottle throttle(clock);
    const QString bob = QStringLiteral("bob");

    // Per user name, from five different addresses.
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(throttle.retryAfter(bob, QStringLiteral("10.0.0.%1").arg(i)), 0);
        throttle.recordFailure(bob, QStringLiteral("10.0.0.%1").arg(i));
    }
    QCOMPARE(throttle.retryAfter(bob, QStringLiteral("10.0.0.9")), 0);
    throttle.recordFailure(bob, QStringLiteral("10.0.0.4"));
    QCOMPARE(throttle.retryAfter(bob, QStringLiteral("10.0.0.9")), 2);
    QCOMPARE(throttle.retryAfter(QStringLiteral("BOB"), QStringLiteral("10.0.0.9")), 2); // names fold case
    QCOMPARE(throttle.retryAfter(QStringLiteral("carol"), QStringLiteral("10.0.0.9")), 0);
    // Exponential back-off: 2, 4, 8, ... capped at 300.
    qint64 expected = 2;
    for (int i = 0; i < 12; ++i) {
        clock.advance(expected);
        QCOMPARE(throttle.retryAfter(bob, QStringLiteral("10.0.0.9")), 0);
        throttle.recordFailure(bob, QStringLiteral("10.0.1.%1").arg(i));
        expected = qMin<qint64>(expected * 2, 300);
        QCOMPARE(throttle.retryAfter(bob, QStringLiteral("10.0.0.9")), expected);
    }
    QCOMPARE(expected, 300);
    // Success clears the user name.
    clock.advance(300);
    throttle.recordSuccess(bob, QStringLiteral("10.0.0.9"));
    throttle.recordFailure(bob, QStringLiteral("10.0.0.9"));
    QCOMPARE(throttle.retryAfter(bob, QString()), 0);

    // Per address, across different user names; a success for one of them does not clear it.
    const QString address = QStringLiteral("192.0.2.7");
    for (int i = 0; i < 5; ++i)
        throttle.recordFailure(QStringLiteral("user%1").arg(i), address);
    QCOMPARE(throttle.retryAfter(QStringLiteral("someone"), address), 2);
    throttle.recordSuccess(QStringLiteral("someone"), address);
    QCOMPARE(throttle.retryAfter(QStringLiteral("someone"), address), 2);
    QCOMPARE(throttle.retryAfter(QStringLiteral("someone"), QStringLiteral("192.0.2.8")), 0);

    // IPv6 clients are counted per /64.
    for (int i = 1; i <= 5; ++i)
        throttle.recordFailure(QStringLiteral("v6user%1").arg(i), QStringLiteral("2001:db8:1:2::%1").arg(i));
    QCOMPARE(throttle.retryAfter(QString(), QStringLiteral("2001:db8:1:2:ffff::9")), 2);
    QCOMPARE(throttle.retryAfter(QString(), QStringLiteral("2001:db8:1:3::1")), 0);

    // Failures older than the window are forgotten.
    const QString slow = QStringLiteral("slow");
    for (int i = 0; i < 4; ++i)
        throttle.recordFailure(slow, QString());
    clock.advance(601);
    throttle.recordFailure(slow, QString());
    QCOMPARE(throttle.retryAfter(slow, QString()), 0);
}

void TestAuthTokenFlow::auditEvents()
{
    m_server->sink.clear();
    get("/v2/token?scope=repository:team/app:pull",
        basicAuth(QStringLiteral("alice"), QStringLiteral("alice-pw")));
    get("/v2/token", basicAuth(QStringLiteral("alice"), QStringLiteral("bad")));
    post("grant_type=refresh_token&client_id=c&refresh_token=nope");
    get("/v2/", basicAuth(QStringLiteral("reader"), QStringLiteral("reader-pw")));
    const QStringList events = m_server->sink.events();
    QCOMPARE(events.value(0), QStringLiteral("succeeded alice token-get"));
    QCOMPARE(events.value(1), QStringLiteral("token alice [repository:team/app:pull]"));
    QVERIFY2(events.value(2).startsWith(QLatin1String("failed alice token-get: ")),
             qPrintable(events.value(2)));
    QVERIFY2(events.value(3).startsWith(QLatin1String("failed  token-refresh: ")),
             qPrintable(events.value(3)));
    QCOMPARE(events.value(4), QStringLiteral("succeeded reader basic"));
}

QTEST_GUILESS_MAIN(TestAuthTokenFlow)
#include "tst_authtokenflow.moc"
