// /api/v1/repositories: listing, creation, inspection, move and visibility, deletion, images and tags,
// with the checks each route asks the AccessGate for, and the framework's error answers.

#include "ApiTestServer.h"
#include "support/OciFixtures.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {
const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");

QStringList names(const RegistryResponse& r, const QString& field = QStringLiteral("name"))
{
    QStringList list;
    for (const QJsonValue& v : r.json().object().value(QStringLiteral("items")).toArray())
        list.append(v.toObject().value(field).toString());
    return list;
}

QString code(const RegistryResponse& r)
{
    return r.json().object().value(QStringLiteral("code")).toString();
}

QString message(const RegistryResponse& r)
{
    return r.json().object().value(QStringLiteral("message")).toString();
}
} // namespace

class TestApiRepositories : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void listAsAdministrator();
    void listIsFilteredByCanInspect();
    void listPagination();
    void listRejectsBadParameters();
    void getRepository();
    void getUnknownRepositoryIs404();
    void createRepository();
    void createRepositoryErrors();
    void createPublicNeedsManage();
    void patchVisibility();
    void patchMoveToUnknownCompartmentIs404();
    void listImages();
    void deleteTag();
    void deleteImage();
    void deleteImageBadDigest();
    void deleteRepository();
    void unauthenticatedIs401WithChallenge();
    void wrongCredentialsAre401();
    void notAuthorizedIs403WithMessage();
    void throttledIs429WithRetryAfter();
    void permissionsAskedForEachRoute();
    void badJson();
    void bodyMustBeAnObject();
    void unknownAndMistypedFields();
    void bodyTooLarge();
    void wrongContentType();
    void unknownEndpointIs404Json();
    void wrongMethodIs405Json();

private:
    ApiTestServer m_server;
    QString m_appDigest;
    QString m_appV2Digest;
};

void TestApiRepositories::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    RegistryClient& client = m_server.client();
    m_appDigest = pushImage(client, QStringLiteral("team/app"), QStringLiteral("v1"), 1);
    QVERIFY(!m_appDigest.isEmpty());
    QCOMPARE(client
                 .pushManifest(QStringLiteral("team/app"), QStringLiteral("latest"),
                               OciFixtures::kManifestType,
                               OciFixtures::imageManifest(OciFixtures::config(1),
                                                          {OciFixtures::randomBytes(1024, 1001)}))
                 .status,
             201);
    m_appV2Digest = pushImage(client, QStringLiteral("team/app"), QStringLiteral("v2"), 2);
    QVERIFY(!m_appV2Digest.isEmpty());
    QVERIFY(!pushImage(client, QStringLiteral("charts/web"), QStringLiteral("1.0.0"), 3,
                       QStringLiteral("application/vnd.cncf.helm.config.v1+json"))
                 .isEmpty());
    for (int i = 0; i < 5; ++i)
        QVERIFY(!pushImage(client, QStringLiteral("many/r%1").arg(i), QStringLiteral("t"), 10 + i).isEmpty());
}

void TestApiRepositories::init()
{
    m_server.gate().clearGrants();
    m_server.gate().takeLog();
}

void TestApiRepositories::listAsAdministrator()
{
    const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/repositories"), Admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    const QStringList list = names(r);
    QVERIFY2(list.contains(QStringLiteral("team/app")), r.describeUtf8());
    QVERIFY(list.contains(QStringLiteral("charts/web")));
    QStringList sorted = list;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(list, sorted);
    const QJsonObject app = r.json()
                                .object()
                                .value(QStringLiteral("items"))
                                .toArray()
                                .at(list.indexOf(QStringLiteral("team/app")))
                                .toObject();
    QCOMPARE(app.value(QStringLiteral("compartment")).toString(), QString());
    QCOMPARE(app.value(QStringLiteral("public")).toBool(true), false);
    QCOMPARE(app.value(QStringLiteral("manifestCount")).toInt(), 2);
    QCOMPARE(app.value(QStringLiteral("tagCount")).toInt(), 3);
    QVERIFY(!r.json().object().contains(QStringLiteral("nextPage")));
}

