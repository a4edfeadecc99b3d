#include "routing/Router.h"

#include <QtTest>

using namespace berth;

namespace {

/// Records which route made it, and answers nothing.
class TaggedHandler final : public HttpHandler
{
public:
    explicit TaggedHandler(QString t) : tag(std::move(t)) {}
    void onComplete(const HttpRequest&, HttpResponder&) override {}
    QString tag;
};

/// Captures what a handler sends.
class RecordingResponder final : public HttpResponder
{
public:
    void addHeader(const QByteArray& name, const QByteArray& value) override
    {
        headers.append({name, value});
    }
    void send(int s, const QByteArray& b, const QByteArray& type) override
    {
        status = s;
        body = b;
        contentType = type;
    }
    void sendStream(int s, std::unique_ptr<QIODevice>, qint64, qint64, const QByteArray&,
                    const QString&) override
    {
        status = s;
    }
    void sendContinue() override {}
    bool hasResponded() const override { return status != 0; }

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& h : headers) {
            if (h.first == name)
                return h.second;
        }
        return {};
    }
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
};

HttpRequest request(const QByteArray& method, const QString& path)
{
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.target = path.toUtf8();
    return r;
}

Route route(QByteArrayList methods, const QString& pattern, const QString& tag)
{
    return Route{std::move(methods), pattern, Access::Pull,
                 [tag](const HttpRequest&, const RouteMatch& m) -> std::unique_ptr<HttpHandler> {
                     return std::make_unique<TaggedHandler>(tag + QLatin1Char('|') + m.name +
                                                            QLatin1Char('|') + m.param);
                 }};
}

} // namespace

class TestRouter : public QObject
{
    Q_OBJECT

private slots:
    void matchesNamesWithSlashes_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("matches");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("param");

