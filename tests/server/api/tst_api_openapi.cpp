// The OpenAPI description is generated from the operation table; this suite keeps the three in step:
// the served /api/v1/openapi.json lists exactly the operations of the table (and each is routed), every
// operation refuses callers the way its documented access says, and a sample call of every operation
// answers the documented status with a body matching the documented schema.

#include "ApiTestServer.h"
#include "SchemaCheck.h"
#include "api/ApiSchema.h"
#include "audit/AuditLog.h"
#include "iam/IdentityService.h"
#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"
#include "licensing/LicenceStore.h"
#include "metadata/MetadataStore.h"
#include "maintenance/MaintenanceLog.h"
#include "support/OciFixtures.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {
const QString Admin = QStringLiteral("admin");

/// The smallest body the schema accepts: its required fields with placeholder values.
QJsonObject minimalBody(const QJsonObject& schema)
{
    QJsonObject body;
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    for (const QJsonValue& name : schema.value(QStringLiteral("required")).toArray()) {
        const QString type =
            properties.value(name.toString()).toObject().value(QStringLiteral("type")).toString();
        if (type == QLatin1String("boolean"))
            body.insert(name.toString(), false);
        else if (type == QLatin1String("integer"))
            body.insert(name.toString(), 1);
        else if (type == QLatin1String("array"))
            body.insert(name.toString(), QJsonArray());
        else
            body.insert(name.toString(), QStringLiteral("sample"));
    }
    return body;
}

struct Sample
{
    QString operationId;
    QByteArray method;
    QString target;
    QJsonObject body;
};
} // namespace

class TestApiOpenApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void servedDescriptionMatchesTheTable();
    void everyOperationIsRoutedAndRefusesStrangers();
    void samplesMatchDocumentedSchemas();

private:
    QString concreteTarget(const ApiOperation& op) const;
    QList<Sample> samples() const;
    QJsonObject documented(const QString& path, const QByteArray& method) const;

    std::unique_ptr<ApiTestServer> m_server;
    QJsonObject m_document;
    QString m_digest;
    QString m_tokenId;
    quint64 m_jobId = 0;
    QString m_licenceId; ///< a licence with versions to list (issue 7)
    QTemporaryDir m_backups; ///< startBackup writes a backup in here
};

