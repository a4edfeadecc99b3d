// The web portal over real HTTP against a RegistryHost (the server berthd and the console run) with a
// ManualClock: the session cookie's flags, a new session id at sign-in (no fixation), CSRF tokens and
// the Origin check on every POST (403 pages), sign-out, the security headers, escaping of a hostile
// description and licence title, Markdown rendered without raw HTML, what anonymous and signed-in
// visitors see, accepting a licence (channel "portal", audit record) and a stale version, idle and
// absolute expiry, throttling after wrong passwords, refusal to sign in over plain HTTP to a host that
// is not loopback, and the static assets with their content types.

#include "PortalTestSession.h"
#include "audit/AuditLog.h"
#include "audit/AuditQuery.h"
#include "host/RegistryHost.h"
#include "http/HttpServer.h"
#include "iam/IdentityService.h"
#include "licensing/LicenceStore.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "registry/RegistryService.h"
#include "support/core/OciLayoutPusher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace berth;

namespace {

const QString AdminPassword = QStringLiteral("admin-password-for-portal");
const QString BobPassword = QStringLiteral("bob-password-for-portal");

/// A host on a free port with alice's image in the public repository team/app (tag v1), a private
/// repository team/secret, and user bob.
struct PortalServer
{
    QTemporaryDir dir;
    ManualClock clock;
    std::unique_ptr<RegistryHost> host;
    std::unique_ptr<HttpServer> http;
    QUrl url;
    /// The server accepts on a thread of its own: the tests' client blocks the main thread.
    QThread serverThread;
    QObject* serverContext = nullptr;

    ~PortalServer()
    {
        if (serverContext) {
            QMetaObject::invokeMethod(
                serverContext, [this] { http.reset(); }, Qt::BlockingQueuedConnection);
            serverContext->deleteLater();
            serverThread.quit();
            serverThread.wait();
        }
    }

    bool start()
    {
        QFile file(dir.filePath(QStringLiteral("admin-password")));
        if (!file.open(QIODevice::WriteOnly) || file.write(AdminPassword.toUtf8()) < 0)
            return false;
        file.close();
        RegistryHost::Options o;
        o.dataDirectory = dir.filePath(QStringLiteral("data"));
        o.adminPasswordFile = file.fileName();
        o.clock = &clock;
        o.gcIntervalSeconds = 0;
        o.scrubIntervalSeconds = 0;
        o.retentionIntervalSeconds = 0;
        o.usageSampleIntervalSeconds = 0;
        host = std::make_unique<RegistryHost>(o);
        if (!host->open().ok())
            return false;
        if (!host->identity().createUser({QStringLiteral("bob"), {}, {}, BobPassword}).ok())
            return false;
        if (!pushTagged(QStringLiteral("team/app"), QStringLiteral("v1")) ||
            !pushTagged(QStringLiteral("team/secret"), QStringLiteral("v1")))
            return false;
        if (!host->registry().setRepositoryPublic(QStringLiteral("team/app"), true).ok())
            return false;
        serverThread.start();
        serverContext = new QObject;
        serverContext->moveToThread(&serverThread);
        bool listening = false;
        QMetaObject::invokeMethod(
            serverContext,
            [this, &listening] {
                http = std::make_unique<HttpServer>(host->handlerFactory());
                listening = http->listen(QHostAddress::LocalHost, 0);
            },
            Qt::BlockingQueuedConnection);
        if (!listening)
            return false;
        url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(http->port()));
        return true;
    }

    bool pushTagged(const QString& repository, const QString& tag)
    {
        RegistryService& registry = host->registry();
        const QByteArray config = QByteArrayLiteral("{\"portal\":true}");
        if (!OciLayoutPusher::pushBlob(registry, repository, config).ok())
            return false;
        const QByteArray manifest =
            QJsonDocument(
                QJsonObject{{QStringLiteral("schemaVersion"), 2},
                            {QStringLiteral("mediaType"), MediaTypes::OciImageManifest},
                            {QStringLiteral("config"),
                             QJsonObject{{QStringLiteral("mediaType"), MediaTypes::OciImageConfig},
                                         {QStringLiteral("digest"), Digest::compute(config).toString()},
                                         {QStringLiteral("size"), config.size()}}},
                            {QStringLiteral("layers"), QJsonArray{}}})
                .toJson(QJsonDocument::Compact);
        return registry
            .putManifest(repository, Reference::fromTag(tag), manifest, MediaTypes::OciImageManifest)
            .ok();
    }

