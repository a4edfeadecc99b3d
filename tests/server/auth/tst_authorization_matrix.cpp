// The authorization matrix, end to end: a real berthd, users whose only grant is one verb at one
// place in the compartment tree (or an any-user statement, or a condition), and every endpoint of
// /v2 plus representative /api/v1 routes. Each request's status is checked against an oracle
// written here from OCI's rules: the verb ladder inspect < read < use < manage, inheritance down
// the tree, deny by default, 401 for anonymous callers and 403 for signed-in ones.

#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace berth;

namespace {

const QStringList Verbs = {QStringLiteral("inspect"), QStringLiteral("read"), QStringLiteral("use"),
                           QStringLiteral("manage")};
// Where a statement points, relative to the repository's compartment Apps:Backend.
struct Position
{
    QString name;     ///< for user names: lowercase letters only
    QString location; ///< the statement's location
    bool covers;      ///< does it cover Apps:Backend
};
const QList<Position> Positions = {
    {QStringLiteral("tenancy"), QStringLiteral("tenancy"), true},
    {QStringLiteral("parent"), QStringLiteral("compartment Apps"), true},
    {QStringLiteral("same"), QStringLiteral("compartment Apps:Backend"), true},
    {QStringLiteral("child"), QStringLiteral("compartment Apps:Backend:Jobs"), false},
    {QStringLiteral("sibling"), QStringLiteral("compartment Apps:Frontend"), false},
};
const QString Repo = QStringLiteral("apps/backend/api");
const QString Password = QStringLiteral("matrix-password-1234");

/// What an endpoint needs, as the weakest verb that grants it (0 inspect .. 3 manage).
struct Endpoint
{
    QString label;
    int minimumVerb;
};

} // namespace

class TestAuthorizationMatrix : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void registryEndpoints();
    void catalogIsFilteredByInspect();
    void managementApi();

private:
    RegistryResponse api(const QByteArray& method, const QString& path, const QJsonObject& body = {});
    RegistryResponse as(const QString& user, const QByteArray& method, const QString& target,
                        const RegistryClient::Headers& headers = {}, const QByteArray& body = {});
    /// Sends the request for `endpoint` as `user`; returns the status.
    int call(const QString& user, const QString& endpoint);
    void addUser(const QString& user, const QString& statement);

    BerthdProcess m_registry;
    std::unique_ptr<RegistryClient> m_admin;
    std::unique_ptr<RegistryClient> m_anonymous;
    QByteArray m_config;
    QByteArray m_layer;
    QByteArray m_manifest;
    int m_tagCounter = 0;
    // user -> highest verb granted on Apps:Backend (-1: none)
    QHash<QString, int> m_expected;
};

RegistryResponse TestAuthorizationMatrix::api(const QByteArray& method, const QString& path,
                                              const QJsonObject& body)
{
    return m_admin->request(method, path, {{"Content-Type", "application/json"}},
                            body.isEmpty() ? QByteArray()
                                           : QJsonDocument(body).toJson(QJsonDocument::Compact));
}

RegistryResponse TestAuthorizationMatrix::as(const QString& user, const QByteArray& method,
                                             const QString& target, const RegistryClient::Headers& headers,
                                             const QByteArray& body)
{
    RegistryClient::Headers all = headers;
    if (!user.isEmpty())
        all.append({"Authorization", "Basic " + (user + QLatin1Char(':') + Password).toUtf8().toBase64()});
    return m_anonymous->request(method, target, all, body);
}

void TestAuthorizationMatrix::addUser(const QString& user, const QString& statement)
{
    QCOMPARE(api("POST", QStringLiteral("/api/v1/users"),
                 {{QStringLiteral("name"), user}, {QStringLiteral("password"), Password}})
                 .status,
             201);
    if (statement.isEmpty())
        return;
    const QString group = QStringLiteral("g-") + user;
    QCOMPARE(api("POST", QStringLiteral("/api/v1/groups"), {{QStringLiteral("name"), group}}).status, 201);
    QCOMPARE(api("PUT", QStringLiteral("/api/v1/groups/%1/members/%2").arg(group, user)).status / 100, 2);
    const RegistryResponse policy = api("POST", QStringLiteral("/api/v1/policies"),
                                        {{QStringLiteral("name"), QStringLiteral("p-") + user},
                                         {QStringLiteral("compartment"), QString()},
                                         {QStringLiteral("statements"), statement.arg(group)}});
    QVERIFY2(policy.status == 201, qPrintable(policy.describe()));
}

