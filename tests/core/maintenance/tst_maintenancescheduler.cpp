#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "maintenance/MaintenanceScheduler.h"
#include "metadata/MetadataStore.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>

using namespace berth;

namespace {

/// A maintenance task that records its run in the log, like the real ones do, and counts its runs.
struct CountingTask
{
    MaintenanceLog* log = nullptr;
    Clock* clock = nullptr;
    std::atomic<int> runs{0};
    std::atomic<int> scheduled{0};
    QSemaphore* gate = nullptr; ///< when set, each run waits for a release

    MaintenanceScheduler::Task task(const QString& kind, qint64 interval)
    {
        MaintenanceScheduler::Task t;
        t.kind = kind;
        t.jobKind = JobKind::GarbageCollection;
        t.title = QStringLiteral("Scheduled ") + kind;
        t.intervalSeconds = interval;
        t.make = [this, kind](const QString& trigger) -> JobTask {
            return [this, kind, trigger](JobContext&) -> Result<QString> {
                if (gate)
                    gate->acquire();
                MaintenanceRun run;
                run.kind = kind;
                run.trigger = trigger;
                run.startedAt = clock->now();
                run.finishedAt = clock->now();
                run.outcome = MaintenanceLog::Succeeded;
                if (auto recorded = log->record(run); !recorded)
                    return recorded.error();
                ++runs;
                if (trigger == MaintenanceLog::Scheduled)
                    ++scheduled;
                return QStringLiteral("done");
            };
        };
        return t;
    }
};

JobRunner::Options runnerOptions(Clock* clock)
{
    JobRunner::Options o;
    o.clock = clock;
    return o;
}

/// A scheduler over a maintenance log in its own database, with a job runner on the same manual clock.
struct Rig
{
    Rig(const QString& databasePath, ManualClock& clock)
        : store(databasePath), opened(store.open().ok()), log(store), jobs(runnerOptions(&clock)),
          scheduler(jobs, log, clock)
    {}

    MetadataStore store;
    bool opened;
    MaintenanceLog log;
    JobRunner jobs; ///< declared after the log and the store, so it stops first: its tasks write to them
    MaintenanceScheduler scheduler;
};

} // namespace