    bool publish(const QString& version, const QString& title, const QString& body,
                 LicenceFormat format = LicenceFormat::Text)
    {
        LicenceVersion v;
        v.version = version;
        v.title = title;
        v.body = body;
        v.format = format;
        v.publishedBy = QStringLiteral("admin");
        auto published =
            host->registry().licences().publish(LicenceScope::ofRepository(QStringLiteral("team/app")), v);
        if (!published)
            qWarning() << published.error().message;
        return published.ok();
    }
};

/// One request with a Host header of our choosing (RegistryClient always names the address it
/// connects to).
QByteArray rawRequest(quint16 port, const QByteArray& request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return QByteArray();
    socket.write(request);
    QByteArray out;
    while (socket.waitForReadyRead(5000))
        out += socket.readAll();
    return out;
}

} // namespace

class TestPortal : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PortalServer> server;

private slots:
    void init()
    {
        server = std::make_unique<PortalServer>();
        QVERIFY(server->start());
    }
    void cleanup() { server.reset(); }

    void staticAssetsAndHeaders()
    {
        RegistryClient client(server->url);
        const RegistryResponse css = client.get(QStringLiteral("/portal/static/portal.css"));
        QCOMPARE(css.status, 200);
        QCOMPARE(css.header("Content-Type"), QByteArray("text/css; charset=utf-8"));
        QVERIFY(css.body.contains("box-sizing"));
        const RegistryResponse js = client.get(QStringLiteral("/portal/static/portal.js"));
        QCOMPARE(js.status, 200);
        QCOMPARE(js.header("Content-Type"), QByteArray("text/javascript; charset=utf-8"));
        QCOMPARE(js.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(client.get(QStringLiteral("/portal/static/other.txt")).status, 404);
        QCOMPARE(client.get(QStringLiteral("/portal/static/../portal.css")).status, 404);

        const RegistryResponse root = client.get(QStringLiteral("/portal"));
        QCOMPARE(root.status, 303);
        QCOMPARE(root.header("Location"), QByteArray("/portal/"));

        const RegistryResponse index = client.get(QStringLiteral("/portal/"));
        QCOMPARE(index.status, 200);
        QCOMPARE(index.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
        const QByteArray csp = index.header("Content-Security-Policy");
        QVERIFY2(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
                 csp.constData());
        QCOMPARE(index.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(index.header("Referrer-Policy"), QByteArray("same-origin"));
        QCOMPARE(index.header("Cache-Control"), QByteArray("no-store"));
        QVERIFY(
            index.body.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        QVERIFY(!index.body.contains("<script>")); // no inline script: the CSP would block it
        QCOMPARE(client.get(QStringLiteral("/portal/nowhere")).status, 404);
        QCOMPARE(client.request("DELETE", QStringLiteral("/portal/")).status, 405);
    }

    void anonymousSeesPublicOnly()
    {
        PortalTestSession visitor(server->url);
        const RegistryResponse index = visitor.get(QStringLiteral("/portal/"));
        QVERIFY(index.body.contains("team/app"));
        QVERIFY(!index.body.contains("team/secret"));
        QCOMPARE(visitor.get(QStringLiteral("/portal/repositories/team/secret")).status, 404);
        QCOMPARE(visitor.get(QStringLiteral("/portal/repositories/team/none")).status, 404);
        const RegistryResponse app = visitor.get(QStringLiteral("/portal/repositories/team/app"));
        QCOMPARE(app.status, 200);
        QVERIFY(app.body.contains("docker pull 127.0.0.1:" + QByteArray::number(server->http->port()) +
                                  "/team/app:v1"));

        PortalTestSession admin(server->url);
        QCOMPARE(admin.signIn(QStringLiteral("admin"), AdminPassword).status, 303);
        const RegistryResponse all = admin.get(QStringLiteral("/portal/"));
        QVERIFY(all.body.contains("team/secret"));
        QVERIFY(all.body.contains("Signed in as admin"));
        QCOMPARE(admin.get(QStringLiteral("/portal/repositories/team/secret")).status, 200);
        // bob has no policy: the private repository stays hidden from him too.
        PortalTestSession bob(server->url);
        QCOMPARE(bob.signIn(QStringLiteral("bob"), BobPassword).status, 303);
        QVERIFY(!bob.get(QStringLiteral("/portal/")).body.contains("team/secret"));
    }

    void cookieFlagsAndNoFixation()
    {
        PortalTestSession visitor(server->url);
        const RegistryResponse form = visitor.get(QStringLiteral("/portal/sign-in"));
        QCOMPARE(form.status, 200);
        QByteArray header;
        const QByteArray before = PortalTestSession::setCookieValue(form, &header);
        QCOMPARE(before.size(), 43); // 256 bits, base64url
        for (const char* flag : {"Path=/portal", "HttpOnly", "Secure", "SameSite=Lax"})
            QVERIFY2(header.contains(flag), header.constData());
        QVERIFY(!visitor.csrf().isEmpty());

        const RegistryResponse signedIn =
            visitor.post(QStringLiteral("/portal/sign-in"),
                         {{QStringLiteral("user"), QStringLiteral("bob")},
                          {QStringLiteral("password"), BobPassword},
                          {QStringLiteral("next"), QStringLiteral("/portal/repositories/team/app")}});
        QCOMPARE(signedIn.status, 303);
        QCOMPARE(signedIn.header("Location"), QByteArray("/portal/repositories/team/app"));
        const QByteArray after = PortalTestSession::setCookieValue(signedIn, &header);
        QCOMPARE(after.size(), 43);
        QVERIFY(after != before);
        QVERIFY(header.contains("HttpOnly") && header.contains("Secure") && header.contains("SameSite=Lax"));
        QVERIFY(visitor.get(QStringLiteral("/portal/")).body.contains("Signed in as bob"));

        // The id planted before sign-in is worth nothing now.
        PortalTestSession planted(server->url);
        planted.setCookie(before);
        QVERIFY(!planted.get(QStringLiteral("/portal/")).body.contains("Signed in as"));

        // An open redirect through "next" is not possible.
        PortalTestSession other(server->url);
        other.get(QStringLiteral("/portal/sign-in"));
        const RegistryResponse elsewhere =
            other.post(QStringLiteral("/portal/sign-in"),
                       {{QStringLiteral("user"), QStringLiteral("bob")},
                        {QStringLiteral("password"), BobPassword},
                        {QStringLiteral("next"), QStringLiteral("//evil.example/portal/")}});
        QCOMPARE(elsewhere.header("Location"), QByteArray("/portal/"));
    }

    void csrfAndOriginChecked()
    {
        PortalTestSession visitor(server->url);
        visitor.get(QStringLiteral("/portal/sign-in"));
        const QList<QPair<QString, QString>> credentials{{QStringLiteral("user"), QStringLiteral("bob")},
                                                         {QStringLiteral("password"), BobPassword}};
        // No token, a wrong token, no session at all: 403 pages, and nobody signed in.
        QList<QPair<QString, QString>> noToken = credentials;
        noToken.append({QStringLiteral("csrf"), QString()});
        RegistryResponse refused = visitor.post(QStringLiteral("/portal/sign-in"), noToken);
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.body.contains("security token"));
        QList<QPair<QString, QString>> wrongToken = credentials;
        wrongToken.append({QStringLiteral("csrf"), QString::fromLatin1(QByteArray(43, 'A'))});
        QCOMPARE(visitor.post(QStringLiteral("/portal/sign-in"), wrongToken).status, 403);
        PortalTestSession cookieless(server->url);
        cookieless.setCsrf(visitor.csrf());
        QCOMPARE(cookieless.post(QStringLiteral("/portal/sign-in"), credentials).status, 403);
        // Another site's form: refused even with the right token.
        refused =
            visitor.post(QStringLiteral("/portal/sign-in"), credentials, {{"Origin", "http://evil.example"}});
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.body.contains("another site"));
        QVERIFY(!visitor.get(QStringLiteral("/portal/")).body.contains("Signed in as"));
        // The same origin is fine.
        const QByteArray origin = "http://127.0.0.1:" + QByteArray::number(server->http->port());
        QCOMPARE(visitor.post(QStringLiteral("/portal/sign-in"), credentials, {{"Origin", origin}}).status,
                 303);
        QVERIFY(visitor.get(QStringLiteral("/portal/")).body.contains("Signed in as bob"));

        // Sign-out needs the token too; then the session is gone for good.
        const QByteArray session = visitor.cookie();
        const QByteArray token = visitor.csrf();
        visitor.setCsrf("wrong");
        QCOMPARE(visitor.post(QStringLiteral("/portal/sign-out"), {}).status, 403);
        QVERIFY(visitor.get(QStringLiteral("/portal/")).body.contains("Signed in as bob"));
        visitor.setCsrf(token);
        const RegistryResponse out = visitor.post(QStringLiteral("/portal/sign-out"), {});
        QCOMPARE(out.status, 303);
        QByteArray header;
        PortalTestSession::setCookieValue(out, &header);
        QVERIFY2(header.contains("Max-Age=0"), header.constData());
        PortalTestSession replay(server->url);
        replay.setCookie(session);
        QVERIFY(!replay.get(QStringLiteral("/portal/")).body.contains("Signed in as"));
        QCOMPARE(RegistryClient(server->url).get(QStringLiteral("/portal/sign-out")).status, 405);
    }

    void hostileTextIsEscaped()
    {
        const QString hostile = QStringLiteral("<script>alert('x')</script> & \"quoted\"");
        QVERIFY(server->host->registry().setRepositoryDescription(QStringLiteral("team/app"), hostile).ok());
        QVERIFY(server->pushTagged(QStringLiteral("team/app"), QStringLiteral("v2.0-rc_1")));
        QVERIFY(server->publish(
            QStringLiteral("1"), QStringLiteral("<img src=x onerror=alert(1)> Licence"),
            QStringLiteral("# Terms\n\n<script>alert(2)</script>\n\n[click](javascript:alert(3))\n\n"
                           "*You* may use it."),
            LicenceFormat::Markdown));
        PortalTestSession visitor(server->url);
        for (const QString& path :
             {QStringLiteral("/portal/"), QStringLiteral("/portal/repositories/team/app"),
              QStringLiteral("/portal/repositories/team/app/licence")}) {
            const RegistryResponse page = visitor.get(path);
            QCOMPARE(page.status, 200);
            QVERIFY2(!page.body.contains("<script>alert"), qPrintable(path));
            QVERIFY2(!page.body.contains("<img src=x"), qPrintable(path));
            QVERIFY2(!page.body.contains("javascript:"), qPrintable(path));
        }
        const RegistryResponse app = visitor.get(QStringLiteral("/portal/repositories/team/app"));
        QVERIFY(
            app.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"));
        QVERIFY(app.body.contains("v2.0-rc_1"));
        const RegistryResponse licence = visitor.get(QStringLiteral("/portal/repositories/team/app/licence"));
        QVERIFY(licence.body.contains("&lt;img src=x onerror=alert(1)&gt; Licence"));
        QVERIFY(licence.body.contains("<h1>Terms</h1>")); // Markdown is rendered
        QVERIFY(licence.body.contains("<em>You</em> may use it."));
    }

    void acceptLicence()
    {
        QVERIFY(server->publish(QStringLiteral("1"), QStringLiteral("Example Licence"),
                                QStringLiteral("Version one text.")));
        PortalTestSession anonymous(server->url);
        RegistryResponse page = anonymous.get(QStringLiteral("/portal/repositories/team/app"));
        QVERIFY(page.body.contains("Sign in to accept"));
        QVERIFY(anonymous.get(QStringLiteral("/portal/")).body.contains("licence required"));
        page = anonymous.get(QStringLiteral("/portal/repositories/team/app/licence"));
        QVERIFY(page.body.contains("Version one text."));
        QVERIFY(!page.body.contains("id=\"continue\""));
        // Anonymous visitors cannot accept (they are sent to sign in).
        anonymous.get(QStringLiteral("/portal/sign-in"));
        const RegistryResponse anonymousAccept =
            anonymous.post(QStringLiteral("/portal/repositories/team/app/licence/accept"),
                           {{QStringLiteral("version"), QStringLiteral("1")}});
        QCOMPARE(anonymousAccept.status, 303);
        QVERIFY(anonymousAccept.header("Location").startsWith("/portal/sign-in?next="));

        // Those who may push (the administrator) are not held back, and the page says so.
        PortalTestSession admin(server->url);
        QCOMPARE(admin.signIn(QStringLiteral("admin"), AdminPassword).status, 303);
        const RegistryResponse adminPage = admin.get(QStringLiteral("/portal/repositories/team/app"));
        QVERIFY(adminPage.body.contains("your pulls are not held back"));
        QVERIFY(!adminPage.body.contains("Accept the licence to pull"));

        PortalTestSession bob(server->url);
        QCOMPARE(bob.signIn(QStringLiteral("bob"), BobPassword).status, 303);
        QVERIFY(bob.get(QStringLiteral("/portal/repositories/team/app"))
                    .body.contains("Accept the licence to pull"));
        QVERIFY(!bob.get(QStringLiteral("/portal/repositories/team/app"))
                     .body.contains("your pulls are not held back"));
        page = bob.get(QStringLiteral("/portal/repositories/team/app/licence"));
        QVERIFY(page.body.contains("<input type=\"hidden\" name=\"version\" value=\"1\">"));
        QVERIFY(page.body.contains("id=\"continue\""));
        // Without the token: refused, nothing recorded.
        const QByteArray token = bob.csrf();
        bob.setCsrf("nope");
        QCOMPARE(bob.post(QStringLiteral("/portal/repositories/team/app/licence/accept"),
                          {{QStringLiteral("version"), QStringLiteral("1")}})
                     .status,
                 403);
        QVERIFY(!server->host->registry()
                     .licences()
                     .check(QStringLiteral("team/app"), QStringLiteral("bob"))
                     .value()
                     .accepted);
        bob.setCsrf(token);
        const RegistryResponse accepted =
            bob.post(QStringLiteral("/portal/repositories/team/app/licence/accept"),
                     {{QStringLiteral("version"), QStringLiteral("1")}});
        QCOMPARE(accepted.status, 303);
        QCOMPARE(accepted.header("Location"), QByteArray("/portal/repositories/team/app"));
        QVERIFY(
            bob.get(QStringLiteral("/portal/repositories/team/app")).body.contains("You accepted version 1"));
        auto acceptances = server->host->registry().licences().acceptances({});
        QVERIFY(acceptances.ok());
        QCOMPARE(acceptances.value().size(), 1);
        QCOMPARE(acceptances.value().first().channel, QStringLiteral("portal"));
        QCOMPARE(acceptances.value().first().userName, QStringLiteral("bob"));
        QVERIFY(server->host->audit().flush().ok());
        AuditFilter filter;
        filter.actionPrefix = QStringLiteral("licence.accepted");
        auto records = server->host->audit().query(filter);
        QVERIFY(records.ok());
        QCOMPARE(records.value().records.size(), 1);
        QCOMPARE(records.value().records.first().actor, QStringLiteral("bob"));
        QCOMPARE(records.value().records.first().target, QStringLiteral("team/app"));
        QCOMPARE(records.value().records.first().details.value(QStringLiteral("channel")).toString(),
                 QStringLiteral("portal"));

        // Version 2 is published while bob reads version 1: his Continue is stale.
        QVERIFY(server->publish(QStringLiteral("2"), QStringLiteral("Example Licence"),
                                QStringLiteral("Version two text.")));
        QVERIFY(bob.get(QStringLiteral("/portal/repositories/team/app"))
                    .body.contains("Accept the licence to pull"));
        const RegistryResponse stale =
            bob.post(QStringLiteral("/portal/repositories/team/app/licence/accept"),
                     {{QStringLiteral("version"), QStringLiteral("1")}});
        QCOMPARE(stale.status, 409);
        QVERIFY(stale.body.contains("The licence changed since you opened it"));
        QVERIFY(stale.body.contains("Version two text."));
        QVERIFY(stale.body.contains("name=\"version\" value=\"2\""));
        QCOMPARE(bob.post(QStringLiteral("/portal/repositories/team/app/licence/accept"),
                          {{QStringLiteral("version"), QStringLiteral("2")}})
                     .status,
                 303);
        QVERIFY(server->host->registry()
                    .licences()
                    .check(QStringLiteral("team/app"), QStringLiteral("bob"))
                    .value()
                    .accepted);
    }

    void sessionsExpire()
    {
        PortalTestSession bob(server->url);
        QCOMPARE(bob.signIn(QStringLiteral("bob"), BobPassword).status, 303);
        // Idle: 29 minutes are fine, then 30 without a request end it.
        server->clock.advance(29 * 60);
        QVERIFY(bob.get(QStringLiteral("/portal/")).body.contains("Signed in as bob"));
        server->clock.advance(30 * 60);
        QVERIFY(!bob.get(QStringLiteral("/portal/")).body.contains("Signed in as bob"));
        // Absolute: used every 20 minutes, it still ends after 12 hours.
        PortalTestSession busy(server->url);
        QCOMPARE(busy.signIn(QStringLiteral("bob"), BobPassword).status, 303);
        for (int i = 0; i < 35; ++i) {
            server->clock.advance(20 * 60);
            QVERIFY(busy.get(QStringLiteral("/portal/")).body.contains("Signed in as bob"));
        }
        server->clock.advance(20 * 60);
        QVERIFY(!busy.get(QStringLiteral("/portal/")).body.contains("Signed in as bob"));
        // A password change ends the user's sessions.
        PortalTestSession again(server->url);
        QCOMPARE(again.signIn(QStringLiteral("bob"), BobPassword).status, 303);
        QVERIFY(server->host->identity()
                    .setPassword(QStringLiteral("bob"), QStringLiteral("another-password-9"))
                    .ok());
        QVERIFY(!again.get(QStringLiteral("/portal/")).body.contains("Signed in as bob"));
    }

    void wrongPasswordsThrottle()
    {
        PortalTestSession visitor(server->url);
        for (int i = 0; i < 5; ++i) {
            const RegistryResponse wrong =
                visitor.signIn(QStringLiteral("bob"), QStringLiteral("wrong-password"));
            QCOMPARE(wrong.status, 401);
            QVERIFY(wrong.body.contains("The user name or the password is wrong"));
        }
        const RegistryResponse throttled = visitor.signIn(QStringLiteral("bob"), BobPassword);
        QCOMPARE(throttled.status, 429);
        QVERIFY(!throttled.header("Retry-After").isEmpty());
        QVERIFY(throttled.body.contains("Too many failed sign-ins"));
        server->clock.advance(600);
        QCOMPARE(visitor.signIn(QStringLiteral("bob"), BobPassword).status, 303);
        QVERIFY(server->host->audit().flush().ok());
        AuditFilter filter;
        filter.actionPrefix = QStringLiteral("auth");
        filter.limit = -1;
        auto records = server->host->audit().query(filter);
        QVERIFY(records.ok());
        bool portalSignIn = false;
        for (const AuditRecord& record : records.value().records)
            portalSignIn = portalSignIn || QJsonDocument(record.details).toJson().contains("portal");
        QVERIFY2(portalSignIn, "sign-ins through the portal are audited with method portal");
    }

    void plainHttpToRemoteHostRefused()
    {
        const quint16 port = server->http->port();
        const QByteArray page =
            rawRequest(port, "GET /portal/sign-in HTTP/1.1\r\nHost: registry.example.com\r\n"
                             "Connection: close\r\n\r\n");
        QVERIFY2(page.startsWith("HTTP/1.1 200"), page.left(200).constData());
        QVERIFY(page.contains("Signing in needs HTTPS"));
        QVERIFY(!page.contains("type=\"password\""));
        const QByteArray body = "user=bob&password=" + BobPassword.toUtf8() + "&csrf=x";
        const QByteArray post =
            rawRequest(port, "POST /portal/sign-in HTTP/1.1\r\nHost: registry.example.com\r\n"
                             "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                                 QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        QVERIFY2(post.startsWith("HTTP/1.1 403"), post.left(200).constData());
        // localhost over HTTP is fine (browsers keep Secure cookies there).
        const QByteArray local = rawRequest(port, "GET /portal/sign-in HTTP/1.1\r\nHost: localhost:5000\r\n"
                                                  "Connection: close\r\n\r\n");
        QVERIFY(local.contains("type=\"password\""));
    }
};

QTEST_GUILESS_MAIN(TestPortal)
#include "tst_portal.moc"