void TestApiOpenApi::initTestCase()
{
    ApiTestServer::Options options;
    options.identity = true;
    options.audit = true;
    m_server = std::make_unique<ApiTestServer>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    QVERIFY(m_server->identity()->ensureAdministrator().ok());
    // A day of stored bytes, so that the cost report lists a compartment (issue 6).
    MetadataStore& metadata = m_server->registry().metadata();
    QVERIFY(metadata
                .transaction([&metadata]() -> Result<void> {
                    auto q = metadata.exec(
                        QStringLiteral("INSERT INTO storage_samples VALUES (?, 'sample/cost', 1, 1000, 1000, 0)"),
                        {QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate)});
                    return q.ok() ? Result<void>() : Result<void>(q.error());
                })
                .ok());
    // A token to revoke and an audit record to list.
    QVERIFY(m_server->identity()->createUser({QStringLiteral("tokenowner"), {}, {}, {}}).ok());
    auto token = m_server->identity()->createAuthToken(QStringLiteral("tokenowner"), QStringLiteral("ci"));
    QVERIFY(token.ok());
    m_tokenId = token.value().token.id;
    AuditRecord record;
    record.actor = Admin;
    record.action = QStringLiteral("test.sample");
    record.target = QStringLiteral("openapi");
    QVERIFY(m_server->audit()->append(record) > 0);
    QVERIFY(m_server->audit()->flush().ok());
    // A job that runs until cancelled, to list, show and cancel.
    m_jobId = m_server->jobs().submit(JobKind::Other, QStringLiteral("Sample job"), [](JobContext& context) {
        for (int i = 0; i < 3000 && !context.isCancelled(); ++i)
            QThread::msleep(10);
        return Result<QString>(Error(ErrorCode::Cancelled, QStringLiteral("Cancelled.")));
    });
    // A backup in the history, to list.
    MaintenanceRun backupRun;
    backupRun.kind = MaintenanceLog::Backup;
    backupRun.trigger = MaintenanceLog::Manual;
    backupRun.startedAt = backupRun.finishedAt = QDateTime::currentDateTimeUtc();
    backupRun.outcome = MaintenanceLog::Succeeded;
    QVERIFY(m_server->maintenanceLog().record(backupRun).ok());
    m_digest = pushImage(m_server->client(), QStringLiteral("team/app"), QStringLiteral("v1"), 1);
    QVERIFY(!m_digest.isEmpty());
    // A recorded retention run, to list (issue 6).
    MaintenanceRun retentionRun;
    retentionRun.kind = QStringLiteral("retention");
    retentionRun.trigger = MaintenanceLog::Manual;
    retentionRun.startedAt = retentionRun.finishedAt = QDateTime::currentDateTimeUtc();
    retentionRun.outcome = MaintenanceLog::Succeeded;
    retentionRun.summary = QJsonObject{{QStringLiteral("policy"), QStringLiteral("earlier")},
                                       {QStringLiteral("deletedImages"), 0}};
    QVERIFY(m_server->maintenanceLog().record(retentionRun).ok());
    QVERIFY(!pushImage(m_server->client(), QStringLiteral("team/app"), QStringLiteral("v2"), 2).isEmpty());
    m_server->registry().flushStatistics(); // the pushes' usage, to list (metering)
    // A licensed repository whose versions to list, and a compartment to license (issue 7).
    QVERIFY(!pushImage(m_server->client(), QStringLiteral("sample/licensed"), QStringLiteral("v1"), 3).isEmpty());
    LicenceVersion licence;
    licence.title = QStringLiteral("Sample Licence");
    licence.version = QStringLiteral("1");
    licence.body = QStringLiteral("Sample terms.");
    licence.publishedBy = Admin;
    auto published = m_server->registry().licences().publish(
        LicenceScope::ofRepository(QStringLiteral("sample/licensed")), licence);
    QVERIFY(published.ok());
    m_licenceId = published.value().ocid;
    QVERIFY(m_server->identity()->createCompartment(CompartmentPath(), QStringLiteral("Licensed")).ok());

    const RegistryResponse r = m_server->call("GET", QStringLiteral("/api/v1/openapi.json"), QString());
    QCOMPARE(r.status, 200);
    m_document = r.json().object();
    QCOMPARE(m_document.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.0.3"));
}

QJsonObject TestApiOpenApi::documented(const QString& path, const QByteArray& method) const
{
    return m_document.value(QStringLiteral("paths"))
        .toObject()
        .value(path)
        .toObject()
        .value(QString::fromLatin1(method).toLower())
        .toObject();
}

void TestApiOpenApi::servedDescriptionMatchesTheTable()
{
    QSet<QString> inTable;
    for (const ApiOperation& op : m_server->api().operations()) {
        const QString key = QString::fromLatin1(op.method) + QLatin1Char(' ') + op.path;
        QVERIFY2(!inTable.contains(key), qPrintable(QStringLiteral("twice in the table: ") + key));
        inTable.insert(key);

        const QJsonObject described = documented(op.path, op.method);
        QVERIFY2(!described.isEmpty(), qPrintable(QStringLiteral("not described: ") + key));
        QCOMPARE(described.value(QStringLiteral("operationId")).toString(), op.operationId);
        QCOMPARE(described.value(QStringLiteral("x-berth-access")).toObject(), op.access.toJson());
        QVERIFY(described.value(QStringLiteral("responses")).toObject().contains(QString::number(op.status)));
        QCOMPARE(described.contains(QStringLiteral("requestBody")), !op.requestSchema.isEmpty());

        // Every {x} of the path is a documented path parameter, and the other way round.
        QSet<QString> pathNames;
        const QRegularExpression braces(QStringLiteral("\\{([^}]+)\\}"));
        for (auto it = braces.globalMatch(op.path); it.hasNext();)
            pathNames.insert(it.next().captured(1));
        QSet<QString> documentedNames;
        for (const QJsonValue& p : described.value(QStringLiteral("parameters")).toArray()) {
            if (p.toObject().value(QStringLiteral("in")).toString() == QLatin1String("path"))
                documentedNames.insert(p.toObject().value(QStringLiteral("name")).toString());
        }
        QCOMPARE(documentedNames, pathNames);
    }
    QSet<QString> inDocument;
    const QJsonObject paths = m_document.value(QStringLiteral("paths")).toObject();
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (auto method = item.constBegin(); method != item.constEnd(); ++method)
            inDocument.insert(method.key().toUpper() + QLatin1Char(' ') + path.key());
    }
    QCOMPARE(inDocument, inTable);
    QVERIFY(inTable.size() >= 40);
}

