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

} // namespace

class TestMaintenanceScheduler : public QObject
{
    Q_OBJECT

private slots:
    void runsWhenDueAndNotAgainUntilTheNextInterval()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(store.open());
        MaintenanceLog log(store);
        ManualClock clock;
        JobRunner jobs(runnerOptions(&clock));
        MaintenanceScheduler scheduler(jobs, log, clock);
        CountingTask gc{&log, &clock};
        scheduler.add(gc.task(MaintenanceLog::Gc, 3600));

        // Never ran: due at once.
        QCOMPARE(scheduler.tick().size(), 1);
        QVERIFY(jobs.waitForIdle(10000));
        QCOMPARE(gc.runs.load(), 1);
        QCOMPARE(gc.scheduled.load(), 1);

        QCOMPARE(scheduler.tick().size(), 0);
        clock.advance(3599);
        QCOMPARE(scheduler.tick().size(), 0);
        clock.advance(1);
        QCOMPARE(scheduler.tick().size(), 1);
        QVERIFY(jobs.waitForIdle(10000));
        QCOMPARE(gc.runs.load(), 2);

        const auto entries = scheduler.schedule();
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
            MetadataStore store(db);
            QVERIFY(store.open());
            MaintenanceLog log(store);
            JobRunner jobs(runnerOptions(&clock));
            MaintenanceScheduler scheduler(jobs, log, clock);
            CountingTask gc{&log, &clock};
            scheduler.add(gc.task(MaintenanceLog::Gc, 3600));
            QCOMPARE(scheduler.tick().size(), 1);
            QVERIFY(jobs.waitForIdle(10000));
        }
        clock.advance(1800);
        MetadataStore store(db);
        QVERIFY(store.open());
        MaintenanceLog log(store);
        JobRunner jobs(runnerOptions(&clock));
        MaintenanceScheduler scheduler(jobs, log, clock);
        CountingTask gc{&log, &clock};
        scheduler.add(gc.task(MaintenanceLog::Gc, 3600));
        QCOMPARE(scheduler.tick().size(), 0); // ran half an hour ago, before the restart
        clock.advance(1800);
        QCOMPARE(scheduler.tick().size(), 1);
        QVERIFY(jobs.waitForIdle(10000));
        QCOMPARE(gc.runs.load(), 1);
    }

    void aKindStillRunningIsNotSubmittedTwice()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(store.open());
        MaintenanceLog log(store);
        ManualClock clock;
        JobRunner jobs(runnerOptions(&clock));
        MaintenanceScheduler scheduler(jobs, log, clock);
        QSemaphore gate;
        CountingTask scrub{&log, &clock};
        scrub.gate = &gate;
        scheduler.add(scrub.task(MaintenanceLog::Scrub, 60));
        QSignalSpy submitted(&scheduler, &MaintenanceScheduler::submitted);

        const QList<quint64> first = scheduler.tick();
        QCOMPARE(first.size(), 1);
        clock.advance(600);
        QCOMPARE(scheduler.tick().size(), 0);                        // still running
        QCOMPARE(scheduler.runNow(MaintenanceLog::Scrub), first[0]); // the active job, not a new one
        QCOMPARE(scheduler.schedule()[0].activeJob, first[0]);
        gate.release();
        QVERIFY(jobs.waitForIdle(10000));
        QCOMPARE(scrub.runs.load(), 1);
        QCOMPARE(submitted.count(), 1);
        QCOMPARE(submitted.at(0).at(0).toString(), MaintenanceLog::Scrub);
    }

    void intervalZeroMeansOnlyOnDemand()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(store.open());
        MaintenanceLog log(store);
        ManualClock clock;
        JobRunner jobs(runnerOptions(&clock));
        MaintenanceScheduler scheduler(jobs, log, clock);
        CountingTask gc{&log, &clock};
        scheduler.add(gc.task(MaintenanceLog::Gc, 3600));
        QVERIFY(scheduler.setInterval(MaintenanceLog::Gc, 0));
        QVERIFY(!scheduler.setInterval(QStringLiteral("nothing"), 10));
        clock.advance(100000);
        QCOMPARE(scheduler.tick().size(), 0);
        QVERIFY(!scheduler.schedule()[0].nextRunAt.isValid());

        QCOMPARE(scheduler.runNow(QStringLiteral("nothing")), quint64(0));
        QVERIFY(scheduler.runNow(MaintenanceLog::Gc) != 0);
        QVERIFY(jobs.waitForIdle(10000));
        QCOMPARE(gc.runs.load(), 1);
        QCOMPARE(gc.scheduled.load(), 0);
        QCOMPARE(log.last(MaintenanceLog::Gc).value()->trigger, MaintenanceLog::Manual);
    }

    void theTimerTicks()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(store.open());
        MaintenanceLog log(store);
        ManualClock clock;
        JobRunner jobs(runnerOptions(&clock));
        MaintenanceScheduler scheduler(jobs, log, clock);
        CountingTask gc{&log, &clock};
        scheduler.add(gc.task(MaintenanceLog::Gc, 3600));
        QSignalSpy submitted(&scheduler, &MaintenanceScheduler::submitted);
        scheduler.start(10);
        QVERIFY(submitted.wait(5000));
        QVERIFY(jobs.waitForIdle(10000));
        QCOMPARE(gc.runs.load(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMaintenanceScheduler)
#include "tst_maintenancescheduler.moc"
