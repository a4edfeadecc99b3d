#include "JobRecorder.h"
#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>
#include <stdexcept>

using namespace berth;
using namespace berth::jobtest;

class TestJobRunner : public QObject
{
    Q_OBJECT

private slots:
    void namesAreTranslatedAndDistinct()
    {
        QSet<QString> kinds;
        for (JobKind k : {JobKind::Import, JobKind::Export, JobKind::Retention, JobKind::GarbageCollection,
                          JobKind::Scrub, JobKind::Check, JobKind::Backup, JobKind::Scan, JobKind::Other})
            kinds.insert(JobSnapshot::kindName(k));
        QCOMPARE(kinds.size(), 9);
        QCOMPARE(JobSnapshot::kindName(JobKind::GarbageCollection), QStringLiteral("Garbage collection"));
        QSet<QString> states;
        for (JobState s : {JobState::Queued, JobState::Running, JobState::Succeeded, JobState::Failed,
                           JobState::Cancelled})
            states.insert(JobSnapshot::stateName(s));
        QCOMPARE(states.size(), 5);
        QCOMPARE(JobSnapshot::stateName(JobState::Failed), QStringLiteral("Failed"));
    }

    void stateTransitionsAndTimestamps()
    {
        ManualClock clock;
        const QDateTime start = clock.now();
        JobRunner runner(options(1, 200, &clock));
        Recorder recorder(runner);
        QSignalSpy added(&runner, &JobRunner::jobAdded);
        QSemaphore started, release;
        const quint64 id =
            runner.submit(JobKind::Import, QStringLiteral("Import a.tar"), [&](JobContext& ctx) {
                started.release();
                release.acquire();
                clock.advance(5);
                ctx.setStatus(QStringLiteral("Writing layer 1 of 1"));
                return Result<QString>(QStringLiteral("Imported 1 image"));
            });
        QVERIFY(id > 0);
        QCOMPARE(added.count(), 1);
        const auto addedSnapshot = added.at(0).at(0).value<JobSnapshot>();
        QCOMPARE(addedSnapshot.id, id);
        QCOMPARE(addedSnapshot.state, JobState::Queued);
        QCOMPARE(addedSnapshot.kind, JobKind::Import);
        QCOMPARE(addedSnapshot.title, QStringLiteral("Import a.tar"));
        QCOMPARE(addedSnapshot.queuedAt, start);

        QVERIFY(started.tryAcquire(1, 5000));
        QCOMPARE(runner.job(id)->state, JobState::Running);
        QCOMPARE(runner.job(id)->startedAt, start);
        QVERIFY(runner.job(id)->finishedAt.isNull());
        QCOMPARE(runner.activeCount(), 1);
        QVERIFY(!runner.waitForIdle(50));
        release.release();
        QVERIFY(runner.waitForIdle(5000));

        const auto done = runner.job(id);
        QVERIFY(done);
        QCOMPARE(done->state, JobState::Succeeded);
        QCOMPARE(done->result, QStringLiteral("Imported 1 image"));
        QCOMPARE(done->finishedAt, start.addSecs(5));
        QCOMPARE(runner.activeCount(), 0);

        const auto changes = recorder.changesOf(id);
        QVERIFY(changes.size() >= 2);
        QCOMPARE(changes.first().state, JobState::Running);
        QCOMPARE(changes.last().state, JobState::Succeeded);
        QCOMPARE(changes.last().status, QStringLiteral("Writing layer 1 of 1"));
        QVERIFY(runner.cancel(id) == false); // finished
        QVERIFY(runner.cancel(9999) == false);
        QVERIFY(!runner.job(9999));
    }

    void cancelQueuedFinishesAtOnce()
    {
        JobRunner runner(options(1));
        QSemaphore started, release;
        std::atomic<bool> secondRan{false};
        const quint64 first = runner.submit(JobKind::Other, QStringLiteral("first"), [&](JobContext&) {
            started.release();
            release.acquire();
            return Result<QString>(QStringLiteral("first done"));
        });
        const quint64 second = runner.submit(JobKind::Other, QStringLiteral("second"), [&](JobContext&) {
            secondRan = true;
            return Result<QString>(QStringLiteral("second done"));
        });
        QVERIFY(started.tryAcquire(1, 5000));
        QCOMPARE(runner.job(second)->state, JobState::Queued);
        QVERIFY(runner.cancel(second));
        const auto cancelled = runner.job(second);
        QCOMPARE(cancelled->state, JobState::Cancelled);
        QVERIFY(cancelled->cancelRequested);
        QVERIFY(!cancelled->finishedAt.isNull());
        QVERIFY(cancelled->startedAt.isNull());
        QCOMPARE(runner.activeCount(), 1);
        release.release();
        QVERIFY(runner.waitForIdle(5000));
        QVERIFY(!secondRan);
        QCOMPARE(runner.job(first)->state, JobState::Succeeded);
        QCOMPARE(runner.job(second)->state, JobState::Cancelled);
    }

