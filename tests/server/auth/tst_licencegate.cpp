// Licence-gated pulls end to end (issue 7): a real berthd, a public repository with an image, users
// signed in with Basic credentials and with Bearer tokens from /v2/token. Once an administrator sets a
// licence, GET and HEAD of manifests and blobs answer 403 DENIED with the exact message (anonymous
// callers are told to sign in first; signed-in ones get the licence, its version and the portal
// address), tag lists stay open, accepting through the API lets the same requests through, a new
// version blocks them again, and users allowed to push (and administrators) push and pull without
// accepting. Without a licence nothing changes.

#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

using namespace berth;

namespace {

const QString Repo = QStringLiteral("team/app");
const QString Password = QStringLiteral("licence-gate-password-1234");
const QString Reader = QStringLiteral("reader");
const QString Pusher = QStringLiteral("pusher");
const QString Mounter = QStringLiteral("mounter");
const QString Title = QStringLiteral("Example Licence");

QByteArray basic(const QString& user)
{
    return "Basic " + (user + QLatin1Char(':') + Password).toUtf8().toBase64();
}

QString errorCode(const RegistryResponse& r)
{
    return r.json()
        .object()
        .value(QStringLiteral("errors"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

QString errorMessage(const RegistryResponse& r)
{
    return r.json()
        .object()
        .value(QStringLiteral("errors"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

} // namespace

class TestLicenceGate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void withoutLicencePullsAreUnaffected();
    void anonymousIsToldToSignInFirst();
    void signedInUsersAreToldWhatToAccept();
    void mountsNeedWhatAPullNeeds();
    void acceptingLetsTheSamePullsThrough();
    void aNewVersionBlocksAgain();
    void pushersAndAdministratorsAreNotGated();

private:
    RegistryResponse api(const QByteArray& method, const QString& path, const QJsonObject& body = {});
    RegistryResponse as(const QString& user, const QByteArray& method, const QString& target,
                        const RegistryClient::Headers& headers = {}, const QByteArray& body = {});
    RegistryResponse withAuthorization(const QByteArray& authorization, const QByteArray& method,
                                       const QString& target);
    QByteArray bearer(const QString& user);
    void addUser(const QString& user, const QString& statement);
    void publish(const QString& version);
    /// The four gated requests (GET/HEAD manifest by tag, GET/HEAD blob) with this Authorization header
    /// ("" = anonymous); their statuses.
    QList<int> pullStatuses(const QByteArray& authorization);
    QString host() const;

    BerthdProcess m_registry;
    std::unique_ptr<RegistryClient> m_admin;
    std::unique_ptr<RegistryClient> m_anonymous;
    QByteArray m_layer;
    QString m_service;
};

RegistryResponse TestLicenceGate::api(const QByteArray& method, const QString& path, const QJsonObject& body)
{
    return m_admin->request(method, path, {{"Content-Type", "application/json"}},
                            body.isEmpty() ? QByteArray()
                                           : QJsonDocument(body).toJson(QJsonDocument::Compact));
}

RegistryResponse TestLicenceGate::as(const QString& user, const QByteArray& method, const QString& target,
                                     const RegistryClient::Headers& headers, const QByteArray& body)
{
    RegistryClient::Headers all = headers;
    if (!user.isEmpty())
        all.append({"Authorization", basic(user)});
    return m_anonymous->request(method, target, all, body);
}

RegistryResponse TestLicenceGate::withAuthorization(const QByteArray& authorization, const QByteArray& method,
                                                    const QString& target)
{
    RegistryClient::Headers headers = {{"Accept", OciFixtures::kManifestType}};
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    return m_anonymous->request(method, target, headers);
}

QByteArray TestLicenceGate::bearer(const QString& user)
{
    const RegistryResponse r =
        as(user, "GET", QStringLiteral("/v2/token?service=%1&scope=repository:%2:pull").arg(m_service, Repo));
    if (r.status != 200)
        return QByteArray();
    return "Bearer " + r.json().object().value(QStringLiteral("token")).toString().toUtf8();
}

void TestLicenceGate::addUser(const QString& user, const QString& statement)
{
    QCOMPARE(api("POST", QStringLiteral("/api/v1/users"),
                 {{QStringLiteral("name"), user}, {QStringLiteral("password"), Password}})
                 .status,
             201);
    const QString group = QStringLiteral("g-") + user;
    QCOMPARE(api("POST", QStringLiteral("/api/v1/groups"), {{QStringLiteral("name"), group}}).status, 201);
    QCOMPARE(api("PUT", QStringLiteral("/api/v1/groups/%1/members/%2").arg(group, user)).status / 100, 2);
    const RegistryResponse policy = api("POST", QStringLiteral("/api/v1/policies"),
                                        {{QStringLiteral("name"), QStringLiteral("p-") + user},
                                         {QStringLiteral("compartment"), QString()},
                                         {QStringLiteral("statements"), statement.arg(group)}});
    QVERIFY2(policy.status == 201, qPrintable(policy.describe()));
}

void TestLicenceGate::publish(const QString& version)
{
    const RegistryResponse r =
        api("PUT", QStringLiteral("/api/v1/repositories/%1/licence").arg(Repo),
            {{QStringLiteral("title"), Title},
             {QStringLiteral("version"), version},
             {QStringLiteral("text"), QStringLiteral("Version %1 of the terms.").arg(version)}});
    QVERIFY2(r.status == 200, qPrintable(r.describe()));
}

QList<int> TestLicenceGate::pullStatuses(const QByteArray& authorization)
{
    const QString base = QStringLiteral("/v2/") + Repo;
    const QString blob = base + QStringLiteral("/blobs/") + OciFixtures::digestOf(m_layer);
    return {withAuthorization(authorization, "GET", base + QStringLiteral("/manifests/v1")).status,
            withAuthorization(authorization, "HEAD", base + QStringLiteral("/manifests/v1")).status,
            withAuthorization(authorization, "GET", blob).status,
            withAuthorization(authorization, "HEAD", blob).status};
}

QString TestLicenceGate::host() const
{
    return QStringLiteral("%1:%2")
        .arg(m_registry.anonymousUrl().host())
        .arg(m_registry.anonymousUrl().port());
}

void TestLicenceGate::initTestCase()
{
    if (qEnvironmentVariableIsSet("BERTH_TEST_REGISTRY_URL"))
        QSKIP("needs berthd itself: licences are Berth's");
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    m_admin = std::make_unique<RegistryClient>(m_registry.baseUrl());
    m_anonymous = std::make_unique<RegistryClient>(m_registry.anonymousUrl());

    // The token service's name, from the challenge.
    const RegistryResponse challenge = m_anonymous->get(QStringLiteral("/v2/"));
    QCOMPARE(challenge.status, 401);
    const QRegularExpressionMatch service =
        QRegularExpression(QStringLiteral("service=\"([^\"]+)\""))
            .match(QString::fromLatin1(challenge.header("WWW-Authenticate")));
    QVERIFY(service.hasMatch());
    m_service = service.captured(1);

    const QByteArray config = OciFixtures::config(11);
    m_layer = OciFixtures::randomBytes(4096, 12);
    QCOMPARE(m_admin->pushBlobMonolithic(Repo, config).status, 201);
    QCOMPARE(m_admin->pushBlobMonolithic(Repo, m_layer).status, 201);
    QCOMPARE(m_admin
                 ->pushManifest(Repo, QStringLiteral("v1"), OciFixtures::kManifestType,
                                OciFixtures::imageManifest(config, {m_layer}))
                 .status,
             201);
    const RegistryResponse made =
        api("PATCH", QStringLiteral("/api/v1/repositories/") + Repo, {{QStringLiteral("public"), true}});
    QVERIFY2(made.status == 200, qPrintable(made.describe()));
    addUser(Reader, QStringLiteral("Allow group %1 to read repos in tenancy"));
    addUser(Pusher, QStringLiteral("Allow group %1 to use repos in tenancy"));
    addUser(Mounter,
            QStringLiteral("Allow group %1 to manage repos in tenancy where target.repo.name = 'mine/app'"));
}

void TestLicenceGate::cleanupTestCase()
{
    if (m_registry.isRunning())
        QCOMPARE(m_registry.stop(), 0);
}

void TestLicenceGate::withoutLicencePullsAreUnaffected()
{
    QCOMPARE(pullStatuses(QByteArray()), (QList<int>{200, 200, 200, 200}));
    QCOMPARE(pullStatuses(basic(Reader)), (QList<int>{200, 200, 200, 200}));
    const QByteArray token = bearer(Reader);
    QVERIFY(!token.isEmpty());
    QCOMPARE(pullStatuses(token), (QList<int>{200, 200, 200, 200}));
    const RegistryResponse state =
        m_anonymous->get(QStringLiteral("/api/v1/repositories/%1/licence").arg(Repo));
    QCOMPARE(state.status, 200);
    QCOMPARE(state.json().object().value(QStringLiteral("required")).toBool(), false);
}

void TestLicenceGate::anonymousIsToldToSignInFirst()
{
    publish(QStringLiteral("1"));
    QCOMPARE(pullStatuses(QByteArray()), (QList<int>{403, 403, 403, 403}));
    const RegistryResponse r =
        withAuthorization(QByteArray(), "GET", QStringLiteral("/v2/%1/manifests/v1").arg(Repo));
    QCOMPARE(r.status, 403);
    QCOMPARE(errorCode(r), QStringLiteral("DENIED"));
    QCOMPARE(errorMessage(r),
             QStringLiteral(
                 "Pulling from team/app needs the licence \"Example Licence\" (version 1) accepted first. "
                 "Sign in (docker login %1), then read and accept it at "
                 "http://%1/portal/repositories/team/app/licence")
                 .arg(host()));
    // Tag lists are not gated; the public repository's licence can be read anonymously, not accepted.
    QCOMPARE(m_anonymous->get(QStringLiteral("/v2/%1/tags/list").arg(Repo)).status, 200);
    const RegistryResponse state =
        m_anonymous->get(QStringLiteral("/api/v1/repositories/%1/licence").arg(Repo));
    QCOMPARE(state.status, 200);
    QCOMPARE(state.json().object().value(QStringLiteral("required")).toBool(), true);
    QCOMPARE(state.json().object().value(QStringLiteral("acceptUrl")).toString(),
             QStringLiteral("http://%1/portal/repositories/team/app/licence").arg(host()));
    const RegistryResponse accept =
        m_anonymous->request("POST", QStringLiteral("/api/v1/repositories/%1/licence/acceptance").arg(Repo),
                             {{"Content-Type", "application/json"}}, R"({"version":"1"})");
    QCOMPARE(accept.status, 401);
}

void TestLicenceGate::signedInUsersAreToldWhatToAccept()
{
    const QString expected =
        QStringLiteral(
            "Pulling from team/app needs the licence \"Example Licence\" (version 1) accepted first. Read "
            "and accept it at http://%1/portal/repositories/team/app/licence or run: berthctl licence "
            "accept team/app")
            .arg(host());
    QCOMPARE(pullStatuses(basic(Reader)), (QList<int>{403, 403, 403, 403}));
    RegistryResponse r =
        withAuthorization(basic(Reader), "GET", QStringLiteral("/v2/%1/manifests/v1").arg(Repo));
    QCOMPARE(errorCode(r), QStringLiteral("DENIED"));
    QCOMPARE(errorMessage(r), expected);

    const QByteArray token = bearer(Reader);
    QVERIFY(!token.isEmpty());
    QCOMPARE(pullStatuses(token), (QList<int>{403, 403, 403, 403}));
    r = withAuthorization(token, "GET",
                          QStringLiteral("/v2/%1/blobs/%2").arg(Repo, OciFixtures::digestOf(m_layer)));
    QCOMPARE(errorCode(r), QStringLiteral("DENIED"));
    QCOMPARE(errorMessage(r), expected);
    QCOMPARE(withAuthorization(token, "GET", QStringLiteral("/v2/%1/tags/list").arg(Repo)).status, 200);
}

void TestLicenceGate::mountsNeedWhatAPullNeeds()
{
    // A cross-repository mount hands over what a pull would, so it asks the same: the right to pull
    // from `from` and the licence in force accepted. Refused mounts are ordinary upload sessions (202),
    // and the blob stays out of the target repository.
    const QString layer = OciFixtures::digestOf(m_layer);
    const QString target = QStringLiteral("/v2/mine/app/blobs/uploads/?mount=%1&from=%2");
    const QByteArray secret = OciFixtures::randomBytes(1024, 31);
    QCOMPARE(m_admin->pushBlobMonolithic(QStringLiteral("secret/app"), secret).status, 201);

    // Licence not accepted: no mount.
    RegistryResponse r = as(Mounter, "POST", target.arg(layer, Repo));
    QVERIFY2(r.status == 202, qPrintable(r.describe()));
    // A private repository the user may not read: no mount.
    r = as(Mounter, "POST", target.arg(OciFixtures::digestOf(secret), QStringLiteral("secret/app")));
    QVERIFY2(r.status == 202, qPrintable(r.describe()));
    // Without `from` the registry does not go looking for the blob elsewhere.
    r = as(Mounter, "POST", QStringLiteral("/v2/mine/app/blobs/uploads/?mount=%1").arg(layer));
    QVERIFY2(r.status == 202, qPrintable(r.describe()));
    QCOMPARE(as(Mounter, "HEAD", QStringLiteral("/v2/mine/app/blobs/") + layer).status, 404);
    QCOMPARE(
        as(Mounter, "HEAD", QStringLiteral("/v2/mine/app/blobs/") + OciFixtures::digestOf(secret)).status,
        404);

    // Accepted: the same mount goes through.
    const RegistryResponse accepted =
        as(Mounter, "POST", QStringLiteral("/api/v1/repositories/%1/licence/acceptance").arg(Repo),
           {{"Content-Type", "application/json"}}, R"({"version":"1"})");
    QVERIFY2(accepted.status == 200, qPrintable(accepted.describe()));
    r = as(Mounter, "POST", target.arg(layer, Repo));
    QVERIFY2(r.status == 201, qPrintable(r.describe()));
    QCOMPARE(as(Mounter, "HEAD", QStringLiteral("/v2/mine/app/blobs/") + layer).status, 200);
}

void TestLicenceGate::acceptingLetsTheSamePullsThrough()
{
    const RegistryResponse accepted =
        as(Reader, "POST", QStringLiteral("/api/v1/repositories/%1/licence/acceptance").arg(Repo),
           {{"Content-Type", "application/json"}}, R"({"version":"1"})");
    QVERIFY2(accepted.status == 200, qPrintable(accepted.describe()));
    QCOMPARE(pullStatuses(basic(Reader)), (QList<int>{200, 200, 200, 200}));
    QCOMPARE(pullStatuses(bearer(Reader)), (QList<int>{200, 200, 200, 200}));
    const RegistryResponse manifest =
        withAuthorization(basic(Reader), "GET", QStringLiteral("/v2/%1/manifests/v1").arg(Repo));
    QVERIFY(manifest.body.contains(OciFixtures::digestOf(m_layer).toUtf8()));
    // Still gated for everybody else.
    QCOMPARE(pullStatuses(QByteArray()), (QList<int>{403, 403, 403, 403}));
}

void TestLicenceGate::aNewVersionBlocksAgain()
{
    publish(QStringLiteral("2"));
    QCOMPARE(pullStatuses(basic(Reader)), (QList<int>{403, 403, 403, 403}));
    const RegistryResponse r =
        withAuthorization(bearer(Reader), "GET", QStringLiteral("/v2/%1/manifests/v1").arg(Repo));
    QVERIFY2(errorMessage(r).contains(QStringLiteral("\"Example Licence\" (version 2)")),
             qPrintable(errorMessage(r)));
    // Accepting what was read before the change is refused: the text changed.
    QCOMPARE(as(Reader, "POST", QStringLiteral("/api/v1/repositories/%1/licence/acceptance").arg(Repo),
                {{"Content-Type", "application/json"}}, R"({"version":"1"})")
                 .status,
             409);
    QCOMPARE(as(Reader, "POST", QStringLiteral("/api/v1/repositories/%1/licence/acceptance").arg(Repo),
                {{"Content-Type", "application/json"}}, R"({"version":"2"})")
                 .status,
             200);
    QCOMPARE(pullStatuses(basic(Reader)), (QList<int>{200, 200, 200, 200}));
}

void TestLicenceGate::pushersAndAdministratorsAreNotGated()
{
    // The pusher never accepted: pushing a new image and pulling it and the old one work.
    const QByteArray config = OciFixtures::config(21);
    const QByteArray layer = OciFixtures::randomBytes(2048, 22);
    const QByteArray manifest = OciFixtures::imageManifest(config, {layer});
    QUrl url = m_registry.anonymousUrl();
    url.setUserName(Pusher);
    url.setPassword(Password);
    RegistryClient signedIn(url);
    QCOMPARE(signedIn.pushBlobMonolithic(Repo, config).status, 201);
    QCOMPARE(signedIn.pushBlobMonolithic(Repo, layer).status, 201);
    QCOMPARE(signedIn.pushManifest(Repo, QStringLiteral("v2"), OciFixtures::kManifestType, manifest).status,
             201);
    QCOMPARE(pullStatuses(basic(Pusher)), (QList<int>{200, 200, 200, 200}));
    QCOMPARE(
        as(Pusher, "GET", QStringLiteral("/v2/%1/blobs/%2").arg(Repo, OciFixtures::digestOf(layer))).status,
        200);
    QCOMPARE(pullStatuses(bearer(Pusher)), (QList<int>{200, 200, 200, 200}));
    // The administrator neither.
    const QUrl admin = m_registry.baseUrl();
    QCOMPARE(
        pullStatuses("Basic " + (admin.userName() + QLatin1Char(':') + admin.password()).toUtf8().toBase64()),
        (QList<int>{200, 200, 200, 200}));
    // The pusher's acceptance state is untouched: the API still says not accepted.
    const RegistryResponse state =
        as(Pusher, "GET", QStringLiteral("/api/v1/repositories/%1/licence").arg(Repo));
    QCOMPARE(state.status, 200);
    QCOMPARE(state.json().object().value(QStringLiteral("accepted")).toBool(), false);

    // Removing the licence opens the repository to everybody again.
    QCOMPARE(api("DELETE", QStringLiteral("/api/v1/repositories/%1/licence").arg(Repo)).status, 204);
    QCOMPARE(pullStatuses(QByteArray()), (QList<int>{200, 200, 200, 200}));
}

QTEST_MAIN(TestLicenceGate)
#include "tst_licencegate.moc"
