#include "ApiTestServer.h"
#include "audit/AuditLog.h"
#include "jobs/JobRunner.h"
#include "storage/BlobStore.h"
#include "support/core/OciLayoutPusher.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QtTest>
#include <thread>

using namespace berth;
using namespace berth::test;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Gc = QStringLiteral("/api/v1/gc");

bool pushBlob(RegistryService& registry, const QString& repository, const QByteArray& bytes)
{
    return OciLayoutPusher::pushBlob(registry, repository, bytes).ok();
}

} // namespace

class TestApiGc : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server{ApiTestServer::Options{false, true}};

private slots:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void onlyAdministrators()
    {
        QCOMPARE(m_server.call("GET", Gc, Alice).status, 403);
        QCOMPARE(m_server.call("POST", Gc, Alice, QJsonObject{{QStringLiteral("dryRun"), true}}).status, 403);
        QCOMPARE(m_server.call("GET", Gc, Admin).status, 200);
    }

    void dryRunThenRun()
    {
        RegistryService& registry = m_server.registry();
        const QByteArray orphan(4321, 'o');
        const QByteArray kept(999, 'k');
        QVERIFY(pushBlob(registry, QStringLiteral("scratch/a"), orphan));
        QVERIFY(pushBlob(registry, QStringLiteral("scratch/b"), kept));
        QVERIFY(registry.deleteBlob(QStringLiteral("scratch/a"), Digest::compute(orphan)).ok());
        std::this_thread::sleep_for(std::chrono::milliseconds(1200));

        // With the default grace period nothing this young is reclaimable.
        RegistryResponse r = m_server.call("GET", Gc, Admin);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("reclaimableBytes")).toInteger(), 0);

        const QJsonObject dry{{QStringLiteral("dryRun"), true}, {QStringLiteral("gracePeriodSeconds"), 1}};
        r = m_server.call("POST", Gc, Admin, dry);
        QCOMPARE(r.status, 200);
        QJsonObject o = r.json().object();
        QCOMPARE(o.value(QStringLiteral("dryRun")).toBool(), true);
        // scratch/b's link is older than the 1 s grace period too: both blobs would go.
        QCOMPARE(o.value(QStringLiteral("blobCount")).toInt(), 2);
        QCOMPARE(o.value(QStringLiteral("bytes")).toInteger(), orphan.size() + kept.size());
        QVERIFY(registry.blobStore().contains(Digest::compute(orphan)));

        QVERIFY(pushBlob(registry, QStringLiteral("scratch/b"), kept)); // linked again: fresh
        r = m_server.call("POST", Gc, Admin, QJsonObject{{QStringLiteral("gracePeriodSeconds"), 1}});
        QCOMPARE(r.status, 200);
        o = r.json().object();
        QCOMPARE(o.value(QStringLiteral("dryRun")).toBool(), false);
        const QJsonArray blobs = o.value(QStringLiteral("blobs")).toArray();
        QCOMPARE(blobs.size(), 1);
        QCOMPARE(blobs[0].toObject().value(QStringLiteral("digest")).toString(),
                 Digest::compute(orphan).toString());
        QCOMPARE(blobs[0].toObject().value(QStringLiteral("size")).toInteger(), orphan.size());
        QVERIFY(!registry.blobStore().contains(Digest::compute(orphan)));
        QVERIFY(registry.statBlob(QStringLiteral("scratch/b"), Digest::compute(kept)).ok());

        r = m_server.call("GET", Gc, Admin);
        const QJsonObject last = r.json().object().value(QStringLiteral("lastRun")).toObject();
        QCOMPARE(last.value(QStringLiteral("bytes")).toInteger(), orphan.size());
        QCOMPARE(last.value(QStringLiteral("blobCount")).toInt(), 1);
    }

    void runAsJobAndHistory()
    {
        RegistryService& registry = m_server.registry();
        const QByteArray orphan(2345, 'j');
        QVERIFY(pushBlob(registry, QStringLiteral("scratch/j"), orphan));
        QVERIFY(registry.deleteBlob(QStringLiteral("scratch/j"), Digest::compute(orphan)).ok());
        std::this_thread::sleep_for(std::chrono::milliseconds(1200));
        QList<RegistryEvent> events;
        QMutex eventsMutex;
        const QMetaObject::Connection connection = QObject::connect(
            &registry, &RegistryService::registryEvent, &registry,
            [&](const RegistryEvent& e) {
                QMutexLocker lock(&eventsMutex);
                events.append(e);
            },
            Qt::DirectConnection);

        // wait: false answers 202 with the job; the job runs to the end.
        RegistryResponse r = m_server.call(
            "POST", Gc, Admin,
            QJsonObject{{QStringLiteral("gracePeriodSeconds"), 1}, {QStringLiteral("wait"), false}});
        QCOMPARE(r.status, 202);
        const QJsonObject job = r.json().object().value(QStringLiteral("job")).toObject();
        const qint64 id = job.value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(job.value(QStringLiteral("kind")).toString(), QStringLiteral("gc"));
        QCOMPARE(r.header("Location"), QStringLiteral("/api/v1/jobs/%1").arg(id).toUtf8());
        QVERIFY(m_server.jobs().waitForIdle(20000));
        r = m_server.call("GET", QStringLiteral("/api/v1/jobs/%1").arg(id), Admin);
        QCOMPARE(r.json().object().value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
        QVERIFY(!registry.blobStore().contains(Digest::compute(orphan)));
        QObject::disconnect(connection);
        {
            QMutexLocker lock(&eventsMutex);
            int collected = 0;
            for (const RegistryEvent& e : events) {
                if (e.type == RegistryEventType::BlobCollected && e.digest == Digest::compute(orphan)) {
                    ++collected;
                    QCOMPARE(e.bytes, qint64(orphan.size()));
                }
            }
            QCOMPARE(collected, 1);
        }

        // The synchronous run goes through a job too, and says which.
        r = m_server.call("POST", Gc, Admin, QJsonObject{{QStringLiteral("gracePeriodSeconds"), 100000}});
        QCOMPARE(r.status, 200);
        const qint64 syncJob = r.json().object().value(QStringLiteral("jobId")).toInteger();
        QVERIFY(syncJob > id);
        QCOMPARE(m_server.jobs().job(quint64(syncJob))->state, JobState::Succeeded);

        // The history: newest first, persisted in the maintenance log.
        r = m_server.call("GET", Gc + QStringLiteral("/runs?limit=2"), Admin);
        QCOMPARE(r.status, 200);
        const QJsonArray runs = r.json().object().value(QStringLiteral("items")).toArray();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0].toObject().value(QStringLiteral("bytes")).toInteger(), 0);
        // The orphan, and whatever earlier tests left older than the 1 s grace period.
        QVERIFY(runs[1].toObject().value(QStringLiteral("bytes")).toInteger() >= orphan.size());
        QCOMPARE(runs[1].toObject().value(QStringLiteral("trigger")).toString(), QStringLiteral("manual"));
        QCOMPARE(runs[1].toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(m_server.call("GET", Gc + QStringLiteral("/runs?limit=0"), Admin).status, 400);
        QCOMPARE(m_server.call("GET", Gc + QStringLiteral("/runs"), Alice).status, 403);

        r = m_server.call("GET", Gc, Admin);
        const QJsonObject status = r.json().object();
        QCOMPARE(
            status.value(QStringLiteral("lastRun")).toObject().value(QStringLiteral("bytes")).toInteger(), 0);
        QVERIFY(status.value(QStringLiteral("recentRuns")).toArray().size() >= 2);
        // No scheduler in this server: not scheduled.
        QCOMPARE(status.value(QStringLiteral("schedule"))
                     .toObject()
                     .value(QStringLiteral("intervalSeconds"))
                     .toInt(),
                 0);
        QVERIFY(m_server.call("POST", Gc, Admin, QJsonObject{{QStringLiteral("wait"), 1}}).status == 400);
    }

    void badBodies()
    {
        QCOMPARE(
            m_server.call("POST", Gc, Admin, QJsonObject{{QStringLiteral("gracePeriodSeconds"), -1}}).status,
            400);
        QCOMPARE(
            m_server.call("POST", Gc, Admin, QJsonObject{{QStringLiteral("dryRun"), QStringLiteral("yes")}})
                .status,
            400);
        QCOMPARE(
            m_server.call("POST", Gc, Admin, QJsonObject{{QStringLiteral("deleteReferrers"), true}}).status,
            400);
    }

    void describedInOpenApi()
    {
        const QJsonObject paths = m_server.api().openApi().value(QStringLiteral("paths")).toObject();
        QVERIFY(paths.value(Gc).toObject().contains(QStringLiteral("get")));
        QVERIFY(paths.value(Gc).toObject().contains(QStringLiteral("post")));
    }

    void runsAreAudited()
    {
        QVERIFY(m_server.audit());
        QVERIFY(m_server.call("POST", Gc, Admin, QJsonObject{{QStringLiteral("dryRun"), true}}).status ==
                200);
        AuditFilter filter;
        filter.actor = Admin;
        QVERIFY(m_server.audit()->flush().ok()); // written by a background thread
        auto records = m_server.audit()->query(filter);
        QVERIFY(records.ok());
        bool found = false;
        for (const AuditRecord& record : records.value().records)
            found = found || (record.action == QLatin1String("api.runGc") && record.target == Gc);
        QVERIFY2(found, "no audit record of the POST /api/v1/gc");
    }
};

QTEST_GUILESS_MAIN(TestApiGc)
#include "tst_api_gc.moc"
