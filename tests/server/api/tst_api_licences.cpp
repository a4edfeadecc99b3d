// Licence-gated repositories in the management API (issue 7) over a real HttpServer, RegistryService
// (with its LicenceStore) and AuditLog: administrators publish, version and remove licences on
// repositories and compartments (bodies checked, the field at fault named; a known version with another
// text refused with 409), users see what a pull needs and accept the version in force (anonymous: 401;
// a stale version: 409; the channel "cli" for berthctl), the report filters by licence, repository,
// compartment, user and current version (JSON and CSV), repositories show their description and the
// licence that gates them (inherited from a compartment), and every change is audited.

#include "ApiTestServer.h"
#include "SchemaCheck.h"
#include "audit/AuditLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Bob = QStringLiteral("bob");
const QString Repo = QStringLiteral("team/app");
const QString RepoLicence = QStringLiteral("/api/v1/repositories/team/app/licence");
const QString Acceptance = QStringLiteral("/api/v1/repositories/team/app/licence/acceptance");
const QString Acceptances = QStringLiteral("/api/v1/licence-acceptances");

QJsonObject ref(const QString& name)
{
    return QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/") + name}};
}

QJsonObject licenceBody(const QString& version, const QString& text = QStringLiteral("Use it kindly."))
{
    return QJsonObject{{QStringLiteral("title"), QStringLiteral("Example Licence")},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("format"), QStringLiteral("text")},
                       {QStringLiteral("text"), text}};
}

QString message(const RegistryResponse& r)
{
    return r.json().object().value(QStringLiteral("message")).toString();
}

QString code(const RegistryResponse& r)
{
    return r.json().object().value(QStringLiteral("code")).toString();
}

} // namespace