void TestAuthorizationMatrix::initTestCase()
{
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    m_admin = std::make_unique<RegistryClient>(m_registry.baseUrl());
    m_anonymous = std::make_unique<RegistryClient>(m_registry.anonymousUrl());

    for (const QString& path : {QStringLiteral("Apps"), QStringLiteral("Apps:Backend"),
                                QStringLiteral("Apps:Backend:Jobs"), QStringLiteral("Apps:Frontend")}) {
        const int colon = int(path.lastIndexOf(QLatin1Char(':')));
        const RegistryResponse r = api("POST", QStringLiteral("/api/v1/compartments"),
                                       {{QStringLiteral("parent"), colon < 0 ? QString() : path.left(colon)},
                                        {QStringLiteral("name"), colon < 0 ? path : path.mid(colon + 1)}});
        QVERIFY2(r.status == 201, qPrintable(r.describe()));
    }
    RegistryResponse r = api(
        "POST", QStringLiteral("/api/v1/repositories"),
        {{QStringLiteral("name"), Repo}, {QStringLiteral("compartment"), QStringLiteral("Apps:Backend")}});
    QVERIFY2(r.status == 201, qPrintable(r.describe()));
    m_config = OciFixtures::config(3);
    m_layer = OciFixtures::randomBytes(1000, 3);
    QCOMPARE(m_admin->pushBlobMonolithic(Repo, m_config).status, 201);
    QCOMPARE(m_admin->pushBlobMonolithic(Repo, m_layer).status, 201);
    m_manifest = OciFixtures::imageManifest(m_config, {m_layer});
    QCOMPARE(m_admin->pushManifest(Repo, QStringLiteral("v1"), OciFixtures::kManifestType, m_manifest).status,
             201);

    for (int v = 0; v < Verbs.size(); ++v) {
        for (const Position& p : Positions) {
            const QString user = Verbs[v] + p.name;
            addUser(user, QStringLiteral("Allow group %1 to ") + Verbs[v] + QStringLiteral(" repos in ") +
                              p.location);
            m_expected.insert(user, p.covers ? v : -1);
        }
    }
    // Conditions: the same grant, once matching the repository's name and once not.
    addUser(QStringLiteral("condyes"), QStringLiteral("Allow group %1 to manage repos in tenancy where "
                                                      "target.repo.name = 'apps/backend/*'"));
    m_expected.insert(QStringLiteral("condyes"), 3);
    addUser(QStringLiteral("condno"), QStringLiteral("Allow group %1 to manage repos in tenancy where "
                                                     "target.repo.name = 'apps/frontend/*'"));
    m_expected.insert(QStringLiteral("condno"), -1);
    addUser(QStringLiteral("nobody"), QString());
    m_expected.insert(QStringLiteral("nobody"), -1);
}

void TestAuthorizationMatrix::cleanupTestCase()
{
    QCOMPARE(m_registry.stop(), 0);
}

int TestAuthorizationMatrix::call(const QString& user, const QString& endpoint)
{
    const QString base = QStringLiteral("/v2/") + Repo;
    const QString manifestDigest = OciFixtures::digestOf(m_manifest);
    const QString layerDigest = OciFixtures::digestOf(m_layer);
    if (endpoint == QLatin1String("GET manifest"))
        return as(user, "GET", base + QStringLiteral("/manifests/v1"),
                  {{"Accept", OciFixtures::kManifestType}})
            .status;
    if (endpoint == QLatin1String("HEAD manifest"))
        return as(user, "HEAD", base + QStringLiteral("/manifests/") + manifestDigest).status;
    if (endpoint == QLatin1String("GET blob"))
        return as(user, "GET", base + QStringLiteral("/blobs/") + layerDigest).status;
    if (endpoint == QLatin1String("GET tags"))
        return as(user, "GET", base + QStringLiteral("/tags/list")).status;
    if (endpoint == QLatin1String("GET referrers"))
        return as(user, "GET", base + QStringLiteral("/referrers/") + manifestDigest).status;
    if (endpoint == QLatin1String("POST upload"))
        return as(user, "POST", base + QStringLiteral("/blobs/uploads/")).status;
    if (endpoint == QLatin1String("POST mount"))
        return as(user, "POST",
                  base + QStringLiteral("/blobs/uploads/?mount=%1&from=%2").arg(layerDigest, Repo))
            .status;
    if (endpoint == QLatin1String("PUT manifest")) {
        const QString tag = QStringLiteral("t%1").arg(++m_tagCounter);
        return as(user, "PUT", base + QStringLiteral("/manifests/") + tag,
                  {{"Content-Type", OciFixtures::kManifestType}}, m_manifest)
            .status;
    }
    if (endpoint == QLatin1String("DELETE tag")) {
        // A tag of its own to delete, so that allowed deletions do not disturb the other rows.
        const QString tag = QStringLiteral("d%1").arg(++m_tagCounter);
        if (m_admin->pushManifest(Repo, tag, OciFixtures::kManifestType, m_manifest).status != 201)
            return -1;
        return as(user, "DELETE", base + QStringLiteral("/manifests/") + tag).status;
    }
    return -1;
}