        const QString blobs = QStringLiteral("/v2/{name}/blobs/{param}");
        const QString uploads = QStringLiteral("/v2/{name}/blobs/uploads/");
        const QString session = QStringLiteral("/v2/{name}/blobs/uploads/{param}");
        QTest::newRow("one component") << blobs << "/v2/a/blobs/sha256:x" << true << "a"
                                       << "sha256:x";
        QTest::newRow("three components") << blobs << "/v2/a/b/c/blobs/d" << true << "a/b/c"
                                          << "d";
        QTest::newRow("name named blobs") << blobs << "/v2/blobs/blobs/d" << true << "blobs"
                                          << "d";
        QTest::newRow("no name") << blobs << "/v2/blobs/d" << false << ""
                                 << "";
        QTest::newRow("empty param") << blobs << "/v2/a/blobs/" << false << ""
                                     << "";
        QTest::newRow("uploads with slash") << uploads << "/v2/a/b/blobs/uploads/" << true << "a/b"
                                            << "";
        QTest::newRow("uploads without slash") << uploads << "/v2/a/blobs/uploads" << false << ""
                                               << "";
        QTest::newRow("session") << session << "/v2/a/blobs/uploads/123" << true << "a"
                                 << "123";
        QTest::newRow("session is not a blob") << blobs << "/v2/a/blobs/uploads/123" << false << ""
                                               << "";
        QTest::newRow("base") << "/v2/"
                              << "/v2/" << true << ""
                              << "";
        QTest::newRow("base without slash") << "/v2/"
                                            << "/v2" << false << ""
                                            << "";
        QTest::newRow("other prefix") << blobs << "/v3/a/blobs/d" << false << ""
                                      << "";
    }

    void matchesNamesWithSlashes()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, matches);
        const std::optional<RouteMatch> m = Router::match(pattern, path);
        QCOMPARE(m.has_value(), matches);
        if (matches) {
            QFETCH(QString, name);
            QFETCH(QString, param);
            QCOMPARE(m->name, name);
            QCOMPARE(m->param, param);
        }
    }

    void picksTheRouteForTheMethod()
    {
        Router router;
        router.add(
            route({"GET", "HEAD"}, QStringLiteral("/v2/{name}/manifests/{param}"), QStringLiteral("get")));
        router.add(route({"PUT"}, QStringLiteral("/v2/{name}/manifests/{param}"), QStringLiteral("put")));

        auto get = router.handlerFor(request("GET", QStringLiteral("/v2/lib/app/manifests/v1")));
        auto* tagged = dynamic_cast<TaggedHandler*>(get.get());
        QVERIFY(tagged);
        QCOMPARE(tagged->tag, QStringLiteral("get|lib/app|v1"));

        auto put = router.handlerFor(request("PUT", QStringLiteral("/v2/lib/app/manifests/v1")));
        tagged = dynamic_cast<TaggedHandler*>(put.get());
        QVERIFY(tagged);
        QCOMPARE(tagged->tag, QStringLiteral("put|lib/app|v1"));
    }

    void wrongMethodIs405WithAllow()
    {
        Router router;
        router.add(route({"GET", "HEAD"}, QStringLiteral("/v2/{name}/tags/list"), QStringLiteral("tags")));
        const HttpRequest r = request("POST", QStringLiteral("/v2/a/tags/list"));
        auto handler = router.handlerFor(r);
        QVERIFY(!dynamic_cast<TaggedHandler*>(handler.get()));
        RecordingResponder responder;
        handler->onHeaders(r, responder);
        QCOMPARE(responder.status, 405);
        QCOMPARE(responder.header("Allow"), QByteArray("GET, HEAD"));
        QVERIFY(responder.body.contains("\"UNSUPPORTED\""));
        QCOMPARE(responder.contentType, QByteArray("application/json"));
    }

    void guardRefusesOrNamesTheSubject()
    {
        Router router;
        router.add(route({"GET"}, QStringLiteral("/v2/{name}/tags/list"), QStringLiteral("tags")));
        Route open = route({"GET"}, QStringLiteral("/v2/token"), QStringLiteral("token"));
        open.guard = Guard::Handler;
        router.add(open);
        int guardCalls = 0;
        router.setGuard([&guardCalls](const HttpRequest& request, const Route& r,
                                      RouteMatch& m) -> std::unique_ptr<HttpHandler> {
            ++guardCalls;
            if (r.access != Access::Pull)
                return std::make_unique<TaggedHandler>(QStringLiteral("wrong access"));
            if (request.header("Authorization").isEmpty())
                return std::make_unique<TaggedHandler>(QStringLiteral("refused"));
            m.subject = AuthorizationSubject::user(QStringLiteral("ann"), {});
            return nullptr;
        });

        HttpRequest anonymous = request("GET", QStringLiteral("/v2/a/tags/list"));
        auto refused = router.handlerFor(anonymous);
        QCOMPARE(dynamic_cast<TaggedHandler*>(refused.get())->tag, QStringLiteral("refused"));

        HttpRequest signedIn = anonymous;
        signedIn.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Basic x")));
        Route captured;
        router.add(captured); // a row that never matches does no harm
        auto allowed = router.handlerFor(signedIn);
        QCOMPARE(dynamic_cast<TaggedHandler*>(allowed.get())->tag, QStringLiteral("tags|a|"));
        QCOMPARE(guardCalls, 2);

        // Handler-guarded routes never reach the router's guard.
        auto token = router.handlerFor(request("GET", QStringLiteral("/v2/token")));
        QCOMPARE(dynamic_cast<TaggedHandler*>(token.get())->tag, QStringLiteral("token||"));
        QCOMPARE(guardCalls, 2);
    }

    void unknownPathIs404WithOciError()
    {
        Router router;
        router.add(route({"GET"}, QStringLiteral("/v2/"), QStringLiteral("base")));
        const HttpRequest r = request("GET", QStringLiteral("/nothing/here"));
        auto handler = router.handlerFor(r);
        RecordingResponder responder;
        handler->onHeaders(r, responder);
        QCOMPARE(responder.status, 404);
        QVERIFY(responder.body.startsWith("{\"errors\":["));
        QVERIFY(responder.body.contains("/nothing/here"));
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
