// Scheduled scrub in RegistryHost with a ManualClock and three fault domains: the first tick runs a scrub
// (it never ran) that repairs a copy deleted from one domain and records the run (trigger schedule); the
// next runs only once the interval has passed; a manual run through the scheduler is one job, not two.

#include "host/RegistryHost.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "maintenance/MaintenanceScheduler.h"
#include "registry/RegistryService.h"
#include "storage/ReplicatedBlobStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace berth;

namespace {

constexpr qint64 Week = 7 * 24 * 3600;

} // namespace

class TestScrubSchedule : public QObject
{
    Q_OBJECT

private slots:
    void runsWhenDueAndRepairs()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ManualClock clock;
        RegistryHost::Options o;
        o.dataDirectory = dir.filePath(QStringLiteral("data"));
        o.clock = &clock;
        o.gcIntervalSeconds = 0;
        o.scrubIntervalSeconds = Week;
        o.retentionIntervalSeconds = 0;
        o.usageSampleIntervalSeconds = 0;
        for (int i = 0; i < 3; ++i)
            o.storage.domains << dir.filePath(QStringLiteral("domain%1").arg(i));
        o.storage.writeQuorum = 2;
        RegistryHost host(o);
        QVERIFY2(host.open().ok(), "open");
        ReplicatedBlobStore& store = host.registry().replicatedStore();
        QCOMPARE(store.domainCount(), 3);
        auto digest = store.put(QByteArray(3000, 's'));
        QVERIFY(digest.ok());
        QVERIFY(QFile::remove(store.copyPath(1, digest.value())));

        QList<quint64> submitted = host.scheduler().tick();
        QCOMPARE(submitted.size(), 1);
        QVERIFY(host.jobs().waitForIdle(20000));
        std::optional<JobSnapshot> job = host.jobs().job(submitted.first());
        QVERIFY(job);
        QCOMPARE(job->kind, JobKind::Scrub);
        QCOMPARE(job->state, JobState::Succeeded);
        QVERIFY2(job->result.contains(QStringLiteral("repaired 1")), qPrintable(job->result));
        QVERIFY(QFile::exists(store.copyPath(1, digest.value())));
        auto last = host.maintenanceLog().last(MaintenanceLog::Scrub);
        QVERIFY(last.ok() && last.value());
        QCOMPARE(last.value()->trigger, MaintenanceLog::Scheduled);
        QCOMPARE(last.value()->outcome, MaintenanceLog::Succeeded);

        QVERIFY(host.scheduler().tick().isEmpty());
        clock.advance(Week - 1);
        QVERIFY(host.scheduler().tick().isEmpty());
        clock.advance(1);
        submitted = host.scheduler().tick();
        QCOMPARE(submitted.size(), 1);
        QVERIFY(host.jobs().waitForIdle(20000));

        const quint64 manual = host.scheduler().runNow(MaintenanceLog::Scrub);
        QVERIFY(manual != 0);
        QVERIFY(host.jobs().waitForIdle(20000));
        last = host.maintenanceLog().last(MaintenanceLog::Scrub);
        QCOMPARE(last.value()->trigger, MaintenanceLog::Manual);
    }
};

QTEST_GUILESS_MAIN(TestScrubSchedule)
#include "tst_scrubschedule.moc"