class TestMaintenanceScheduler : public QObject
{
    Q_OBJECT

private slots:
    void runsWhenDueAndNotAgainUntilTheNextInterval()
    {
        QTemporaryDir dir;
        ManualClock clock;
        Rig rig(dir.filePath(QStringLiteral("berth.db")), clock);
        QVERIFY(rig.opened);
        CountingTask gc{&rig.log, &clock};
        rig.scheduler.add(gc.task(MaintenanceLog::Gc, 3600));

        // Never ran: due at once.
        QCOMPARE(rig.scheduler.tick().size(), 1);
        QVERIFY(rig.jobs.waitForIdle(10000));
        QCOMPARE(gc.runs.load(), 1);
        QCOMPARE(gc.scheduled.load(), 1);

        QCOMPARE(rig.scheduler.tick().size(), 0);
        clock.advance(3599);
        QCOMPARE(rig.scheduler.tick().size(), 0);
        clock.advance(1);
        QCOMPARE(rig.scheduler.tick().size(), 1);
        QVERIFY(rig.jobs.waitForIdle(10000));
        QCOMPARE(gc.runs.load(), 2);

        const auto entries = rig.scheduler.schedule();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0].kind, MaintenanceLog::Gc);
        QCOMPARE(entries[0].lastStartedAt, clock.now());
        QCOMPARE(entries[0].nextRunAt, clock.now().addSecs(3600));
        QCOMPARE(entries[0].activeJob, quint64(0));
    }

    void aRestartRemembersTheLastRun()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("berth.db"));
        ManualClock clock;
        {
            Rig rig(db, clock);
            QVERIFY(rig.opened);
            CountingTask gc{&rig.log, &clock};
            rig.scheduler.add(gc.task(MaintenanceLog::Gc, 3600));
            QCOMPARE(rig.scheduler.tick().size(), 1);
            QVERIFY(rig.jobs.waitForIdle(10000));
        }
        clock.advance(1800);
        Rig rig(db, clock);
        QVERIFY(rig.opened);
        CountingTask gc{&rig.log, &clock};
        rig.scheduler.add(gc.task(MaintenanceLog::Gc, 3600));
        QCOMPARE(rig.scheduler.tick().size(), 0); // ran half an hour ago, before the restart
        clock.advance(1800);
        QCOMPARE(rig.scheduler.tick().size(), 1);
        QVERIFY(rig.jobs.waitForIdle(10000));
        QCOMPARE(gc.runs.load(), 1);
    }

    void aKindStillRunningIsNotSubmittedTwice()
    {
        QTemporaryDir dir;
        ManualClock clock;
        Rig rig(dir.filePath(QStringLiteral("berth.db")), clock);
        QVERIFY(rig.opened);
        QSemaphore gate;
        CountingTask scrub{&rig.log, &clock};
        scrub.gate = &gate;
        rig.scheduler.add(scrub.task(MaintenanceLog::Scrub, 60));
        QSignalSpy submitted(&rig.scheduler, &MaintenanceScheduler::submitted);

        const QList<quint64> first = rig.scheduler.tick();
        QCOMPARE(first.size(), 1);
        clock.advance(600);
        QCOMPARE(rig.scheduler.tick().size(), 0);                        // still running
        QCOMPARE(rig.scheduler.runNow(MaintenanceLog::Scrub), first[0]); // the active job, not a new one
        QCOMPARE(rig.scheduler.schedule()[0].activeJob, first[0]);
        gate.release();
        QVERIFY(rig.jobs.waitForIdle(10000));
        QCOMPARE(scrub.runs.load(), 1);
        QCOMPARE(submitted.count(), 1);
        QCOMPARE(submitted.at(0).at(0).toString(), MaintenanceLog::Scrub);
    }

    void intervalZeroMeansOnlyOnDemand()
    {
        QTemporaryDir dir;
        ManualClock clock;
        Rig rig(dir.filePath(QStringLiteral("berth.db")), clock);
        QVERIFY(rig.opened);
        CountingTask gc{&rig.log, &clock};
        rig.scheduler.add(gc.task(MaintenanceLog::Gc, 3600));
        QVERIFY(rig.scheduler.setInterval(MaintenanceLog::Gc, 0));
        QVERIFY(!rig.scheduler.setInterval(QStringLiteral("nothing"), 10));
        clock.advance(100000);
        QCOMPARE(rig.scheduler.tick().size(), 0);
        QVERIFY(!rig.scheduler.schedule()[0].nextRunAt.isValid());

        QCOMPARE(rig.scheduler.runNow(QStringLiteral("nothing")), quint64(0));
        QVERIFY(rig.scheduler.runNow(MaintenanceLog::Gc) != 0);
        QVERIFY(rig.jobs.waitForIdle(10000));
        QCOMPARE(gc.runs.load(), 1);
        QCOMPARE(gc.scheduled.load(), 0);
        QCOMPARE(rig.log.last(MaintenanceLog::Gc).value()->trigger, MaintenanceLog::Manual);
    }

    void theTimerTicks()
    {
        QTemporaryDir dir;
        ManualClock clock;
        Rig rig(dir.filePath(QStringLiteral("berth.db")), clock);
        QVERIFY(rig.opened);
        CountingTask gc{&rig.log, &clock};
        rig.scheduler.add(gc.task(MaintenanceLog::Gc, 3600));
        QSignalSpy submitted(&rig.scheduler, &MaintenanceScheduler::submitted);
        rig.scheduler.start(10);
        QVERIFY(submitted.wait(5000));
        QVERIFY(rig.jobs.waitForIdle(10000));
        QCOMPARE(gc.runs.load(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMaintenanceScheduler)
#include "tst_maintenancescheduler.moc"