void TestApiRepositories::listIsFilteredByCanInspect()
{
    // Listing the tenancy needs inspect there.
    m_server.gate().allowRepository(Alice, Permission::RepositoryInspect, QStringLiteral("team/app"));
    RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/repositories"), Alice);
    QCOMPARE(r.status, 403);
    // Then canInspect decides per repository.
    m_server.gate().allowCompartment(Alice, Permission::RepositoryInspect, CompartmentPath::tenancy());
    m_server.gate().hideRepository(Alice, QStringLiteral("charts/web"));
    r = m_server.call("GET", QStringLiteral("/api/v1/repositories"), Alice);
    QCOMPARE(r.status, 200);
    QVERIFY(names(r).contains(QStringLiteral("team/app")));
    QVERIFY(!names(r).contains(QStringLiteral("charts/web")));
}

void TestApiRepositories::listPagination()
{
    QStringList seen;
    QString target = QStringLiteral("/api/v1/repositories?limit=2");
    int pages = 0;
    while (!target.isEmpty()) {
        const RegistryResponse r = m_server.call("GET", target, Admin);
        QCOMPARE(r.status, 200);
        const QStringList page = names(r);
        QVERIFY(page.size() <= 2);
        seen += page;
        ++pages;
        const QString next = r.json().object().value(QStringLiteral("nextPage")).toString();
        target = next.isEmpty() ? QString()
                                : RegistryClient::withQuery(QStringLiteral("/api/v1/repositories?limit=2"),
                                                            QStringLiteral("page"), next);
        QVERIFY(pages < 20);
    }
    const RegistryResponse all = m_server.call("GET", QStringLiteral("/api/v1/repositories"), Admin);
    QCOMPARE(seen, names(all));
    QVERIFY(pages >= 4);
}

void TestApiRepositories::listRejectsBadParameters()
{
    for (const QString& target :
         {QStringLiteral("/api/v1/repositories?limit=0"), QStringLiteral("/api/v1/repositories?limit=abc"),
          QStringLiteral("/api/v1/repositories?limit=1001"),
          QStringLiteral("/api/v1/repositories?page=garbage"),
          QStringLiteral("/api/v1/repositories?recursive=maybe"),
          QStringLiteral("/api/v1/repositories?compartment=bad%20name")}) {
        const RegistryResponse r = m_server.call("GET", target, Admin);
        QCOMPARE(r.status, 400);
        QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
        QVERIFY(!message(r).isEmpty());
    }
}

void TestApiRepositories::getRepository()
{
    m_server.gate().allowRepository(Alice, Permission::RepositoryInspect, QStringLiteral("team/app"));
    const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/repositories/team/app"), Alice);
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json().object();
    QCOMPARE(o.value(QStringLiteral("name")).toString(), QStringLiteral("team/app"));
    QVERIFY(!o.value(QStringLiteral("lastPushAt")).isNull());
    QVERIFY(o.value(QStringLiteral("lastPullAt")).isNull());
}

void TestApiRepositories::getUnknownRepositoryIs404()
{
    const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/repositories/no/such"), Admin);
    QCOMPARE(r.status, 404);
    QCOMPARE(code(r), QStringLiteral("NOT_FOUND"));
    QVERIFY(message(r).contains(QStringLiteral("no/such")));
}

