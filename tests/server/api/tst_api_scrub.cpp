// /api/v1/scrub over a real HttpServer, RegistryService and JobRunner: administrators only, POST answers
// 202 with a scrub job that re-hashes the stored blobs, GET shows its report (checked against the
// documented schema), the fault domains and the store's counters; POST takes no settings and is audited.

#include "ApiTestServer.h"
#include "SchemaCheck.h"
#include "audit/AuditLog.h"
#include "jobs/JobRunner.h"
#include "registry/RegistryService.h"
#include "storage/ReplicatedBlobStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Scrub = QStringLiteral("/api/v1/scrub");

QJsonObject ref(const QString& name)
{
    return QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/") + name}};
}

} // namespace

class TestApiScrub : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server{ApiTestServer::Options{false, true}};
    QJsonObject m_document;

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/openapi.json"), QString());
        QCOMPARE(r.status, 200);
        m_document = r.json().object();
    }

    void onlyAdministrators()
    {
        QCOMPARE(m_server.call("GET", Scrub, Alice).status, 403);
        QCOMPARE(m_server.call("POST", Scrub, Alice, QJsonObject{}).status, 403);
    }

    void nothingRanYet()
    {
        const RegistryResponse r = m_server.call("GET", Scrub, Admin);
        QCOMPARE(r.status, 200);
        const QJsonObject body = r.json().object();
        QVERIFY(body.value(QStringLiteral("lastRun")).isNull());
        const QJsonObject storage = body.value(QStringLiteral("storage")).toObject();
        QCOMPARE(storage.value(QStringLiteral("domains")).toArray().size(), 1);
        QCOMPARE(storage.value(QStringLiteral("writeQuorum")).toInt(), 1);
    }

    void aScrubRunsAsAJobAndIsReported()
    {
        ReplicatedBlobStore& store = m_server.registry().replicatedStore();
        const QByteArray bytes(70000, 'q');
        auto good = store.put(bytes);
        QVERIFY(good.ok());
        auto bad = store.put(QByteArray(5000, 'z'));
        QVERIFY(bad.ok());
        {
            QFile f(store.copyPath(0, bad.value()));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(10));
            QVERIFY(f.putChar('!'));
        }

        RegistryResponse r = m_server.call("POST", Scrub, Admin, QJsonObject{});
        QCOMPARE(r.status, 202);
        const QJsonObject job = r.json().object().value(QStringLiteral("job")).toObject();
        const qint64 id = job.value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(job.value(QStringLiteral("kind")).toString(), QStringLiteral("scrub"));
        QCOMPARE(r.header("Location"), QStringLiteral("/api/v1/jobs/%1").arg(id).toUtf8());
        QVERIFY(m_server.jobs().waitForIdle(20000));
        r = m_server.call("GET", QStringLiteral("/api/v1/jobs/%1").arg(id), Admin);
        QCOMPARE(r.json().object().value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));

        r = m_server.call("GET", Scrub, Admin);
        QCOMPARE(r.status, 200);
        const QJsonObject body = r.json().object();
        const QString problem = checkSchema(body,
                                            m_document.value(QStringLiteral("paths"))
                                                .toObject()
                                                .value(Scrub)
                                                .toObject()
                                                .value(QStringLiteral("get"))
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
                                                .toObject(),
                                            m_document);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QJsonObject run = body.value(QStringLiteral("lastRun")).toObject();
        QCOMPARE(run.value(QStringLiteral("outcome")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(run.value(QStringLiteral("trigger")).toString(), QStringLiteral("manual"));
        const QJsonObject report = run.value(QStringLiteral("report")).toObject();
        const QString reportProblem = checkSchema(report, ref(QStringLiteral("ScrubReport")), m_document);
        QVERIFY2(reportProblem.isEmpty(), qPrintable(reportProblem));
        QCOMPARE(report.value(QStringLiteral("blobsChecked")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("bytesHashed")).toInteger(), qint64(75000));
        // One domain: the corrupt copy has no good twin.
        QCOMPARE(report.value(QStringLiteral("unrepairableCount")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("unrepairable"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("digest")),
                 QJsonValue(bad.value().toString()));
    }

    void takesNoSettings()
    {
        QCOMPARE(m_server.call("POST", Scrub, Admin, QJsonObject{{QStringLiteral("repair"), true}}).status,
                 400);
    }

    void startingOneIsAudited()
    {
        QVERIFY(m_server.audit());
        AuditFilter filter;
        filter.actor = Admin;
        QVERIFY(m_server.audit()->flush().ok()); // written by a background thread
        auto records = m_server.audit()->query(filter);
        QVERIFY(records.ok());
        bool found = false;
        for (const AuditRecord& record : records.value().records)
            found = found || (record.action == QLatin1String("api.runScrub") && record.target == Scrub);
        QVERIFY2(found, "no audit record of the POST /api/v1/scrub");
    }
};

QTEST_GUILESS_MAIN(TestApiScrub)
#include "tst_api_scrub.moc"