class TestApiLicences : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server{ApiTestServer::Options{true, true}};
    QJsonObject m_document;

    void checkSchema(const QJsonValue& value, const QJsonObject& schema)
    {
        const QString problem = berth::test::checkSchema(value, schema, m_document);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    /// The schema of an operation's 200 answer, from the served description.
    QJsonObject responseSchema(const QString& path, const char* method) const
    {
        return m_document.value(QStringLiteral("paths"))
            .toObject()
            .value(path)
            .toObject()
            .value(QString::fromLatin1(method))
            .toObject()
            .value(QStringLiteral("responses"))
            .toObject()
            .value(QStringLiteral("200"))
            .toObject()
            .value(QStringLiteral("content"))
            .toObject()
            .value(QStringLiteral("application/json"))
            .toObject()
            .value(QStringLiteral("schema"))
            .toObject();
    }

    /// A call as `user` with extra headers.
    RegistryResponse callWith(const QByteArray& method, const QString& target, const QString& user,
                              const QJsonObject& body, const RegistryClient::Headers& extra)
    {
        RegistryClient::Headers headers = extra;
        headers.append(qMakePair(QByteArray("X-Test-User"), user.toUtf8()));
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        return m_server.client().request(method, target, headers,
                                         QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    QStringList acceptanceUsers(const QString& query)
    {
        const RegistryResponse r = m_server.call("GET", Acceptances + query, Admin);
        if (r.status != 200)
            return {QStringLiteral("HTTP %1").arg(r.status)};
        QStringList users;
        for (const QJsonValue& item : r.json().object().value(QStringLiteral("items")).toArray())
            users << item.toObject().value(QStringLiteral("user")).toString() + QLatin1Char('@') +
                         item.toObject().value(QStringLiteral("version")).toString();
        return users;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/openapi.json"), QString());
        QCOMPARE(r.status, 200);
        m_document = r.json().object();
        QVERIFY(!pushImage(m_server.client(), Repo, QStringLiteral("v1"), 1).isEmpty());
        QVERIFY(
            !pushImage(m_server.client(), QStringLiteral("team/other"), QStringLiteral("v1"), 2).isEmpty());
        for (const QString& user : {Alice, Bob})
            m_server.gate().allowRepository(user, Permission::RepositoryRead, Repo);
        m_server.gate().allowRepository(Alice, Permission::RepositoryInspect, Repo);
    }

    void noLicenceNothingToAccept()
    {
        const RegistryResponse r = m_server.call("GET", RepoLicence, Alice);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        checkSchema(r.json().object(),
                    responseSchema(QStringLiteral("/api/v1/repositories/{name}/licence"), "get"));
        QCOMPARE(r.json().object().value(QStringLiteral("required")).toBool(), false);
        QVERIFY(r.json().object().value(QStringLiteral("licence")).isNull());
        QVERIFY(r.json().object().value(QStringLiteral("acceptUrl")).isNull());
        const RegistryResponse accept =
            m_server.call("POST", Acceptance, Alice, {{QStringLiteral("version"), QStringLiteral("1")}});
        QCOMPARE(accept.status, 404);
        QCOMPARE(m_server.call("GET", QStringLiteral("/api/v1/repositories/no/such/licence"), Admin).status,
                 404);
        QCOMPARE(m_server
                     .call("PUT", QStringLiteral("/api/v1/repositories/no/such/licence"), Admin,
                           licenceBody(QStringLiteral("1")))
                     .status,
                 404);
        QCOMPARE(m_server.call("DELETE", RepoLicence, Admin).status, 404);
    }

    void publishingIsForAdministratorsAndChecked()
    {
        RegistryResponse r = m_server.call("PUT", RepoLicence, Alice, licenceBody(QStringLiteral("1")));
        QCOMPARE(r.status, 403);
        QCOMPARE(code(r), QStringLiteral("NOT_AUTHORIZED"));
        QCOMPARE(m_server.call("PUT", RepoLicence, QString(), licenceBody(QStringLiteral("1"))).status, 401);

        struct Bad
        {
            QJsonObject body;
            QString field;
        };
        QJsonObject noTitle = licenceBody(QStringLiteral("1"));
        noTitle.remove(QStringLiteral("title"));
        QJsonObject badFormat = licenceBody(QStringLiteral("1"));
        badFormat.insert(QStringLiteral("format"), QStringLiteral("pdf"));
        QJsonObject extra = licenceBody(QStringLiteral("1"));
        extra.insert(QStringLiteral("colour"), QStringLiteral("blue"));
        QJsonObject longTitle = licenceBody(QStringLiteral("1"));
        longTitle.insert(QStringLiteral("title"), QString(201, QLatin1Char('t')));
        const QList<Bad> bad = {
            {noTitle, QStringLiteral("\"title\"")},
            {badFormat, QStringLiteral("\"format\"")},
            {extra, QStringLiteral("\"colour\"")},
            {licenceBody(QStringLiteral("two words")), QStringLiteral("version")},
            {licenceBody(QStringLiteral("1"), QStringLiteral("   ")), QStringLiteral("text")},
            {longTitle, QStringLiteral("title")},
        };
        for (const Bad& b : bad) {
            r = m_server.call("PUT", RepoLicence, Admin, b.body);
            QVERIFY2(r.status == 400, qPrintable(r.describe()));
            QCOMPARE(code(r), QStringLiteral("INVALID_ARGUMENT"));
            QVERIFY2(message(r).contains(b.field, Qt::CaseInsensitive), qPrintable(message(r)));
        }
        // Nothing was published by the refusals.
        QCOMPARE(m_server.call("GET", RepoLicence, Alice)
                     .json()
                     .object()
                     .value(QStringLiteral("required"))
                     .toBool(),
                 false);

        r = m_server.call("PUT", RepoLicence, Admin, licenceBody(QStringLiteral("1")));
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        checkSchema(r.json().object(), ref(QStringLiteral("Licence")));
        const QJsonObject licence = r.json().object();
        QVERIFY(licence.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("ocid1.licence.")));
        QCOMPARE(licence.value(QStringLiteral("scope")).toObject(),
                 (QJsonObject{{QStringLiteral("kind"), QStringLiteral("repository")},
                              {QStringLiteral("repository"), Repo}}));
        QCOMPARE(licence.value(QStringLiteral("version")).toString(), QStringLiteral("1"));
        QCOMPARE(licence.value(QStringLiteral("publishedBy")).toString(), Admin);
        // The same content again changes nothing; a known version with another text is a conflict.
        QCOMPARE(m_server.call("PUT", RepoLicence, Admin, licenceBody(QStringLiteral("1"))).status, 200);
        r = m_server.call("PUT", RepoLicence, Admin,
                          licenceBody(QStringLiteral("1"), QStringLiteral("Changed.")));
        QCOMPARE(r.status, 409);
        QCOMPARE(code(r), QStringLiteral("CONFLICT"));
    }

    void usersSeeAndAcceptTheVersionInForce()
    {
        RegistryResponse r = m_server.call("GET", RepoLicence, Alice);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QJsonObject state = r.json().object();
        checkSchema(state, responseSchema(QStringLiteral("/api/v1/repositories/{name}/licence"), "get"));
        QCOMPARE(state.value(QStringLiteral("required")).toBool(), true);
        QCOMPARE(state.value(QStringLiteral("accepted")).toBool(), false);
        QVERIFY(state.value(QStringLiteral("acceptedAt")).isNull());
        QCOMPARE(state.value(QStringLiteral("licence")).toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Example Licence"));
        // The portal page, on the address the client used (as the /v2 refusal names it).
        const QUrl base = m_server.client().baseUrl();
        QCOMPARE(state.value(QStringLiteral("acceptUrl")).toString(),
                 QStringLiteral("http://%1:%2/portal/repositories/team/app/licence")
                     .arg(base.host())
                     .arg(base.port()));

        // Anonymous callers cannot accept; users without read access neither.
        QCOMPARE(
            m_server.call("POST", Acceptance, QString(), {{QStringLiteral("version"), QStringLiteral("1")}})
                .status,
            401);
        QCOMPARE(m_server
                     .call("POST", Acceptance, QStringLiteral("carol"),
                           {{QStringLiteral("version"), QStringLiteral("1")}})
                     .status,
                 403);
        r = m_server.call("POST", Acceptance, Alice, {});
        QCOMPARE(r.status, 400);
        QVERIFY2(message(r).contains(QStringLiteral("\"version\"")), qPrintable(message(r)));
        r = m_server.call("POST", Acceptance, Alice, {{QStringLiteral("version"), QStringLiteral("7")}});
        QCOMPARE(r.status, 409);
        QCOMPARE(code(r), QStringLiteral("CONFLICT"));

        r = m_server.call("POST", Acceptance, Alice, {{QStringLiteral("version"), QStringLiteral("1")}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        checkSchema(r.json().object(), ref(QStringLiteral("LicenceAcceptance")));
        QCOMPARE(r.json().object().value(QStringLiteral("user")).toString(), Alice);
        QCOMPARE(r.json().object().value(QStringLiteral("channel")).toString(), QStringLiteral("api"));
        QCOMPARE(r.json().object().value(QStringLiteral("currentVersion")).toBool(), true);
        const QString firstTime = r.json().object().value(QStringLiteral("acceptedAt")).toString();
        QThread::msleep(5);
        r = m_server.call("POST", Acceptance, Alice, {{QStringLiteral("version"), QStringLiteral("1")}});
        QCOMPARE(r.json().object().value(QStringLiteral("acceptedAt")).toString(), firstTime);

        // berthctl says who it is: the channel is "cli".
        r = callWith("POST", Acceptance, Bob, {{QStringLiteral("version"), QStringLiteral("1")}},
                     {{"X-Berth-Client", "berthctl"}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(r.json().object().value(QStringLiteral("channel")).toString(), QStringLiteral("cli"));

        state = m_server.call("GET", RepoLicence, Alice).json().object();
        QCOMPARE(state.value(QStringLiteral("accepted")).toBool(), true);
        QCOMPARE(state.value(QStringLiteral("acceptedAt")).toString(), firstTime);

        // A new version: everybody accepts again; the version read before is stale.
        QCOMPARE(
            m_server.call("PUT", RepoLicence, Admin, licenceBody(QStringLiteral("2"), QStringLiteral("New.")))
                .status,
            200);
        QCOMPARE(m_server.call("GET", RepoLicence, Alice)
                     .json()
                     .object()
                     .value(QStringLiteral("accepted"))
                     .toBool(),
                 false);
        r = m_server.call("POST", Acceptance, Alice, {{QStringLiteral("version"), QStringLiteral("1")}});
        QCOMPARE(r.status, 409);
        QVERIFY2(message(r).contains(QStringLiteral("2")), qPrintable(message(r)));
        QCOMPARE(m_server.call("POST", Acceptance, Alice, {{QStringLiteral("version"), QStringLiteral("2")}})
                     .status,
                 200);
        QCOMPARE(m_server.call("GET", RepoLicence, Alice)
                     .json()
                     .object()
                     .value(QStringLiteral("accepted"))
                     .toBool(),
                 true);
    }

    void repositoriesShowTheirLicenceAndDescription()
    {
        RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/repositories/team/app"), Alice);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        checkSchema(r.json().object(), ref(QStringLiteral("Repository")));
        QCOMPARE(r.json().object().value(QStringLiteral("licence")).toObject(),
                 (QJsonObject{{QStringLiteral("title"), QStringLiteral("Example Licence")},
                              {QStringLiteral("version"), QStringLiteral("2")},
                              {QStringLiteral("inherited"), false}}));
        QCOMPARE(r.json().object().value(QStringLiteral("description")).toString(), QString());

        // PATCH: the description (manage rights), checked.
        QCOMPARE(m_server
                     .call("PATCH", QStringLiteral("/api/v1/repositories/team/app"), Alice,
                           {{QStringLiteral("description"), QStringLiteral("x")}})
                     .status,
                 403);
        r = m_server.call(
            "PATCH", QStringLiteral("/api/v1/repositories/team/app"), Admin,
            {{QStringLiteral("description"), QStringLiteral("The team's app.\nBuilt nightly.")}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(r.json().object().value(QStringLiteral("description")).toString(),
                 QStringLiteral("The team's app.\nBuilt nightly."));
        r = m_server.call("PATCH", QStringLiteral("/api/v1/repositories/team/app"), Admin,
                          {{QStringLiteral("description"), QString(2001, QLatin1Char('d'))}});
        QCOMPARE(r.status, 400);
        QVERIFY2(message(r).contains(QStringLiteral("2000")), qPrintable(message(r)));
        r = m_server.call("PATCH", QStringLiteral("/api/v1/repositories/team/app"), Admin,
                          {{QStringLiteral("description"), 5}});
        QCOMPARE(r.status, 400);
        QVERIFY2(message(r).contains(QStringLiteral("\"description\"")), qPrintable(message(r)));

        r = m_server.call("GET", QStringLiteral("/api/v1/repositories?recursive=true"), Admin);
        QCOMPARE(r.status, 200);
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue& item : r.json().object().value(QStringLiteral("items")).toArray())
            byName.insert(item.toObject().value(QStringLiteral("name")).toString(), item.toObject());
        QCOMPARE(byName.value(Repo).value(QStringLiteral("description")).toString(),
                 QStringLiteral("The team's app.\nBuilt nightly."));
        QVERIFY(byName.value(Repo).value(QStringLiteral("licence")).isObject());
        QVERIFY(byName.contains(QStringLiteral("team/other")));
        QVERIFY(byName.value(QStringLiteral("team/other")).value(QStringLiteral("licence")).isNull());
    }

    void compartmentLicenceIsInherited()
    {
        QCOMPARE(m_server
                     .call("POST", QStringLiteral("/api/v1/compartments"), Admin,
                           {{QStringLiteral("name"), QStringLiteral("Apps")}})
                     .status,
                 201);
        QCOMPARE(m_server
                     .call("POST", QStringLiteral("/api/v1/compartments"), Admin,
                           {{QStringLiteral("parent"), QStringLiteral("Apps")},
                            {QStringLiteral("name"), QStringLiteral("Web")}})
                     .status,
                 201);
        QCOMPARE(m_server
                     .call("POST", QStringLiteral("/api/v1/repositories"), Admin,
                           {{QStringLiteral("name"), QStringLiteral("apps/web/site")},
                            {QStringLiteral("compartment"), QStringLiteral("Apps:Web")}})
                     .status,
                 201);
        const QString path = QStringLiteral("/api/v1/compartments/Apps/licence");
        QCOMPARE(m_server.call("GET", path, Admin).status, 404);
        QCOMPARE(m_server.call("PUT", path, Alice, licenceBody(QStringLiteral("1"))).status, 403);
        QCOMPARE(m_server
                     .call("PUT", QStringLiteral("/api/v1/compartments/Nowhere/licence"), Admin,
                           licenceBody(QStringLiteral("1")))
                     .status,
                 404);
        QJsonObject body = licenceBody(QStringLiteral("2026-11"), QStringLiteral("# Apps\n\nBe *kind*."));
        body.insert(QStringLiteral("format"), QStringLiteral("markdown"));
        body.insert(QStringLiteral("title"), QStringLiteral("Apps Licence"));
        RegistryResponse r = m_server.call("PUT", path, Admin, body);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        checkSchema(r.json().object(), ref(QStringLiteral("Licence")));
        QCOMPARE(r.json().object().value(QStringLiteral("scope")).toObject(),
                 (QJsonObject{{QStringLiteral("kind"), QStringLiteral("compartment")},
                              {QStringLiteral("compartment"), QStringLiteral("Apps")}}));
        QCOMPARE(r.json().object().value(QStringLiteral("format")).toString(), QStringLiteral("markdown"));
        r = m_server.call("GET", path, Admin);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("version")).toString(), QStringLiteral("2026-11"));
        QCOMPARE(m_server.call("GET", path, Alice).status, 403);

        // The repository two levels below shows it as inherited, and its pulls need it.
        r = m_server.call("GET", QStringLiteral("/api/v1/repositories/apps/web/site"), Admin);
        QCOMPARE(r.json().object().value(QStringLiteral("licence")).toObject(),
                 (QJsonObject{{QStringLiteral("title"), QStringLiteral("Apps Licence")},
                              {QStringLiteral("version"), QStringLiteral("2026-11")},
                              {QStringLiteral("inherited"), true}}));
        m_server.gate().allowCompartment(Alice, Permission::RepositoryRead,
                                         CompartmentPath({QStringLiteral("Apps")}));
        r = m_server.call("GET", QStringLiteral("/api/v1/repositories/apps/web/site/licence"), Alice);
        QCOMPARE(r.json().object().value(QStringLiteral("required")).toBool(), true);
        QCOMPARE(r.json()
                     .object()
                     .value(QStringLiteral("licence"))
                     .toObject()
                     .value(QStringLiteral("scope"))
                     .toObject()
                     .value(QStringLiteral("compartment"))
                     .toString(),
                 QStringLiteral("Apps"));
        r = m_server.call("POST", QStringLiteral("/api/v1/repositories/apps/web/site/licence/acceptance"),
                          Alice, {{QStringLiteral("version"), QStringLiteral("2026-11")}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(r.json()
                     .object()
                     .value(QStringLiteral("scope"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
                 QStringLiteral("compartment"));
    }

    void reportFiltersAndVersions()
    {
        // Acceptances so far: alice@1 (not current), bob@1 (not current), alice@2, alice@2026-11.
        QCOMPARE(acceptanceUsers(QString()).size(), 4);
        QCOMPARE(acceptanceUsers(QStringLiteral("?user=bob")), QStringList{QStringLiteral("bob@1")});
        QStringList current = acceptanceUsers(QStringLiteral("?current=true"));
        current.sort();
        QCOMPARE(current, (QStringList{QStringLiteral("alice@2"), QStringLiteral("alice@2026-11")}));
        QStringList repo = acceptanceUsers(QStringLiteral("?repository=team/app"));
        repo.sort();
        QCOMPARE(repo, (QStringList{QStringLiteral("alice@1"), QStringLiteral("alice@2"),
                                    QStringLiteral("bob@1")}));
        QCOMPARE(acceptanceUsers(QStringLiteral("?compartment=Apps")),
                 QStringList{QStringLiteral("alice@2026-11")});
        QCOMPARE(acceptanceUsers(QStringLiteral("?repository=team/app&current=true&user=alice")),
                 QStringList{QStringLiteral("alice@2")});
        QCOMPARE(m_server.call("GET", Acceptances + QStringLiteral("?current=maybe"), Admin).status, 400);
        QCOMPARE(m_server.call("GET", Acceptances + QStringLiteral("?compartment=bad::path"), Admin).status,
                 400);
        QCOMPARE(m_server.call("GET", Acceptances, Alice).status, 403);
        RegistryResponse r = m_server.call("GET", Acceptances, Admin);
        checkSchema(r.json().object(), responseSchema(Acceptances, "get"));
        // Newest first.
        QCOMPARE(r.json()
                     .object()
                     .value(QStringLiteral("items"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("version"))
                     .toString(),
                 QStringLiteral("2026-11"));

        r = m_server.call("GET", Acceptances + QStringLiteral("?format=csv&user=bob"), Admin);
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/csv"));
        const QList<QByteArray> lines = r.body.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith("licence,scope,title,version,user,acceptedAt"));
        QVERIFY2(lines[1].contains(",bob,") && lines[1].contains(",cli,") &&
                     lines[1].trimmed().endsWith(",false"),
                 lines[1].constData());

        // Every licence with how many accepted the version in force.
        r = m_server.call("GET", QStringLiteral("/api/v1/licences"), Admin);
        QCOMPARE(r.status, 200);
        checkSchema(r.json().object(), responseSchema(QStringLiteral("/api/v1/licences"), "get"));
        const QJsonArray licences = r.json().object().value(QStringLiteral("items")).toArray();
        QCOMPARE(licences.size(), 2);
        QCOMPARE(licences[0]
                     .toObject()
                     .value(QStringLiteral("scope"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
                 QStringLiteral("repository"));
        QCOMPARE(licences[0].toObject().value(QStringLiteral("acceptances")).toInt(), 1);
        QCOMPARE(licences[1].toObject().value(QStringLiteral("acceptances")).toInt(), 1);
        QCOMPARE(m_server.call("GET", QStringLiteral("/api/v1/licences"), Alice).status, 403);
        const QString ocid = licences[0].toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(acceptanceUsers(QStringLiteral("?licence=") + ocid).size(), 3);

        r = m_server.call("GET", QStringLiteral("/api/v1/licences/%1/versions").arg(ocid), Admin);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        checkSchema(r.json().object(),
                    responseSchema(QStringLiteral("/api/v1/licences/{licence}/versions"), "get"));
        const QJsonArray versions = r.json().object().value(QStringLiteral("items")).toArray();
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions[0].toObject().value(QStringLiteral("version")).toString(), QStringLiteral("2"));
        QCOMPARE(versions[0].toObject().value(QStringLiteral("current")).toBool(), true);
        QCOMPARE(versions[0].toObject().value(QStringLiteral("acceptances")).toInt(), 1);
        QCOMPARE(versions[1].toObject().value(QStringLiteral("version")).toString(), QStringLiteral("1"));
        QCOMPARE(versions[1].toObject().value(QStringLiteral("current")).toBool(), false);
        QCOMPARE(versions[1].toObject().value(QStringLiteral("acceptances")).toInt(), 2);
        QCOMPARE(
            m_server
                .call("GET", QStringLiteral("/api/v1/licences/ocid1.licence.berth.nothing/versions"), Admin)
                .status,
            404);
    }

    void removingAndTheAuditTrail()
    {
        QCOMPARE(m_server.call("DELETE", RepoLicence, Alice).status, 403);
        QCOMPARE(m_server.call("DELETE", RepoLicence, Admin).status, 204);
        QCOMPARE(m_server.call("GET", RepoLicence, Alice)
                     .json()
                     .object()
                     .value(QStringLiteral("required"))
                     .toBool(),
                 false);
        QCOMPARE(m_server.call("DELETE", RepoLicence, Admin).status, 404);
        QCOMPARE(m_server.call("DELETE", QStringLiteral("/api/v1/compartments/Apps/licence"), Admin).status,
                 204);
        QVERIFY(m_server.call("GET", QStringLiteral("/api/v1/repositories/apps/web/site"), Admin)
                    .json()
                    .object()
                    .value(QStringLiteral("licence"))
                    .isNull());

        QVERIFY(m_server.audit()->flush().ok());
        AuditFilter filter;
        filter.actionPrefix = QStringLiteral("licence");
        filter.limit = -1;
        auto records = m_server.audit()->query(filter);
        QVERIFY(records.ok());
        QStringList seen;
        for (const AuditRecord& record : records.value().records)
            seen << QStringLiteral("%1 %2 %3 %4 %5")
                        .arg(record.actor, record.action, record.target,
                             record.details.value(QStringLiteral("version")).toString(),
                             record.details.value(QStringLiteral("channel")).toString());
        // Publishing the same content twice and accepting twice leave one record each.
        const QStringList expected = {
            QStringLiteral("admin licence.published team/app 1 api"),
            QStringLiteral("alice licence.accepted team/app 1 api"),
            QStringLiteral("bob licence.accepted team/app 1 cli"),
            QStringLiteral("admin licence.published team/app 2 api"),
            QStringLiteral("alice licence.accepted team/app 2 api"),
            QStringLiteral("admin licence.published Apps 2026-11 api"),
            QStringLiteral("alice licence.accepted Apps 2026-11 api"),
            QStringLiteral("admin licence.removed team/app 2 api"),
            QStringLiteral("admin licence.removed Apps 2026-11 api"),
        };
        QCOMPARE(seen, expected);
        for (const AuditRecord& record : records.value().records)
            QVERIFY(!record.details.value(QStringLiteral("title")).toString().isEmpty());
    }
};

QTEST_MAIN(TestApiLicences)
#include "tst_api_licences.moc"
