// Scheduled garbage collection in RegistryHost with a ManualClock: the first tick runs GC (it never ran),
// the next not until the interval has passed, also across a restart (the last run comes from the
// database); the scheduled run removes an orphan blob, publishes BlobCollected with its digest and size,
// records the run (trigger schedule) and leaves an audit record.

#include "audit/AuditLog.h"
#include "gc/GarbageCollector.h"
#include "host/RegistryHost.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "maintenance/MaintenanceScheduler.h"
#include "registry/RegistryService.h"
#include "storage/BlobStore.h"
#include "support/core/OciLayoutPusher.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace berth;

namespace {

constexpr qint64 Day = 24 * 3600;

RegistryHost::Options optionsFor(const QString& dir, Clock& clock)
{
    RegistryHost::Options o;
    o.dataDirectory = dir;
    o.clock = &clock;
    o.gcIntervalSeconds = Day;
    o.gcGracePeriodSeconds = 60;
    o.scrubIntervalSeconds = 0; // only garbage collection on the schedule here
    o.retentionIntervalSeconds = 0;
    o.usageSampleIntervalSeconds = 0;
    return o;
}

bool pushBlob(RegistryService& registry, const QString& repository, const QByteArray& bytes)
{
    return OciLayoutPusher::pushBlob(registry, repository, bytes).ok();
}

} // namespace

class TestGcSchedule : public QObject
{
    Q_OBJECT

private slots:
    void runsWhenDueAndSurvivesRestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ManualClock clock;
        const QByteArray orphan(5000, 'x');
        const Digest orphanDigest = Digest::compute(orphan);
        QDateTime secondRun;
        {
            RegistryHost host(optionsFor(dir.path(), clock));
            QVERIFY2(host.open().ok(), "open");
            RegistryService& registry = host.registry();
            QVERIFY(pushBlob(registry, QStringLiteral("team/scratch"), orphan));
            QVERIFY(registry.deleteBlob(QStringLiteral("team/scratch"), orphanDigest).ok());

            // Never ran: due at once. The orphan is younger than the grace period, so it stays.
            QList<quint64> submitted = host.scheduler().tick();
            QCOMPARE(submitted.size(), 1);
            QVERIFY(host.jobs().waitForIdle(20000));
            std::optional<JobSnapshot> job = host.jobs().job(submitted.first());
            QVERIFY(job);
            QCOMPARE(job->kind, JobKind::GarbageCollection);
            QCOMPARE(job->state, JobState::Succeeded);
            QVERIFY(registry.blobStore().contains(orphanDigest));
            auto last = host.maintenanceLog().last(MaintenanceLog::Gc);
            QVERIFY(last.ok() && last.value());
            QCOMPARE(last.value()->trigger, MaintenanceLog::Scheduled);
            QCOMPARE(last.value()->startedAt, clock.now());

            // Not again until a day has passed.
            QVERIFY(host.scheduler().tick().isEmpty());
            clock.advance(Day - 1);
            QVERIFY(host.scheduler().tick().isEmpty());
            const QList<MaintenanceScheduler::Entry> schedule = host.scheduler().schedule();
            QCOMPARE(schedule.size(), 3); // gc, and scrub and the usage sample (on demand only here)
            for (const MaintenanceScheduler::Entry& entry : schedule) {
                if (entry.kind == MaintenanceLog::Gc)
                    QCOMPARE(entry.nextRunAt, clock.now().addSecs(1));
                else
                    QVERIFY(!entry.nextRunAt.isValid());
            }

            QSignalSpy events(&registry, &RegistryService::registryEvent);
            clock.advance(1);
            secondRun = clock.now();
            submitted = host.scheduler().tick();
            QCOMPARE(submitted.size(), 1);
            QVERIFY(host.jobs().waitForIdle(20000));
            job = host.jobs().job(submitted.first());
            QCOMPARE(job->state, JobState::Succeeded);
            QVERIFY2(job->result.contains(QStringLiteral("1 blob")), qPrintable(job->result));
            QVERIFY(!registry.blobStore().contains(orphanDigest));
            // The collected blob is published once, with its size.
            int collected = 0;
            for (const QList<QVariant>& args : events) {
                const RegistryEvent e = args.first().value<RegistryEvent>();
                if (e.type == RegistryEventType::BlobCollected) {
                    ++collected;
                    QCOMPARE(e.digest, orphanDigest);
                    QCOMPARE(e.bytes, qint64(orphan.size()));
                }
            }
            QCOMPARE(collected, 1);
            last = host.maintenanceLog().last(MaintenanceLog::Gc);
            QCOMPARE(last.value()->summary.value(QStringLiteral("blobCount")).toInt(), 1);
            QCOMPARE(last.value()->summary.value(QStringLiteral("bytes")).toInteger(), qint64(orphan.size()));
            QCOMPARE(host.garbageCollector()->lastRun()->bytes, qint64(orphan.size()));

            // Both runs are in the audit log.
            AuditFilter filter;
            filter.actionPrefix = QStringLiteral("maintenance");
            QList<AuditRecord> records;
            for (int i = 0; i < 100 && records.size() < 2; ++i) {
                host.flush();
                auto audited = host.audit().query(filter);
                QVERIFY(audited.ok());
                records = audited.value().records;
                if (records.size() < 2)
                    QTest::qWait(20);
            }
            QCOMPARE(records.size(), 2);
            QCOMPARE(records.last().action, QStringLiteral("maintenance.gc"));
        }
        // After a restart the last run comes from the database: not due until a day after it.
        clock.advance(3600);
        {
            RegistryHost host(optionsFor(dir.path(), clock));
            QVERIFY2(host.open().ok(), "reopen");
            QCOMPARE(host.garbageCollector()->lastRun()->startedAt, secondRun);
            QVERIFY(host.scheduler().tick().isEmpty());
            clock.advance(Day - 3600);
            const QList<quint64> submitted = host.scheduler().tick();
            QCOMPARE(submitted.size(), 1);
            QVERIFY(host.jobs().waitForIdle(20000));
            QCOMPARE(host.jobs().job(submitted.first())->state, JobState::Succeeded);
            QVERIFY(host.scheduler().tick().isEmpty());
        }
    }

    void intervalZeroNeverRuns()
    {
        QTemporaryDir dir;
        ManualClock clock;
        RegistryHost::Options o = optionsFor(dir.path(), clock);
        o.gcIntervalSeconds = 0;
        RegistryHost host(o);
        QVERIFY(host.open().ok());
        QVERIFY(host.scheduler().tick().isEmpty());
        clock.advance(30 * Day);
        QVERIFY(host.scheduler().tick().isEmpty());
        QVERIFY(host.jobs().waitForIdle(1000));
    }
};

QTEST_GUILESS_MAIN(TestGcSchedule)
#include "tst_gcschedule.moc"