void TestAuthorizationMatrix::registryEndpoints()
{
    const QList<Endpoint> endpoints = {
        {QStringLiteral("GET manifest"), 1},  {QStringLiteral("HEAD manifest"), 1},
        {QStringLiteral("GET blob"), 1},      {QStringLiteral("GET tags"), 1},
        {QStringLiteral("GET referrers"), 1}, {QStringLiteral("POST upload"), 2},
        {QStringLiteral("POST mount"), 2},    {QStringLiteral("PUT manifest"), 2},
        {QStringLiteral("DELETE tag"), 3},
    };
    int unexpectedAllows = 0;
    int unexpectedDenials = 0;
    QStringList failures;
    QStringList users = m_expected.keys();
    users.sort();
    users.prepend(QString()); // anonymous
    for (const QString& user : users) {
        const int granted = user.isEmpty() ? -1 : m_expected.value(user);
        for (const Endpoint& endpoint : endpoints) {
            const int status = call(user, endpoint.label);
            const bool shouldAllow = granted >= endpoint.minimumVerb;
            const int refusal = user.isEmpty() ? 401 : 403;
            const bool allowed = status >= 200 && status < 300;
            if (allowed && !shouldAllow)
                ++unexpectedAllows;
            if (!allowed && shouldAllow)
                ++unexpectedDenials;
            if (allowed != shouldAllow || (!allowed && status != refusal)) {
                failures.append(QStringLiteral("%1 %2 -> %3 (expected %4)")
                                    .arg(user.isEmpty() ? QStringLiteral("anonymous") : user, endpoint.label)
                                    .arg(status)
                                    .arg(shouldAllow ? QStringLiteral("2xx") : QString::number(refusal)));
            }
        }
    }
    qInfo("matrix: %d users x %d endpoints, %d unexpected allows, %d unexpected denials", int(users.size()),
          int(endpoints.size()), unexpectedAllows, unexpectedDenials);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
}

void TestAuthorizationMatrix::catalogIsFilteredByInspect()
{
    for (auto it = m_expected.constBegin(); it != m_expected.constEnd(); ++it) {
        const RegistryResponse r = as(it.key(), "GET", QStringLiteral("/v2/_catalog"));
        QCOMPARE(r.status, 200);
        const bool listed = r.json().object().value(QStringLiteral("repositories")).toArray().contains(Repo);
        QVERIFY2(listed == (it.value() >= 0),
                 qPrintable(it.key() + QStringLiteral(": ") + QString::fromUtf8(r.body)));
    }
    QCOMPARE(as(QString(), "GET", QStringLiteral("/v2/_catalog")).status, 401);
}

void TestAuthorizationMatrix::managementApi()
{
    const QString repoPath = QStringLiteral("/api/v1/repositories/") + Repo;
    QStringList failures;
    for (auto it = m_expected.constBegin(); it != m_expected.constEnd(); ++it) {
        const int granted = it.value();
        const auto check = [&](const char* what, int status, bool shouldAllow) {
            const bool allowed = status >= 200 && status < 300;
            if (allowed != shouldAllow || (!allowed && status != 403))
                failures.append(QStringLiteral("%1 %2 -> %3").arg(it.key(), QLatin1String(what)).arg(status));
        };
        check("GET repository", as(it.key(), "GET", repoPath).status, granted >= 0);
        check("GET images", as(it.key(), "GET", repoPath + QStringLiteral("/images")).status, granted >= 0);
        // Making it private again (it is private): needs manage, changes nothing.
        check("PATCH public",
              as(it.key(), "PATCH", repoPath, {{"Content-Type", "application/json"}}, R"({"public": false})")
                  .status,
              granted >= 3);
        check("POST user",
              as(it.key(), "POST", QStringLiteral("/api/v1/users"), {{"Content-Type", "application/json"}},
                 R"({"name": "x"})")
                  .status,
              false);
    }
    QCOMPARE(as(QString(), "GET", repoPath).status, 401);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestAuthorizationMatrix)
#include "tst_authorization_matrix.moc"