QString TestApiOpenApi::concreteTarget(const ApiOperation& op) const
{
    QString target = op.path;
    target.replace(QStringLiteral("{name}"), QStringLiteral("team/app"));
    target.replace(QStringLiteral("{digest}"), m_digest);
    target.replace(QStringLiteral("{tag}"), QStringLiteral("v1"));
    target.replace(QRegularExpression(QStringLiteral("\\{[^}]+\\}")), QStringLiteral("someone"));
    return target;
}

void TestApiOpenApi::everyOperationIsRoutedAndRefusesStrangers()
{
    const QJsonObject errorSchema = ApiSchema::ref(QStringLiteral("Error"));
    for (const ApiOperation& op : m_server->api().operations()) {
        if (op.access.kind == ApiAccess::Kind::Public)
            continue;
        const QString target = concreteTarget(op);
        const QString what = QString::fromLatin1(op.method) + QLatin1Char(' ') + target;
        const QJsonObject body = minimalBody(op.requestSchema);

        // Anonymous: 401 with the gate's challenge. (The fallback route would answer 404/405 without
        // asking the gate, so this also shows the operation is routed.)
        RegistryResponse r = m_server->call(op.method, target, QString(), body);
        QVERIFY2(r.status == 401, qPrintable(what + QStringLiteral(" -> ") + r.describe()));
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray(FakeAccessGate::Challenge));
        QCOMPARE(checkSchema(r.json().object(), errorSchema, m_document), QString());
        QCOMPARE(r.json().object().value(QStringLiteral("code")).toString(),
                 QStringLiteral("NOT_AUTHENTICATED"));

        r = m_server->call(op.method, target, QStringLiteral("throttled"), body);
        QVERIFY2(r.status == 429, qPrintable(what + QStringLiteral(" -> ") + r.describe()));
        QCOMPARE(r.header("Retry-After"), QByteArray("30"));

        if (op.access.kind == ApiAccess::Kind::SignedIn)
            continue;
        // Signed in without any grant: 403.
        r = m_server->call(op.method, target, QStringLiteral("nobody"), body);
        QVERIFY2(r.status == 403, qPrintable(what + QStringLiteral(" -> ") + r.describe()));
        QCOMPARE(r.json().object().value(QStringLiteral("code")).toString(),
                 QStringLiteral("NOT_AUTHORIZED"));
        QCOMPARE(checkSchema(r.json().object(), errorSchema, m_document), QString());
    }
}

