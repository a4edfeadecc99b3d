#include "ApiTestServer.h"
#include "audit/AuditLog.h"
#include "storage/BlobStore.h"

#include <QJsonArray>
#include <QJsonObject>
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
    auto started = registry.startUpload(repository);
    if (!started.ok())
        return false;
    auto lease = registry.acquireUpload(repository, started->id);
    if (!lease.ok() || !lease.value()->write(bytes).ok())
        return false;
    return registry.completeUpload(std::move(lease).value(), Digest::compute(bytes)).ok();
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