void TestApiRepositories::createRepository()
{
    m_server.gate().allowCompartment(Alice, Permission::RepositoryCreate, CompartmentPath::tenancy());
    const RegistryResponse r = m_server.call("POST", QStringLiteral("/api/v1/repositories"), Alice,
                                             {{QStringLiteral("name"), QStringLiteral("fresh/one")}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().object().value(QStringLiteral("name")).toString(), QStringLiteral("fresh/one"));
    QCOMPARE(r.json().object().value(QStringLiteral("manifestCount")).toInt(-1), 0);
    QVERIFY(m_server.registry().repositoryExists(QStringLiteral("fresh/one")));
    QVERIFY(m_server.gate().takeLog().contains(QStringLiteral("compartment REPOSITORY_CREATE ")));
}

void TestApiRepositories::createRepositoryErrors()
{
    // Exists already.
    RegistryResponse r = m_server.call("POST", QStringLiteral("/api/v1/repositories"), Admin,
                                       {{QStringLiteral("name"), QStringLiteral("team/app")}});
    QCOMPARE(r.status, 409);
    QCOMPARE(code(r), QStringLiteral("CONFLICT"));
    // Bad name.
    r = m_server.call("POST", QStringLiteral("/api/v1/repositories"), Admin,
                      {{QStringLiteral("name"), QStringLiteral("Bad Name")}});
    QCOMPARE(r.status, 400);
    QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
    // No such compartment.
    r = m_server.call("POST", QStringLiteral("/api/v1/repositories"), Admin,
                      {{QStringLiteral("name"), QStringLiteral("x/y")},
                       {QStringLiteral("compartment"), QStringLiteral("Nope")}});
    QCOMPARE(r.status, 404);
    QCOMPARE(code(r), QStringLiteral("NOT_FOUND"));
    // Missing name.
    r = m_server.call("POST", QStringLiteral("/api/v1/repositories"), Admin,
                      {{QStringLiteral("public"), true}});
    QCOMPARE(r.status, 400);
    QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
    QCOMPARE(message(r), QStringLiteral("The field \"name\" is required."));
}

void TestApiRepositories::createPublicNeedsManage()
{
    m_server.gate().allowCompartment(Alice, Permission::RepositoryCreate, CompartmentPath::tenancy());
    RegistryResponse r = m_server.call(
        "POST", QStringLiteral("/api/v1/repositories"), Alice,
        {{QStringLiteral("name"), QStringLiteral("pub/one")}, {QStringLiteral("public"), true}});
    QCOMPARE(r.status, 403);
    QVERIFY(!m_server.registry().repositoryExists(QStringLiteral("pub/one")));
    m_server.gate().allowCompartment(Alice, Permission::RepositoryManage, CompartmentPath::tenancy());
    r = m_server.call(
        "POST", QStringLiteral("/api/v1/repositories"), Alice,
        {{QStringLiteral("name"), QStringLiteral("pub/one")}, {QStringLiteral("public"), true}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().object().value(QStringLiteral("public")).toBool(), true);
}

void TestApiRepositories::patchVisibility()
{
    m_server.gate().allowRepository(Alice, Permission::RepositoryManage, QStringLiteral("team/app"));
    RegistryResponse r = m_server.call("PATCH", QStringLiteral("/api/v1/repositories/team/app"), Alice,
                                       {{QStringLiteral("public"), true}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object().value(QStringLiteral("public")).toBool(), true);
    QCOMPARE(m_server.registry().isRepositoryPublic(QStringLiteral("team/app")).value(), true);
    r = m_server.call("PATCH", QStringLiteral("/api/v1/repositories/team/app"), Alice,
                      {{QStringLiteral("public"), false}});
    QCOMPARE(r.status, 200);
    QCOMPARE(m_server.registry().isRepositoryPublic(QStringLiteral("team/app")).value(), false);
    QVERIFY(m_server.gate().takeLog().contains(QStringLiteral("repository REPOSITORY_MANAGE team/app")));
    r = m_server.call("PATCH", QStringLiteral("/api/v1/repositories/no/such"), Admin,
                      {{QStringLiteral("public"), true}});
    QCOMPARE(r.status, 404);
}

void TestApiRepositories::patchMoveToUnknownCompartmentIs404()
{
    const RegistryResponse r =
        m_server.call("PATCH", QStringLiteral("/api/v1/repositories/team/app"), Admin,
                      {{QStringLiteral("compartment"), QStringLiteral("Missing:Place")}});
    QCOMPARE(r.status, 404);
    QCOMPARE(code(r), QStringLiteral("NOT_FOUND"));
}

void TestApiRepositories::listImages()
{
    m_server.gate().allowRepository(Alice, Permission::RepositoryInspect, QStringLiteral("team/app"));
    RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/repositories/team/app/images"), Alice);
    QCOMPARE(r.status, 200);
    const QJsonArray items = r.json().object().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QJsonObject v1;
    for (const QJsonValue& v : items) {
        if (v.toObject().value(QStringLiteral("digest")).toString() == m_appDigest)
            v1 = v.toObject();
    }
    QVERIFY2(!v1.isEmpty(), r.describeUtf8());
    QCOMPARE(v1.value(QStringLiteral("kind")).toString(), QStringLiteral("image"));
    QCOMPARE(v1.value(QStringLiteral("mediaType")).toString(),
             QString::fromLatin1(OciFixtures::kManifestType));
    QCOMPARE(v1.value(QStringLiteral("tags")).toArray(),
             (QJsonArray{QStringLiteral("latest"), QStringLiteral("v1")}));
    QVERIFY(v1.value(QStringLiteral("size")).toInt() > 0);

    r = m_server.call("GET", QStringLiteral("/api/v1/repositories/charts/web/images"), Admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()
                 .object()
                 .value(QStringLiteral("items"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("kind"))
                 .toString(),
             QStringLiteral("helm"));

    r = m_server.call("GET", QStringLiteral("/api/v1/repositories/team/app/images?limit=1"), Admin);
    QCOMPARE(names(r, QStringLiteral("digest")).size(), 1);
    const QString next = r.json().object().value(QStringLiteral("nextPage")).toString();
    QVERIFY(!next.isEmpty());
    const RegistryResponse second = m_server.call(
        "GET",
        RegistryClient::withQuery(QStringLiteral("/api/v1/repositories/team/app/images?limit=1"),
                                  QStringLiteral("page"), next),
        Admin);
    QCOMPARE(names(second, QStringLiteral("digest")).size(), 1);
    QVERIFY(names(second, QStringLiteral("digest")) != names(r, QStringLiteral("digest")));
    QVERIFY(!second.json().object().contains(QStringLiteral("nextPage")));

    r = m_server.call("GET", QStringLiteral("/api/v1/repositories/no/such/images"), Admin);
    QCOMPARE(r.status, 404);
}

void TestApiRepositories::deleteTag()
{
    m_server.gate().allowRepository(Alice, Permission::RepositoryDelete, QStringLiteral("team/app"));
    RegistryResponse r =
        m_server.call("DELETE", QStringLiteral("/api/v1/repositories/team/app/tags/latest"), Alice);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QVERIFY(m_server.gate().takeLog().contains(QStringLiteral("repository REPOSITORY_DELETE team/app")));
    r = m_server.call("DELETE", QStringLiteral("/api/v1/repositories/team/app/tags/latest"), Alice);
    QCOMPARE(r.status, 404);
    QCOMPARE(code(r), QStringLiteral("NOT_FOUND"));
}

void TestApiRepositories::deleteImage()
{
    const QString target = QStringLiteral("/api/v1/repositories/team/app/images/") + m_appV2Digest;
    RegistryResponse r = m_server.call("DELETE", target, Admin);
    QCOMPARE(r.status, 204);
    r = m_server.call("DELETE", target, Admin);
    QCOMPARE(r.status, 404);
    r = m_server.call("GET", QStringLiteral("/api/v1/repositories/team/app/images"), Admin);
    QCOMPARE(names(r, QStringLiteral("digest")), QStringList{m_appDigest});
}

void TestApiRepositories::deleteImageBadDigest()
{
    const RegistryResponse r =
        m_server.call("DELETE", QStringLiteral("/api/v1/repositories/team/app/images/sha256:nothex"), Admin);
    QCOMPARE(r.status, 400);
    QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
}

void TestApiRepositories::deleteRepository()
{
    QVERIFY(!pushImage(m_server.client(), QStringLiteral("doomed/repo"), QStringLiteral("x"), 77).isEmpty());
    m_server.gate().allowRepository(Alice, Permission::RepositoryInspect, QStringLiteral("doomed/repo"));
    RegistryResponse r = m_server.call("DELETE", QStringLiteral("/api/v1/repositories/doomed/repo"), Alice);
    QCOMPARE(r.status, 403);
    m_server.gate().allowRepository(Alice, Permission::RepositoryDelete, QStringLiteral("doomed/repo"));
    r = m_server.call("DELETE", QStringLiteral("/api/v1/repositories/doomed/repo"), Alice);
    QCOMPARE(r.status, 204);
    QVERIFY(!m_server.registry().repositoryExists(QStringLiteral("doomed/repo")));
    r = m_server.call("DELETE", QStringLiteral("/api/v1/repositories/doomed/repo"), Admin);
    QCOMPARE(r.status, 404);
}

void TestApiRepositories::unauthenticatedIs401WithChallenge()
{
    const RegistryResponse r =
        m_server.call("GET", QStringLiteral("/api/v1/repositories/team/app"), QString());
    QCOMPARE(r.status, 401);
    QCOMPARE(code(r), QStringLiteral("NOT_AUTHENTICATED"));
    QCOMPARE(r.header("WWW-Authenticate"), QByteArray(FakeAccessGate::Challenge));
    // Creation names its compartment in the body: still refused before the body matters.
    const RegistryResponse c =
        m_server.callRaw("POST", QStringLiteral("/api/v1/repositories"), QString(), "{not json");
    QCOMPARE(c.status, 401);
    QCOMPARE(c.header("WWW-Authenticate"), QByteArray(FakeAccessGate::Challenge));
}

void TestApiRepositories::wrongCredentialsAre401()
{
    const RegistryResponse r =
        m_server.call("GET", QStringLiteral("/api/v1/repositories"), QStringLiteral("!bad"));
    QCOMPARE(r.status, 401);
    QCOMPARE(message(r), QStringLiteral("The user name or password is wrong."));
    QVERIFY(r.hasHeader("WWW-Authenticate"));
}

void TestApiRepositories::notAuthorizedIs403WithMessage()
{
    const RegistryResponse r =
        m_server.call("DELETE", QStringLiteral("/api/v1/repositories/team/app"), Alice);
    QCOMPARE(r.status, 403);
    QCOMPARE(code(r), QStringLiteral("NOT_AUTHORIZED"));
    QCOMPARE(message(r), QStringLiteral("alice may not REPOSITORY_DELETE on repository team/app."));
    QVERIFY(m_server.registry().repositoryExists(QStringLiteral("team/app")));
}

void TestApiRepositories::throttledIs429WithRetryAfter()
{
    const RegistryResponse r =
        m_server.call("GET", QStringLiteral("/api/v1/repositories/team/app"), QStringLiteral("throttled"));
    QCOMPARE(r.status, 429);
    QCOMPARE(code(r), QStringLiteral("TOO_MANY_REQUESTS"));
    QCOMPARE(r.header("Retry-After"), QByteArray("30"));
}

void TestApiRepositories::permissionsAskedForEachRoute()
{
    struct Case
    {
        QByteArray method;
        QString target;
        QJsonObject body;
        QString expected;
    };
    const QList<Case> cases{
        {"GET",
         QStringLiteral("/api/v1/repositories?compartment="),
         {},
         QStringLiteral("compartment REPOSITORY_INSPECT ")},
        {"POST",
         QStringLiteral("/api/v1/repositories"),
         {{QStringLiteral("name"), QStringLiteral("p/q")}},
         QStringLiteral("compartment REPOSITORY_CREATE ")},
        {"GET",
         QStringLiteral("/api/v1/repositories/team/app"),
         {},
         QStringLiteral("repository REPOSITORY_INSPECT team/app")},
        {"PATCH",
         QStringLiteral("/api/v1/repositories/team/app"),
         {{QStringLiteral("public"), true}},
         QStringLiteral("repository REPOSITORY_MANAGE team/app")},
        {"DELETE",
         QStringLiteral("/api/v1/repositories/team/app"),
         {},
         QStringLiteral("repository REPOSITORY_DELETE team/app")},
        {"GET",
         QStringLiteral("/api/v1/repositories/team/app/images"),
         {},
         QStringLiteral("repository REPOSITORY_INSPECT team/app")},
        {"DELETE",
         QStringLiteral("/api/v1/repositories/team/app/images/") + m_appDigest,
         {},
         QStringLiteral("repository REPOSITORY_DELETE team/app")},
        {"DELETE",
         QStringLiteral("/api/v1/repositories/team/app/tags/v1"),
         {},
         QStringLiteral("repository REPOSITORY_DELETE team/app")},
    };
    for (const Case& c : cases) {
        m_server.gate().takeLog();
        const RegistryResponse r = m_server.call(c.method, c.target, Alice, c.body);
        QVERIFY2(r.status == 403, qPrintable(c.target + QLatin1Char(' ') + r.describe()));
        const QStringList log = m_server.gate().takeLog();
        QVERIFY2(log.contains(c.expected),
                 qPrintable(c.target + QStringLiteral(": ") + log.join(QStringLiteral("; "))));
    }
    QVERIFY(m_server.registry().repositoryExists(QStringLiteral("team/app")));
}

void TestApiRepositories::badJson()
{
    const RegistryResponse r =
        m_server.callRaw("POST", QStringLiteral("/api/v1/repositories"), Admin, "{\"name\": ");
    QCOMPARE(r.status, 400);
    QCOMPARE(code(r), QStringLiteral("INVALID_JSON"));
    QVERIFY2(message(r).startsWith(QStringLiteral("The request body is not valid JSON")),
             qPrintable(message(r)));
    const RegistryResponse empty =
        m_server.callRaw("POST", QStringLiteral("/api/v1/repositories"), Admin, QByteArray());
    QCOMPARE(empty.status, 400);
    QCOMPARE(code(empty), QStringLiteral("INVALID_JSON"));
}

void TestApiRepositories::bodyMustBeAnObject()
{
    const RegistryResponse r =
        m_server.callRaw("POST", QStringLiteral("/api/v1/repositories"), Admin, "[1,2]");
    QCOMPARE(r.status, 400);
    QCOMPARE(message(r), QStringLiteral("The request body must be a JSON object."));
}

void TestApiRepositories::unknownAndMistypedFields()
{
    RegistryResponse r =
        m_server.call("POST", QStringLiteral("/api/v1/repositories"), Admin,
                      {{QStringLiteral("name"), QStringLiteral("a/b")}, {QStringLiteral("colour"), 1}});
    QCOMPARE(r.status, 400);
    QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
    QCOMPARE(
        message(r),
        QStringLiteral("Unknown field \"colour\"; the fields allowed here are: compartment, name, public."));
    r = m_server.call("PATCH", QStringLiteral("/api/v1/repositories/team/app"), Admin,
                      {{QStringLiteral("public"), QStringLiteral("yes")}});
    QCOMPARE(r.status, 400);
    QCOMPARE(message(r), QStringLiteral("The field \"public\" must be a boolean."));
    QVERIFY(!m_server.registry().repositoryExists(QStringLiteral("a/b")));
}

void TestApiRepositories::bodyTooLarge()
{
    QByteArray big = "{\"name\": \"" + QByteArray(1024 * 1024 + 10, 'a') + "\"}";
    const RegistryResponse r = m_server.callRaw("POST", QStringLiteral("/api/v1/repositories"), Admin, big);
    QCOMPARE(r.status, 413);
    QCOMPARE(code(r), QStringLiteral("PAYLOAD_TOO_LARGE"));
}

void TestApiRepositories::wrongContentType()
{
    const RegistryResponse r = m_server.callRaw("POST", QStringLiteral("/api/v1/repositories"), Admin,
                                                "{\"name\":\"a/c\"}", "text/plain");
    QCOMPARE(r.status, 415);
    QCOMPARE(code(r), QStringLiteral("UNSUPPORTED_MEDIA_TYPE"));
}

void TestApiRepositories::unknownEndpointIs404Json()
{
    const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/nothing/here"), Admin);
    QCOMPARE(r.status, 404);
    QCOMPARE(code(r), QStringLiteral("NOT_FOUND"));
}

void TestApiRepositories::wrongMethodIs405Json()
{
    const RegistryResponse r = m_server.call("PUT", QStringLiteral("/api/v1/repositories"), Admin);
    QCOMPARE(r.status, 405);
    QCOMPARE(code(r), QStringLiteral("METHOD_NOT_ALLOWED"));
    QCOMPARE(r.header("Allow"), QByteArray("GET, POST"));
}

QTEST_MAIN(TestApiRepositories)
#include "tst_api_repositories.moc"