QList<Sample> TestApiOpenApi::samples() const
{
    const QString repo = QStringLiteral("/api/v1/repositories/team/app");
    auto o = [](std::initializer_list<QPair<QString, QJsonValue>> fields) {
        QJsonObject object;
        for (const auto& f : fields)
            object.insert(f.first, f.second);
        return object;
    };
    return {
        {QStringLiteral("getOpenApi"), "GET", QStringLiteral("/api/v1/openapi.json"), {}},
        {QStringLiteral("listRepositories"),
         "GET",
         QStringLiteral("/api/v1/repositories?recursive=true"),
         {}},
        {QStringLiteral("createRepository"), "POST", QStringLiteral("/api/v1/repositories"),
         o({{QStringLiteral("name"), QStringLiteral("sample/new")}, {QStringLiteral("public"), true}})},
        {QStringLiteral("getRepository"), "GET", repo, {}},
        {QStringLiteral("updateRepository"), "PATCH", repo, o({{QStringLiteral("public"), true}})},
        {QStringLiteral("listImages"), "GET", repo + QStringLiteral("/images"), {}},
        {QStringLiteral("deleteTag"), "DELETE", repo + QStringLiteral("/tags/v2"), {}},
        {QStringLiteral("deleteImage"), "DELETE", repo + QStringLiteral("/images/") + m_digest, {}},
        {QStringLiteral("deleteRepository"), "DELETE", QStringLiteral("/api/v1/repositories/sample/new"), {}},

        {QStringLiteral("createCompartment"), "POST", QStringLiteral("/api/v1/compartments"),
         o({{QStringLiteral("name"), QStringLiteral("Apps")},
            {QStringLiteral("description"), QStringLiteral("apps")}})},
        {QStringLiteral("getCompartmentTree"), "GET", QStringLiteral("/api/v1/compartments"), {}},
        {QStringLiteral("getCompartment"), "GET", QStringLiteral("/api/v1/compartments/Apps"), {}},
        {QStringLiteral("updateCompartment"), "PATCH", QStringLiteral("/api/v1/compartments/Apps"),
         o({{QStringLiteral("description"), QStringLiteral("applications")}})},

        {QStringLiteral("createUser"), "POST", QStringLiteral("/api/v1/users"),
         o({{QStringLiteral("name"), QStringLiteral("alice")},
            {QStringLiteral("email"), QStringLiteral("a@example.com")}})},
        {QStringLiteral("listUsers"), "GET", QStringLiteral("/api/v1/users"), {}},
        {QStringLiteral("getCurrentUser"), "GET", QStringLiteral("/api/v1/users/me"), {}},
        {QStringLiteral("getUser"), "GET", QStringLiteral("/api/v1/users/alice"), {}},
        {QStringLiteral("updateUser"), "PATCH", QStringLiteral("/api/v1/users/alice"),
         o({{QStringLiteral("description"), QStringLiteral("Alice")}, {QStringLiteral("locked"), false}})},
        {QStringLiteral("createAuthToken"), "POST", QStringLiteral("/api/v1/users/alice/auth-tokens"),
         o({{QStringLiteral("description"), QStringLiteral("laptop")}})},
        {QStringLiteral("listAuthTokens"), "GET", QStringLiteral("/api/v1/users/alice/auth-tokens"), {}},
        {QStringLiteral("revokeAuthToken"),
         "DELETE",
         QStringLiteral("/api/v1/users/tokenowner/auth-tokens/") + m_tokenId,
         {}},

        {QStringLiteral("createGroup"), "POST", QStringLiteral("/api/v1/groups"),
         o({{QStringLiteral("name"), QStringLiteral("Developers")}})},
        {QStringLiteral("listGroups"), "GET", QStringLiteral("/api/v1/groups"), {}},
        {QStringLiteral("getGroup"), "GET", QStringLiteral("/api/v1/groups/Developers"), {}},
        {QStringLiteral("updateGroup"), "PATCH", QStringLiteral("/api/v1/groups/Developers"),
         o({{QStringLiteral("description"), QStringLiteral("devs")}})},
        {QStringLiteral("addGroupMember"),
         "PUT",
         QStringLiteral("/api/v1/groups/Developers/members/alice"),
         {}},
        {QStringLiteral("removeGroupMember"),
         "DELETE",
         QStringLiteral("/api/v1/groups/Developers/members/alice"),
         {}},

        {QStringLiteral("createNetworkSource"), "POST", QStringLiteral("/api/v1/network-sources"),
         o({{QStringLiteral("name"), QStringLiteral("corpnet")},
            {QStringLiteral("ranges"), QJsonArray{QStringLiteral("10.0.0.0/8")}}})},
        {QStringLiteral("listNetworkSources"), "GET", QStringLiteral("/api/v1/network-sources"), {}},
        {QStringLiteral("getNetworkSource"), "GET", QStringLiteral("/api/v1/network-sources/corpnet"), {}},
        {QStringLiteral("updateNetworkSource"), "PATCH", QStringLiteral("/api/v1/network-sources/corpnet"),
         o({{QStringLiteral("ranges"),
             QJsonArray{QStringLiteral("10.0.0.0/8"), QStringLiteral("192.168.0.0/16")}}})},

        {QStringLiteral("createPolicy"), "POST", QStringLiteral("/api/v1/policies"),
         o({{QStringLiteral("name"), QStringLiteral("dev")},
            {QStringLiteral("statements"),
             QStringLiteral("Allow group Developers to read repos in tenancy")}})},
        {QStringLiteral("listPolicies"), "GET", QStringLiteral("/api/v1/policies"), {}},
        {QStringLiteral("getPolicy"), "GET", QStringLiteral("/api/v1/policies/dev"), {}},
        {QStringLiteral("updatePolicy"), "PATCH", QStringLiteral("/api/v1/policies/dev?compartment="),
         o({{QStringLiteral("description"), QStringLiteral("developers read")}})},
        {QStringLiteral("validatePolicy"), "POST", QStringLiteral("/api/v1/policies/validate"),
         o({{QStringLiteral("statements"),
             QStringLiteral("Allow group Developers to read repos in tenancy")}})},
        {QStringLiteral("explain"), "POST", QStringLiteral("/api/v1/explain"),
         o({{QStringLiteral("user"), QStringLiteral("alice")},
            {QStringLiteral("permission"), QStringLiteral("REPOSITORY_READ")},
            {QStringLiteral("repository"), QStringLiteral("team/app")}})},

        {QStringLiteral("deletePolicy"), "DELETE", QStringLiteral("/api/v1/policies/dev"), {}},
        {QStringLiteral("deleteNetworkSource"),
         "DELETE",
         QStringLiteral("/api/v1/network-sources/corpnet"),
         {}},
        {QStringLiteral("deleteGroup"), "DELETE", QStringLiteral("/api/v1/groups/Developers"), {}},
        {QStringLiteral("deleteUser"), "DELETE", QStringLiteral("/api/v1/users/alice"), {}},
        {QStringLiteral("deleteCompartment"), "DELETE", QStringLiteral("/api/v1/compartments/Apps"), {}},

        {QStringLiteral("queryAudit"), "GET", QStringLiteral("/api/v1/audit?action=test"), {}},
        {QStringLiteral("verifyAudit"), "GET", QStringLiteral("/api/v1/audit/verify"), {}},

        // A run whose grace period keeps everything (it lists nothing but fills in the last run).
        {QStringLiteral("runGc"), "POST", QStringLiteral("/api/v1/gc"),
         o({{QStringLiteral("gracePeriodSeconds"), 100000000}})},
        {QStringLiteral("getGc"), "GET", QStringLiteral("/api/v1/gc"), {}},
        {QStringLiteral("startBackup"), "POST", QStringLiteral("/api/v1/backups"),
         o({{QStringLiteral("destination"), m_backups.path() + QStringLiteral("/sample")}})},
        {QStringLiteral("listBackups"), "GET", QStringLiteral("/api/v1/backups"), {}},
        {QStringLiteral("runFsck"), "POST", QStringLiteral("/api/v1/fsck"),
         o({{QStringLiteral("repair"), false}})},
        {QStringLiteral("getFsck"), "GET", QStringLiteral("/api/v1/fsck"), {}},
        {QStringLiteral("listGcRuns"), "GET", QStringLiteral("/api/v1/gc/runs"), {}},
        {QStringLiteral("runScrub"), "POST", QStringLiteral("/api/v1/scrub"), {}},
        {QStringLiteral("getScrub"), "GET", QStringLiteral("/api/v1/scrub"), {}},

        {QStringLiteral("listJobs"), "GET", QStringLiteral("/api/v1/jobs"), {}},
        {QStringLiteral("getJob"), "GET", QStringLiteral("/api/v1/jobs/%1").arg(m_jobId), {}},
        {QStringLiteral("cancelJob"), "DELETE", QStringLiteral("/api/v1/jobs/%1").arg(m_jobId), {}},

        // Retention policies (issue 6).
        {QStringLiteral("createRetentionPolicy"), "POST", QStringLiteral("/api/v1/retention-policies"),
         o({{QStringLiteral("name"), QStringLiteral("sample-retention")},
            {QStringLiteral("repository"), QStringLiteral("team/app")},
            {QStringLiteral("rules"), QJsonObject{{QStringLiteral("untaggedOlderThanDays"), 30}}}})},
        {QStringLiteral("listRetentionPolicies"), "GET", QStringLiteral("/api/v1/retention-policies"), {}},
        {QStringLiteral("getRetentionPolicy"), "GET", QStringLiteral("/api/v1/retention-policies/sample-retention"), {}},
        {QStringLiteral("updateRetentionPolicy"), "PATCH",
         QStringLiteral("/api/v1/retention-policies/sample-retention"), o({{QStringLiteral("enabled"), false}})},
        {QStringLiteral("planRetentionPolicy"), "POST",
         QStringLiteral("/api/v1/retention-policies/sample-retention/plan"), {}},
        {QStringLiteral("applyRetentionPolicy"), "POST",
         QStringLiteral("/api/v1/retention-policies/sample-retention/apply"), {}},
        {QStringLiteral("listRetentionRuns"), "GET", QStringLiteral("/api/v1/retention-runs"), {}},
        {QStringLiteral("deleteRetentionPolicy"), "DELETE",
         QStringLiteral("/api/v1/retention-policies/sample-retention"), {}},

        // Limits, increase requests and tag immutability (issue 6).
        {QStringLiteral("getLimits"), "GET", QStringLiteral("/api/v1/limits"), {}},
        {QStringLiteral("setLimits"), "PUT", QStringLiteral("/api/v1/limits"),
         o({{QStringLiteral("imagesPerRepository"), 1000}})},
        {QStringLiteral("getRepositoryLimits"), "GET", repo + QStringLiteral("/limits"), {}},
        {QStringLiteral("setTagImmutability"), "PUT", repo + QStringLiteral("/immutability"),
         o({{QStringLiteral("enabled"), false},
            {QStringLiteral("exclusions"), QJsonArray{QStringLiteral("latest")}}})},
        {QStringLiteral("getTagImmutability"), "GET", repo + QStringLiteral("/immutability"), {}},
        {QStringLiteral("createLimitRequest"), "POST", QStringLiteral("/api/v1/limit-requests"),
         o({{QStringLiteral("limit"), QStringLiteral("repositories")},
            {QStringLiteral("value"), 1000},
            {QStringLiteral("reason"), QStringLiteral("sample")}})},
        {QStringLiteral("listLimitRequests"), "GET", QStringLiteral("/api/v1/limit-requests"), {}},
        {QStringLiteral("getLimitRequest"), "GET", QStringLiteral("/api/v1/limit-requests/1"), {}},
        {QStringLiteral("approveLimitRequest"), "POST", QStringLiteral("/api/v1/limit-requests/1/approve"),
         o({{QStringLiteral("note"), QStringLiteral("fine")}})},
        {QStringLiteral("createLimitRequest"), "POST", QStringLiteral("/api/v1/limit-requests"),
         o({{QStringLiteral("limit"), QStringLiteral("imagesPerRepository")},
            {QStringLiteral("repository"), QStringLiteral("team/app")},
            {QStringLiteral("value"), 5000},
            {QStringLiteral("reason"), QStringLiteral("sample")}})},
        {QStringLiteral("declineLimitRequest"),
         "POST",
         QStringLiteral("/api/v1/limit-requests/2/decline"),
         {}},

        {QStringLiteral("getUsage"), "GET", QStringLiteral("/api/v1/usage?by=user"), {}},
        {QStringLiteral("getStorageUsage"), "GET", QStringLiteral("/api/v1/usage/storage"), {}},

        // Price sheet and cost report (issue 6).
        {QStringLiteral("getPricing"), "GET", QStringLiteral("/api/v1/pricing"), {}},
        {QStringLiteral("setPricing"), "PUT", QStringLiteral("/api/v1/pricing"),
         o({{QStringLiteral("egressPerGb"), 0.01}})},
        {QStringLiteral("getCostReport"), "GET", QStringLiteral("/api/v1/cost"), {}},

        // Licence-gated repositories (issue 7).
        {QStringLiteral("setRepositoryLicence"), "PUT", repo + QStringLiteral("/licence"),
         o({{QStringLiteral("title"), QStringLiteral("Example Licence")},
            {QStringLiteral("version"), QStringLiteral("1")},
            {QStringLiteral("format"), QStringLiteral("markdown")},
            {QStringLiteral("text"), QStringLiteral("# Terms\n\nBe kind.")}})},
        {QStringLiteral("getRepositoryLicence"), "GET", repo + QStringLiteral("/licence"), {}},
        {QStringLiteral("acceptRepositoryLicence"), "POST", repo + QStringLiteral("/licence/acceptance"),
         o({{QStringLiteral("version"), QStringLiteral("1")}})},
        {QStringLiteral("setCompartmentLicence"), "PUT", QStringLiteral("/api/v1/compartments/Licensed/licence"),
         o({{QStringLiteral("title"), QStringLiteral("Compartment Licence")},
            {QStringLiteral("version"), QStringLiteral("2026-11")},
            {QStringLiteral("text"), QStringLiteral("Terms.")}})},
        {QStringLiteral("getCompartmentLicence"), "GET", QStringLiteral("/api/v1/compartments/Licensed/licence"), {}},
        {QStringLiteral("listLicences"), "GET", QStringLiteral("/api/v1/licences"), {}},
        {QStringLiteral("listLicenceVersions"), "GET", QStringLiteral("/api/v1/licences/%1/versions").arg(m_licenceId),
         {}},
        {QStringLiteral("listLicenceAcceptances"), "GET", QStringLiteral("/api/v1/licence-acceptances?current=true"),
         {}},
        {QStringLiteral("removeCompartmentLicence"), "DELETE",
         QStringLiteral("/api/v1/compartments/Licensed/licence"), {}},
        {QStringLiteral("removeRepositoryLicence"), "DELETE", repo + QStringLiteral("/licence"), {}},
    };
}

