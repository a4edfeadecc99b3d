// /api/v1 identity and audit endpoints over a real IdentityService and AuditLog: compartments (tree,
// create, rename, move, delete only when empty), repositories moved between compartments, users (self
// access, lock), auth tokens (secret shown once, limit, revoke), groups, network sources, policies with
// positioned validation problems, explain, and the audit log.

#include "ApiTestServer.h"
#include "audit/AuditLog.h"
#include "iam/IdentityService.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {
const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Bob = QStringLiteral("bob");

QString code(const RegistryResponse& r)
{
    return r.json().object().value(QStringLiteral("code")).toString();
}

QJsonObject object(const RegistryResponse& r)
{
    return r.json().object();
}

QJsonObject o(std::initializer_list<QPair<QString, QJsonValue>> fields)
{
    QJsonObject object;
    for (const auto& f : fields)
        object.insert(f.first, f.second);
    return object;
}
} // namespace

class TestApiIdentity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void compartmentTreeCreateRenameMove();
    void compartmentErrors();
    void repositoryMovesBetweenCompartments();
    void usersAndSelfAccess();
    void userErrors();
    void lockUser();
    void authTokens();
    void authTokensOfOthersAreRefused();
    void groupsAndMembers();
    void networkSources();
    void policyValidationProblemsHaveLineAndColumn();
    void policyLifecycle();
    void explain();
    void explainErrors();
    void auditQueryAndVerify();
    void changesThroughTheApiAreAudited();

private:
    QJsonArray m_lastAudit;

private slots:
    void auditBadParameters();

private:
    ApiTestServer m_server{ApiTestServer::Options{true, true}};
};

void TestApiIdentity::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY(m_server.identity()->ensureAdministrator().ok());
    for (const QString& user : {Alice, Bob}) {
        const RegistryResponse r = m_server.call("POST", QStringLiteral("/api/v1/users"), Admin,
                                                 o({{QStringLiteral("name"), user}}));
        QVERIFY2(r.status == 201, r.describeUtf8());
    }
    QVERIFY(!pushImage(m_server.client(), QStringLiteral("team/app"), QStringLiteral("v1"), 5).isEmpty());
}