    void cancelRunningIsSeenByTheTask()
    {
        JobRunner runner(options(2));
        Recorder recorder(runner);
        QSemaphore started;
        const quint64 id = runner.submit(JobKind::Export, QStringLiteral("loop"), [&](JobContext& ctx) {
            started.release();
            while (!ctx.isCancelled())
                QThread::msleep(1);
            return Result<QString>(
                Error(ErrorCode::Cancelled, QStringLiteral("Export cancelled; nothing kept")));
        });
        QVERIFY(started.tryAcquire(1, 5000));
        QVERIFY(runner.cancel(id));
        QVERIFY(runner.cancel(id)); // asking twice is harmless
        QVERIFY(runner.waitForIdle(5000));
        const auto s = runner.job(id);
        QCOMPARE(s->state, JobState::Cancelled);
        QCOMPARE(s->result, QStringLiteral("Export cancelled; nothing kept"));
        QVERIFY(s->cancelRequested);
        QVERIFY(!s->startedAt.isNull());
        const auto changes = recorder.changesOf(id);
        QCOMPARE(changes.last().state, JobState::Cancelled);

        // A task that finishes its work in spite of the request succeeds.
        QSemaphore started2, release2;
        const quint64 stubborn = runner.submit(JobKind::Other, QStringLiteral("stubborn"), [&](JobContext&) {
            started2.release();
            release2.acquire();
            return Result<QString>(QStringLiteral("finished anyway"));
        });
        QVERIFY(started2.tryAcquire(1, 5000));
        QVERIFY(runner.cancel(stubborn));
        QVERIFY(runner.job(stubborn)->cancelRequested);
        release2.release();
        QVERIFY(runner.waitForIdle(5000));
        QCOMPARE(runner.job(stubborn)->state, JobState::Succeeded);
    }

    void concurrencyLimitIsRespected()
    {
        JobRunner runner(options(2));
        std::atomic<int> current{0}, peak{0}, ran{0};
        for (int i = 0; i < 4; ++i) {
            runner.submit(JobKind::Other, QStringLiteral("job %1").arg(i), [&](JobContext&) {
                const int now = ++current;
                int seen = peak.load();
                while (now > seen && !peak.compare_exchange_weak(seen, now)) {
                }
                QThread::msleep(150);
                --current;
                ++ran;
                return Result<QString>(QStringLiteral("ok"));
            });
        }
        QVERIFY(runner.activeCount() == 4);
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(ran.load(), 4);
        QCOMPARE(peak.load(), 2);
    }

    void historyDropsOldestFinished()
    {
        JobRunner runner(options(1, 3));
        QSignalSpy removed(&runner, &JobRunner::jobRemoved);
        QList<quint64> ids;
        for (int i = 0; i < 6; ++i)
            ids.append(runner.submit(JobKind::Other, QStringLiteral("job %1").arg(i),
                                     [](JobContext&) { return Result<QString>(QStringLiteral("ok")); }));
        QVERIFY(runner.waitForIdle(5000));
        const auto jobs = runner.jobs();
        QCOMPARE(jobs.size(), 3);
        QCOMPARE(jobs.at(0).id, ids.at(3));
        QCOMPARE(jobs.at(2).id, ids.at(5));
        QCOMPARE(removed.count(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(removed.at(i).at(0).value<quint64>(), ids.at(i));

        // Running jobs are never dropped; clearHistory forgets only finished ones.
        QSemaphore started, release;
        const quint64 running = runner.submit(JobKind::Other, QStringLiteral("running"), [&](JobContext&) {
            started.release();
            release.acquire();
            return Result<QString>(QStringLiteral("ok"));
        });
        QVERIFY(started.tryAcquire(1, 5000));
        runner.clearHistory();
        QCOMPARE(runner.jobs().size(), 1);
        QCOMPARE(runner.jobs().at(0).id, running);
        QCOMPARE(removed.count(), 6);
        release.release();
        QVERIFY(runner.waitForIdle(5000));
        QCOMPARE(runner.jobs().size(), 1);
    }

    void failuresCarryTheirMessage()
    {
        JobRunner runner(options(2));
        const quint64 failed = runner.submit(JobKind::Import, QStringLiteral("bad"), [](JobContext&) {
            return Result<QString>(
                Error(ErrorCode::ArchiveInvalid, QStringLiteral("a.tar is not an image archive.")));
        });
        const quint64 thrown = runner.submit(JobKind::Import, QStringLiteral("throws"), [](JobContext&) {
            throw std::runtime_error("disk on fire");
            return Result<QString>(QString());
        });
        const quint64 empty = runner.submit(JobKind::Other, QStringLiteral("no task"), JobTask());
        QVERIFY(runner.waitForIdle(5000));
        QCOMPARE(runner.job(failed)->state, JobState::Failed);
        QCOMPARE(runner.job(failed)->result, QStringLiteral("a.tar is not an image archive."));
        QCOMPARE(runner.job(thrown)->state, JobState::Failed);
        QVERIFY(runner.job(thrown)->result.contains(QStringLiteral("disk on fire")));
        QCOMPARE(runner.job(empty)->state, JobState::Failed);
        QVERIFY(!runner.job(empty)->result.isEmpty());
    }

    void destructorCancelsAndWaits()
    {
        std::atomic<bool> sawCancel{false}, returned{false}, queuedRan{false};
        QSemaphore started;
        {
            JobRunner runner(options(1));
            runner.submit(JobKind::Scan, QStringLiteral("long"), [&](JobContext& ctx) {
                started.release();
                while (!ctx.isCancelled())
                    QThread::msleep(1);
                sawCancel = true;
                QThread::msleep(50);
                returned = true;
                return Result<QString>(Error(ErrorCode::Cancelled, QStringLiteral("stopped")));
            });
            runner.submit(JobKind::Scan, QStringLiteral("queued"), [&](JobContext&) {
                queuedRan = true;
                return Result<QString>(QStringLiteral("ok"));
            });
            QVERIFY(started.tryAcquire(1, 5000));
        }
        QVERIFY(sawCancel);
        QVERIFY(returned);
        QVERIFY(!queuedRan);
    }
};

QTEST_GUILESS_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