void TestApiOpenApi::samplesMatchDocumentedSchemas()
{
    QHash<QString, const ApiOperation*> byId;
    for (const ApiOperation& op : m_server->api().operations())
        byId.insert(op.operationId, &op);
    QSet<QString> sampled;
    for (const Sample& s : samples()) {
        const ApiOperation* op = byId.value(s.operationId);
        QVERIFY2(op, qPrintable(QStringLiteral("no such operation: ") + s.operationId));
        QCOMPARE(s.method, op->method);
        sampled.insert(s.operationId);

        const RegistryResponse r = m_server->call(s.method, s.target, Admin, s.body);
        QVERIFY2(r.status == op->status, qPrintable(s.operationId + QStringLiteral(" -> ") + r.describe()));
        const QJsonObject response = documented(op->path, op->method)
                                         .value(QStringLiteral("responses"))
                                         .toObject()
                                         .value(QString::number(op->status))
                                         .toObject();
        const QJsonObject schema = response.value(QStringLiteral("content"))
                                       .toObject()
                                       .value(QStringLiteral("application/json"))
                                       .toObject()
                                       .value(QStringLiteral("schema"))
                                       .toObject();
        if (op->status == 204) {
            QVERIFY(r.body.isEmpty());
            QVERIFY(schema.isEmpty());
            continue;
        }
        QVERIFY2(!schema.isEmpty(), qPrintable(s.operationId));
        QVERIFY2(r.json().isObject(), qPrintable(s.operationId));
        const QString problem = checkSchema(r.json().object(), schema, m_document);
        QVERIFY2(problem.isEmpty(), qPrintable(s.operationId + QStringLiteral(": ") + problem));
        // Lists in samples must show at least one item, or the item schema was not exercised.
        if (r.json().object().contains(QStringLiteral("items")))
            QVERIFY2(!r.json().object().value(QStringLiteral("items")).toArray().isEmpty(),
                     qPrintable(s.operationId));
    }
    for (const ApiOperation& op : m_server->api().operations())
        QVERIFY2(sampled.contains(op.operationId),
                 qPrintable(QStringLiteral("no sample call for ") + op.operationId));
}

QTEST_MAIN(TestApiOpenApi)
#include "tst_api_openapi.moc"