void TestApiIdentity::compartmentTreeCreateRenameMove()
{
    RegistryResponse r = m_server.call("POST", QStringLiteral("/api/v1/compartments"), Admin,
                                       o({{QStringLiteral("name"), QStringLiteral("Apps")}}));
    QCOMPARE(r.status, 201);
    QCOMPARE(object(r).value(QStringLiteral("path")).toString(), QStringLiteral("Apps"));
    r = m_server.call("POST", QStringLiteral("/api/v1/compartments"), Admin,
                      o({{QStringLiteral("name"), QStringLiteral("Backend")},
                         {QStringLiteral("parent"), QStringLiteral("Apps")}}));
    QCOMPARE(r.status, 201);
    QCOMPARE(object(r).value(QStringLiteral("path")).toString(), QStringLiteral("Apps:Backend"));
    r = m_server.call("POST", QStringLiteral("/api/v1/compartments"), Admin,
                      o({{QStringLiteral("name"), QStringLiteral("Other")}}));
    QCOMPARE(r.status, 201);

    // Any signed-in user sees the tree.
    r = m_server.call("GET", QStringLiteral("/api/v1/compartments"), Alice);
    QCOMPARE(r.status, 200);
    const QJsonArray top = object(r).value(QStringLiteral("children")).toArray();
    QCOMPARE(top.size(), 2);
    QCOMPARE(top.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Apps"));
    QCOMPARE(top.at(0)
                 .toObject()
                 .value(QStringLiteral("children"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("path"))
                 .toString(),
             QStringLiteral("Apps:Backend"));

    // Rename and move in one PATCH: Apps:Backend -> Other:Server.
    r = m_server.call("PATCH", QStringLiteral("/api/v1/compartments/Apps:Backend"), Admin,
                      o({{QStringLiteral("parent"), QStringLiteral("Other")},
                         {QStringLiteral("name"), QStringLiteral("Server")}}));
    QVERIFY2(r.status == 200, r.describeUtf8());
    QCOMPARE(object(r).value(QStringLiteral("path")).toString(), QStringLiteral("Other:Server"));
    r = m_server.call("GET", QStringLiteral("/api/v1/compartments/Other:Server"), Alice);
    QCOMPARE(r.status, 200);
    r = m_server.call("GET", QStringLiteral("/api/v1/compartments/Apps:Backend"), Alice);
    QCOMPARE(r.status, 404);
    QCOMPARE(code(r), QStringLiteral("NOT_FOUND"));

    // Only administrators change the tree.
    r = m_server.call("POST", QStringLiteral("/api/v1/compartments"), Alice,
                      o({{QStringLiteral("name"), QStringLiteral("Mine")}}));
    QCOMPARE(r.status, 403);
    QCOMPARE(code(r), QStringLiteral("NOT_AUTHORIZED"));
}

void TestApiIdentity::compartmentErrors()
{
    RegistryResponse r = m_server.call("POST", QStringLiteral("/api/v1/compartments"), Admin,
                                       o({{QStringLiteral("name"), QStringLiteral("Apps")}}));
    QCOMPARE(r.status, 409);
    QCOMPARE(code(r), QStringLiteral("CONFLICT"));
    r = m_server.call("POST", QStringLiteral("/api/v1/compartments"), Admin,
                      o({{QStringLiteral("name"), QStringLiteral("bad name!")}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
    r = m_server.call("POST", QStringLiteral("/api/v1/compartments"), Admin,
                      o({{QStringLiteral("name"), QStringLiteral("X")},
                         {QStringLiteral("parent"), QStringLiteral("Nope")}}));
    QCOMPARE(r.status, 404);
    // Not empty: Other holds Server.
    r = m_server.call("DELETE", QStringLiteral("/api/v1/compartments/Other"), Admin);
    QCOMPARE(r.status, 409);
    QCOMPARE(code(r), QStringLiteral("CONFLICT"));
    r = m_server.call("DELETE", QStringLiteral("/api/v1/compartments/Nope"), Admin);
    QCOMPARE(r.status, 404);
    r = m_server.call("PATCH", QStringLiteral("/api/v1/compartments/Apps"), Admin,
                      o({{QStringLiteral("colour"), 1}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(
        object(r).value(QStringLiteral("message")).toString(),
        QStringLiteral("Unknown field \"colour\"; the fields allowed here are: description, name, parent."));
}

void TestApiIdentity::repositoryMovesBetweenCompartments()
{
    RegistryResponse r = m_server.call("POST", QStringLiteral("/api/v1/repositories"), Admin,
                                       o({{QStringLiteral("name"), QStringLiteral("apps/web")},
                                          {QStringLiteral("compartment"), QStringLiteral("Apps")}}));
    QCOMPARE(r.status, 201);
    QCOMPARE(object(r).value(QStringLiteral("compartment")).toString(), QStringLiteral("Apps"));

    // Alice manages the repository where it is, but not the destination: refused, nothing moved.
    m_server.gate().allowRepository(Alice, Permission::RepositoryManage, QStringLiteral("apps/web"));
    r = m_server.call("PATCH", QStringLiteral("/api/v1/repositories/apps/web"), Alice,
                      o({{QStringLiteral("compartment"), QStringLiteral("Other:Server")}}));
    QCOMPARE(r.status, 403);
    QCOMPARE(m_server.registry().repositoryCompartment(QStringLiteral("apps/web")).value().toString(),
             QStringLiteral("Apps"));
    m_server.gate().allowCompartment(Alice, Permission::RepositoryManage,
                                     CompartmentPath(QStringList{QStringLiteral("Other")}));
    r = m_server.call("PATCH", QStringLiteral("/api/v1/repositories/apps/web"), Alice,
                      o({{QStringLiteral("compartment"), QStringLiteral("Other:Server")}}));
    QVERIFY2(r.status == 200, r.describeUtf8());
    QCOMPARE(object(r).value(QStringLiteral("compartment")).toString(), QStringLiteral("Other:Server"));

    // Listing by compartment, directly and recursively.
    r = m_server.call("GET", QStringLiteral("/api/v1/repositories?compartment=Other"), Admin);
    QCOMPARE(r.status, 200);
    QVERIFY(object(r).value(QStringLiteral("items")).toArray().isEmpty());
    r = m_server.call("GET", QStringLiteral("/api/v1/repositories?compartment=Other&recursive=true"), Admin);
    QCOMPARE(object(r).value(QStringLiteral("items")).toArray().size(), 1);
    m_server.gate().clearGrants();

    // A compartment with a repository cannot be deleted.
    r = m_server.call("DELETE", QStringLiteral("/api/v1/compartments/Other:Server"), Admin);
    QCOMPARE(r.status, 409);
}

void TestApiIdentity::usersAndSelfAccess()
{
    RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/users/me"), Alice);
    QCOMPARE(r.status, 200);
    QCOMPARE(object(r).value(QStringLiteral("name")).toString(), Alice);
    QCOMPARE(object(r).value(QStringLiteral("administrator")).toBool(true), false);
    r = m_server.call("GET", QStringLiteral("/api/v1/users/alice"), Alice);
    QCOMPARE(r.status, 200);
    r = m_server.call("GET", QStringLiteral("/api/v1/users/bob"), Alice);
    QCOMPARE(r.status, 403);
    r = m_server.call("GET", QStringLiteral("/api/v1/users"), Alice);
    QCOMPARE(r.status, 403);
    r = m_server.call("GET", QStringLiteral("/api/v1/users"), Admin);
    QCOMPARE(r.status, 200);
    QStringList names;
    for (const QJsonValue& v : object(r).value(QStringLiteral("items")).toArray())
        names.append(v.toObject().value(QStringLiteral("name")).toString());
    QCOMPARE(names, (QStringList{Admin, Alice, Bob}));
    r = m_server.call("GET", QStringLiteral("/api/v1/users/me"), QString());
    QCOMPARE(r.status, 401);
    QCOMPARE(r.header("WWW-Authenticate"), QByteArray(FakeAccessGate::Challenge));
}

void TestApiIdentity::userErrors()
{
    RegistryResponse r =
        m_server.call("POST", QStringLiteral("/api/v1/users"), Admin, o({{QStringLiteral("name"), Alice}}));
    QCOMPARE(r.status, 409);
    QCOMPARE(code(r), QStringLiteral("CONFLICT"));
    r = m_server.call("POST", QStringLiteral("/api/v1/users"), Admin,
                      o({{QStringLiteral("name"), QStringLiteral("carol")},
                         {QStringLiteral("password"), QStringLiteral("x")}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
    r = m_server.call("GET", QStringLiteral("/api/v1/users/nobody-here"), Admin);
    QCOMPARE(r.status, 404);
    r = m_server.call("PATCH", QStringLiteral("/api/v1/users/alice"), Admin,
                      o({{QStringLiteral("locked"), QStringLiteral("yes")}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(object(r).value(QStringLiteral("message")).toString(),
             QStringLiteral("The field \"locked\" must be a boolean."));
    // The last administrator stays.
    r = m_server.call("DELETE", QStringLiteral("/api/v1/users/admin"), Admin);
    QCOMPARE(r.status, 409);
}

void TestApiIdentity::lockUser()
{
    RegistryResponse r = m_server.call("PATCH", QStringLiteral("/api/v1/users/bob"), Admin,
                                       o({{QStringLiteral("locked"), true}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(object(r).value(QStringLiteral("locked")).toBool(), true);
    QVERIFY(m_server.identity()->user(Bob).value().locked);
    r = m_server.call(
        "PATCH", QStringLiteral("/api/v1/users/bob"), Admin,
        o({{QStringLiteral("locked"), false}, {QStringLiteral("email"), QStringLiteral("bob@example.com")}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(object(r).value(QStringLiteral("locked")).toBool(true), false);
    QCOMPARE(object(r).value(QStringLiteral("email")).toString(), QStringLiteral("bob@example.com"));
}

void TestApiIdentity::authTokens()
{
    const QString base = QStringLiteral("/api/v1/users/alice/auth-tokens");
    RegistryResponse r =
        m_server.call("POST", base, Alice, o({{QStringLiteral("description"), QStringLiteral("laptop")}}));
    QCOMPARE(r.status, 201);
    const QString secret = object(r).value(QStringLiteral("secret")).toString();
    const QString id = object(r).value(QStringLiteral("id")).toString();
    QVERIFY(secret.startsWith(QStringLiteral("berth_")));
    QVERIFY(m_server.identity()->verifyCredentials(Alice, secret).ok());

    // No body at all is fine too: every field is optional.
    r = m_server.callRaw("POST", base, Alice, QByteArray());
    QCOMPARE(r.status, 201);
    // The default limit is two.
    r = m_server.call("POST", base, Alice, QJsonObject());
    QCOMPARE(r.status, 409);
    QCOMPARE(code(r), QStringLiteral("LIMIT_EXCEEDED"));

    r = m_server.call("GET", base, Alice);
    QCOMPARE(r.status, 200);
    const QJsonArray items = object(r).value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QVERIFY(!r.body.contains(secret.toUtf8()));
    for (const QJsonValue& v : items)
        QVERIFY(!v.toObject().contains(QStringLiteral("secret")));

    r = m_server.call("DELETE", base + QLatin1Char('/') + id, Alice);
    QCOMPARE(r.status, 204);
    QVERIFY(!m_server.identity()->verifyCredentials(Alice, secret).ok());
    r = m_server.call("GET", base, Alice);
    bool revoked = false;
    for (const QJsonValue& v : object(r).value(QStringLiteral("items")).toArray()) {
        if (v.toObject().value(QStringLiteral("id")).toString() == id)
            revoked = v.toObject().value(QStringLiteral("revoked")).toBool() &&
                      !v.toObject().value(QStringLiteral("revokedAt")).isNull();
    }
    QVERIFY(revoked);
    r = m_server.call("DELETE", base + QStringLiteral("/ocid1.authtoken.berth..nothing"), Alice);
    QCOMPARE(r.status, 404);
}

void TestApiIdentity::authTokensOfOthersAreRefused()
{
    RegistryResponse r =
        m_server.call("POST", QStringLiteral("/api/v1/users/alice/auth-tokens"), Bob, QJsonObject());
    QCOMPARE(r.status, 403);
    r = m_server.call("GET", QStringLiteral("/api/v1/users/alice/auth-tokens"), Bob);
    QCOMPARE(r.status, 403);
    // Administrators may manage anyone's.
    r = m_server.call("GET", QStringLiteral("/api/v1/users/alice/auth-tokens"), Admin);
    QCOMPARE(r.status, 200);
    r = m_server.call("POST", QStringLiteral("/api/v1/users/bob/auth-tokens"), Admin, QJsonObject());
    QCOMPARE(r.status, 201);
}

void TestApiIdentity::groupsAndMembers()
{
    RegistryResponse r = m_server.call("POST", QStringLiteral("/api/v1/groups"), Admin,
                                       o({{QStringLiteral("name"), QStringLiteral("Developers")}}));
    QCOMPARE(r.status, 201);
    r = m_server.call("PUT", QStringLiteral("/api/v1/groups/Developers/members/alice"), Admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(object(r).value(QStringLiteral("members")).toArray(), QJsonArray{Alice});
    r = m_server.call("GET", QStringLiteral("/api/v1/users/alice"), Admin);
    QVERIFY(object(r).value(QStringLiteral("groups")).toArray().contains(QStringLiteral("Developers")));
    r = m_server.call("PUT", QStringLiteral("/api/v1/groups/Developers/members/nobody-here"), Admin);
    QCOMPARE(r.status, 404);
    r = m_server.call("POST", QStringLiteral("/api/v1/groups"), Admin,
                      o({{QStringLiteral("name"), QStringLiteral("Developers")}}));
    QCOMPARE(r.status, 409);
    r = m_server.call("DELETE", QStringLiteral("/api/v1/groups/Administrators"), Admin);
    QCOMPARE(r.status, 409);
    r = m_server.call("DELETE", QStringLiteral("/api/v1/groups/Administrators/members/admin"), Admin);
    QCOMPARE(r.status, 409);
    r = m_server.call("GET", QStringLiteral("/api/v1/groups"), Alice);
    QCOMPARE(r.status, 403);
}

void TestApiIdentity::networkSources()
{
    RegistryResponse r =
        m_server.call("POST", QStringLiteral("/api/v1/network-sources"), Admin,
                      o({{QStringLiteral("name"), QStringLiteral("corpnet")},
                         {QStringLiteral("ranges"), QJsonArray{QStringLiteral("10.0.0.0/8")}}}));
    QCOMPARE(r.status, 201);
    r = m_server.call("POST", QStringLiteral("/api/v1/network-sources"), Admin,
                      o({{QStringLiteral("name"), QStringLiteral("bad")},
                         {QStringLiteral("ranges"), QJsonArray{QStringLiteral("10.0.0.0/99")}}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
    r = m_server.call(
        "POST", QStringLiteral("/api/v1/network-sources"), Admin,
        o({{QStringLiteral("name"), QStringLiteral("bad")}, {QStringLiteral("ranges"), QJsonArray{1}}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(object(r).value(QStringLiteral("message")).toString(),
             QStringLiteral("The field \"ranges[0]\" must be a string."));
    r = m_server.call("PATCH", QStringLiteral("/api/v1/network-sources/corpnet"), Admin,
                      o({{QStringLiteral("description"), QStringLiteral("office")}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(object(r).value(QStringLiteral("ranges")).toArray(), QJsonArray{QStringLiteral("10.0.0.0/8")});
    QCOMPARE(object(r).value(QStringLiteral("description")).toString(), QStringLiteral("office"));
}

void TestApiIdentity::policyValidationProblemsHaveLineAndColumn()
{
    const QString statements = QStringLiteral(
        "Allow group Developers to read repos in tenancy\nAllow group Developers too use repos in tenancy");
    RegistryResponse r = m_server.call(
        "POST", QStringLiteral("/api/v1/policies"), Admin,
        o({{QStringLiteral("name"), QStringLiteral("broken")}, {QStringLiteral("statements"), statements}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
    const QJsonArray problems =
        object(r).value(QStringLiteral("detail")).toObject().value(QStringLiteral("problems")).toArray();
    QVERIFY2(!problems.isEmpty(), r.describeUtf8());
    QCOMPARE(problems.at(0).toObject().value(QStringLiteral("line")).toInt(), 2);
    QVERIFY(problems.at(0).toObject().value(QStringLiteral("column")).toInt() > 0);

    r = m_server.call("POST", QStringLiteral("/api/v1/policies/validate"), Admin,
                      o({{QStringLiteral("statements"), statements}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(object(r).value(QStringLiteral("valid")).toBool(true), false);
    QCOMPARE(object(r)
                 .value(QStringLiteral("problems"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("line"))
                 .toInt(),
             2);
}

void TestApiIdentity::policyLifecycle()
{
    RegistryResponse r =
        m_server.call("POST", QStringLiteral("/api/v1/policies"), Admin,
                      o({{QStringLiteral("name"), QStringLiteral("dev-read")},
                         {QStringLiteral("compartment"), QStringLiteral("Other")},
                         {QStringLiteral("statements"),
                          QStringLiteral("Allow group Developers to read repos in compartment Server")}}));
    QVERIFY2(r.status == 201, r.describeUtf8());
    QCOMPARE(object(r).value(QStringLiteral("compartment")).toString(), QStringLiteral("Other"));
    r = m_server.call("GET", QStringLiteral("/api/v1/policies/dev-read"), Admin);
    QCOMPARE(r.status, 404); // not in the tenancy
    r = m_server.call("GET", QStringLiteral("/api/v1/policies/dev-read?compartment=Other"), Admin);
    QCOMPARE(r.status, 200);
    r = m_server.call("GET", QStringLiteral("/api/v1/policies?compartment=Other"), Admin);
    QCOMPARE(object(r).value(QStringLiteral("items")).toArray().size(), 1);
    r = m_server.call("POST", QStringLiteral("/api/v1/policies"), Admin,
                      o({{QStringLiteral("name"), QStringLiteral("dev-read")},
                         {QStringLiteral("compartment"), QStringLiteral("Other")},
                         {QStringLiteral("statements"),
                          QStringLiteral("Allow group Developers to read repos in compartment Server")}}));
    QCOMPARE(r.status, 409);
    r = m_server.call("PATCH", QStringLiteral("/api/v1/policies/dev-read?compartment=Other"), Admin,
                      o({{QStringLiteral("statements"),
                          QStringLiteral("Allow group Developers to use repos in compartment Server")}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(object(r).value(QStringLiteral("statements")).toString(),
             QStringLiteral("Allow group Developers to use repos in compartment Server"));
    // The network source is in use once a policy names it.
    r = m_server.call(
        "POST", QStringLiteral("/api/v1/policies"), Admin,
        o({{QStringLiteral("name"), QStringLiteral("office")},
           {QStringLiteral("statements"), QStringLiteral("Allow group Developers to inspect repos in tenancy "
                                                         "where request.networkSource.name = 'corpnet'")}}));
    QVERIFY2(r.status == 201, r.describeUtf8());
    r = m_server.call("DELETE", QStringLiteral("/api/v1/network-sources/corpnet"), Admin);
    QCOMPARE(r.status, 409);
    r = m_server.call("DELETE", QStringLiteral("/api/v1/policies/office"), Admin);
    QCOMPARE(r.status, 204);
    r = m_server.call("DELETE", QStringLiteral("/api/v1/network-sources/corpnet"), Admin);
    QCOMPARE(r.status, 204);
}

void TestApiIdentity::explain()
{
    // team/app lives in the tenancy; dev-read (in Other) covers Other:Server, where apps/web now is.
    RegistryResponse r = m_server.call("POST", QStringLiteral("/api/v1/explain"), Admin,
                                       o({{QStringLiteral("user"), Alice},
                                          {QStringLiteral("permission"), QStringLiteral("REPOSITORY_READ")},
                                          {QStringLiteral("repository"), QStringLiteral("apps/web")}}));
    QVERIFY2(r.status == 200, r.describeUtf8());
    QCOMPARE(object(r).value(QStringLiteral("allowed")).toBool(), true);
    QCOMPARE(object(r).value(QStringLiteral("compartment")).toString(), QStringLiteral("Other:Server"));
    QCOMPARE(
        object(r).value(QStringLiteral("statement")).toObject().value(QStringLiteral("policy")).toString(),
        QStringLiteral("dev-read"));

    r = m_server.call("POST", QStringLiteral("/api/v1/explain"), Admin,
                      o({{QStringLiteral("user"), Alice},
                         {QStringLiteral("permission"), QStringLiteral("REPOSITORY_READ")},
                         {QStringLiteral("repository"), QStringLiteral("team/app")}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(object(r).value(QStringLiteral("allowed")).toBool(true), false);
    QVERIFY(!object(r).value(QStringLiteral("explanation")).toString().isEmpty());
    QVERIFY(object(r).value(QStringLiteral("reason")).toString().startsWith(QStringLiteral("denied")));

    r = m_server.call("POST", QStringLiteral("/api/v1/explain"), Alice,
                      o({{QStringLiteral("user"), Alice},
                         {QStringLiteral("permission"), QStringLiteral("REPOSITORY_READ")},
                         {QStringLiteral("repository"), QStringLiteral("team/app")}}));
    QCOMPARE(r.status, 403);
}

void TestApiIdentity::explainErrors()
{
    RegistryResponse r = m_server.call("POST", QStringLiteral("/api/v1/explain"), Admin,
                                       o({{QStringLiteral("user"), Alice},
                                          {QStringLiteral("permission"), QStringLiteral("FLY")},
                                          {QStringLiteral("repository"), QStringLiteral("team/app")}}));
    QCOMPARE(r.status, 400);
    QVERIFY(
        object(r).value(QStringLiteral("message")).toString().contains(QStringLiteral("REPOSITORY_READ")));
    r = m_server.call("POST", QStringLiteral("/api/v1/explain"), Admin,
                      o({{QStringLiteral("user"), QStringLiteral("nobody-here")},
                         {QStringLiteral("permission"), QStringLiteral("REPOSITORY_READ")},
                         {QStringLiteral("repository"), QStringLiteral("team/app")}}));
    QCOMPARE(r.status, 404);
    r = m_server.call("POST", QStringLiteral("/api/v1/explain"), Admin, o({{QStringLiteral("user"), Alice}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(object(r).value(QStringLiteral("message")).toString(),
             QStringLiteral("The field \"permission\" is required."));
}

void TestApiIdentity::changesThroughTheApiAreAudited()
{
    const auto records = [this](const QString& action) {
        QVERIFY2(m_server.audit()->flush().ok(), "flush");
        const RegistryResponse r = m_server.call(
            "GET", QStringLiteral("/api/v1/audit?order=newest&limit=1000&action=") + action, Admin);
        QCOMPARE(r.status, 200);
        m_lastAudit = object(r).value(QStringLiteral("items")).toArray();
    };
    records(QStringLiteral("api.createGroup"));
    const int before = int(m_lastAudit.size());
    records(QStringLiteral("api.listGroups"));
    const int readsBefore = int(m_lastAudit.size());

    QCOMPARE(m_server
                 .call("POST", QStringLiteral("/api/v1/groups"), Admin,
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("audited-group")}})
                 .status,
             201);
    QCOMPARE(m_server.call("GET", QStringLiteral("/api/v1/groups"), Admin).status, 200);

    records(QStringLiteral("api.createGroup"));
    QCOMPARE(int(m_lastAudit.size()), before + 1);
    const QJsonObject record = m_lastAudit.first().toObject();
    QCOMPARE(record.value(QStringLiteral("actor")).toString(), Admin);
    QCOMPARE(record.value(QStringLiteral("target")).toString(), QStringLiteral("/api/v1/groups"));
    QCOMPARE(record.value(QStringLiteral("decision")).toString(), QStringLiteral("allowed"));
    // Reads leave no trace.
    records(QStringLiteral("api.listGroups"));
    QCOMPARE(int(m_lastAudit.size()), readsBefore);
}

void TestApiIdentity::auditQueryAndVerify()
{
    for (int i = 0; i < 5; ++i) {
        AuditRecord record;
        record.actor = i % 2 ? Alice : Bob;
        record.action = i % 2 ? QStringLiteral("auth.signin.failed") : QStringLiteral("repository.create");
        record.target = QStringLiteral("target-%1").arg(i);
        record.decision = i % 2 ? AuditDecision::Denied : AuditDecision::None;
        QVERIFY(m_server.audit()->append(record) > 0);
    }
    QVERIFY(m_server.audit()->flush().ok());

    RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/audit?actor=alice&action=auth"), Admin);
    QCOMPARE(r.status, 200);
    QJsonArray items = object(r).value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    for (const QJsonValue& v : items)
        QCOMPARE(v.toObject().value(QStringLiteral("decision")).toString(), QStringLiteral("denied"));

    // Paging through everything, newest first.
    QList<qint64> sequences;
    QString target = QStringLiteral("/api/v1/audit?order=newest&limit=2");
    while (!target.isEmpty()) {
        r = m_server.call("GET", target, Admin);
        QCOMPARE(r.status, 200);
        for (const QJsonValue& v : object(r).value(QStringLiteral("items")).toArray())
            sequences.append(v.toObject().value(QStringLiteral("sequence")).toInteger());
        const QString next = object(r).value(QStringLiteral("nextPage")).toString();
        target = next.isEmpty()
                     ? QString()
                     : RegistryClient::withQuery(QStringLiteral("/api/v1/audit?order=newest&limit=2"),
                                                 QStringLiteral("page"), next);
        QVERIFY(sequences.size() < 1000);
    }
    QVERIFY(sequences.size() >= 5);
    for (int i = 1; i < sequences.size(); ++i)
        QVERIFY(sequences[i] < sequences[i - 1]);

    r = m_server.call("GET", QStringLiteral("/api/v1/audit/verify"), Admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(object(r).value(QStringLiteral("ok")).toBool(), true);
    QVERIFY(object(r).value(QStringLiteral("checkedCount")).toInteger() >= 5);

    r = m_server.call("GET", QStringLiteral("/api/v1/audit"), Alice);
    QCOMPARE(r.status, 403);
}

void TestApiIdentity::auditBadParameters()
{
    for (const QString& target :
         {QStringLiteral("/api/v1/audit?from=yesterday"), QStringLiteral("/api/v1/audit?decision=maybe"),
          QStringLiteral("/api/v1/audit?order=sideways"), QStringLiteral("/api/v1/audit?limit=-1"),
          QStringLiteral("/api/v1/audit?page=xyz")}) {
        const RegistryResponse r = m_server.call("GET", target, Admin);
        QVERIFY2(r.status == 400, qPrintable(target + QStringLiteral(" -> ") + r.describe()));
        QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
    }
}

QTEST_MAIN(TestApiIdentity)
#include "tst_api_identity.moc"
