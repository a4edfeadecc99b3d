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

namespace {

/// Every snapshot a runner signalled, in order (direct connection: recorded on the emitting thread).
class Recorder
{
public:
    explicit Recorder(JobRunner& runner)
    {
        QObject::connect(
            &runner, &JobRunner::jobChanged, &runner,
            [this](const JobSnapshot& s) {
                QMutexLocker lock(&m_mutex);
                m_changes.append(s);
            },
            Qt::DirectConnection);
        QObject::connect(
            &runner, &JobRunner::jobRemoved, &runner,
            [this](quint64 id) {
                QMutexLocker lock(&m_mutex);
                m_removed.append(id);
            },
            Qt::DirectConnection);
    }
    QList<JobSnapshot> changesOf(quint64 id) const
    {
        QMutexLocker lock(&m_mutex);
        QList<JobSnapshot> out;
        for (const JobSnapshot& s : m_changes)
            if (s.id == id)
                out.append(s);
        return out;
    }
    QList<quint64> removed() const
    {
        QMutexLocker lock(&m_mutex);
        return m_removed;
    }

private:
    mutable QMutex m_mutex;
    QList<JobSnapshot> m_changes;
    QList<quint64> m_removed;
};

/// Lives in another thread and keeps what reaches it through queued connections.
class Receiver : public QObject
{
    Q_OBJECT
public:
    QMutex mutex;
    QList<JobSnapshot> snapshots;
    QList<Qt::HANDLE> threads;

public slots:
    void onChanged(const berth::JobSnapshot& s)
    {
        QMutexLocker lock(&mutex);
        snapshots.append(s);
        threads.append(QThread::currentThreadId());
    }
};

JobRunner::Options options(int threads, int history = 200, Clock* clock = nullptr)
{
    JobRunner::Options o;
    o.maxConcurrentJobs = threads;
    o.historySize = history;
    if (clock)
        o.clock = clock;
    return o;
}

} // namespace

class TestJobRunner : public QObject
{
    Q_OBJECT

private slots:
    void namesAreTranslatedAndDistinct()
    {
        QSet<QString> kinds;
        for (JobKind k : {JobKind::Import, JobKind::Export, JobKind::Retention, JobKind::GarbageCollection,
                          JobKind::Scrub, JobKind::Scan, JobKind::Other})
            kinds.insert(JobSnapshot::kindName(k));
        QCOMPARE(kinds.size(), 7);
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

    void progressIsCoalesced()
    {
        JobRunner runner(options(2));
        Recorder recorder(runner);
        QElapsedTimer timer;
        std::atomic<qint64> elapsed{0};
        const quint64 id = runner.submit(JobKind::Export, QStringLiteral("busy"), [&](JobContext& ctx) {
            QElapsedTimer t;
            t.start();
            for (int i = 1; i <= 100000; ++i)
                ctx.setProgress(i, 100000);
            elapsed = t.elapsed();
            return Result<QString>(QStringLiteral("done"));
        });
        QVERIFY(runner.waitForIdle(30000));
        const auto changes = recorder.changesOf(id);
        // Running + final, plus at most one per 100 ms of the task's run.
        const qint64 allowed = 2 + elapsed.load() / 100 + 1;
        QVERIFY2(changes.size() <= allowed,
                 qPrintable(QStringLiteral("%1 signals for %2 ms").arg(changes.size()).arg(elapsed.load())));
        QVERIFY(changes.size() < 100);
        QCOMPARE(changes.last().state, JobState::Succeeded);
        QCOMPARE(changes.last().done, 100000);
        QCOMPARE(changes.last().total, 100000);
        QCOMPARE(changes.last().fraction(), 1.0);
    }

    void slowProgressIsSignalledWhileRunning()
    {
        JobRunner runner(options(1));
        Recorder recorder(runner);
        const quint64 id = runner.submit(JobKind::Scrub, QStringLiteral("slow"), [&](JobContext& ctx) {
            for (int i = 1; i <= 60; ++i) {
                ctx.setProgress(i, 60);
                QThread::msleep(10);
            }
            return Result<QString>(QStringLiteral("ok"));
        });
        QVERIFY(runner.waitForIdle(30000));
        const auto changes = recorder.changesOf(id);
        int running = 0;
        for (int i = 0; i < changes.size(); ++i) {
            if (changes[i].state == JobState::Running && changes[i].done > 0)
                ++running;
            if (i > 0)
                QVERIFY(changes[i].done >= changes[i - 1].done); // in order
        }
        QVERIFY2(running >= 2, "progress should be signalled during a 600 ms run");
        QVERIFY2(changes.size() <= 2 + 600 / 100 + 3, qPrintable(QString::number(changes.size())));
        QCOMPARE(changes.last().state, JobState::Succeeded);
        QCOMPARE(changes.last().done, 60);
    }

    void quietTaskGetsItsLastProgressSignalled()
    {
        // The runner lives in this thread, whose event loop QTRY runs: its flush timer signals progress
        // that a task reported and then went quiet on.
        JobRunner runner(options(1));
        Recorder recorder(runner);
        QSemaphore reported, release;
        const quint64 id = runner.submit(JobKind::Other, QStringLiteral("quiet"), [&](JobContext& ctx) {
            ctx.setProgress(1, 10);
            ctx.setProgress(2, 10);
            ctx.setStatus(QStringLiteral("Thinking"));
            reported.release();
            release.acquire();
            return Result<QString>(QStringLiteral("ok"));
        });
        QVERIFY(reported.tryAcquire(1, 5000));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto changes = recorder.changesOf(id);
                return !changes.isEmpty() && changes.last().done == 2 &&
                       changes.last().status == QStringLiteral("Thinking");
            }(),
            2000);
        QCOMPARE(recorder.changesOf(id).last().state, JobState::Running);
        release.release();
        QVERIFY(runner.waitForIdle(5000));
        QCOMPARE(recorder.changesOf(id).last().state, JobState::Succeeded);
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

    void queuedSignalsReachAnotherThread()
    {
        QThread thread;
        auto* receiver = new Receiver;
        receiver->moveToThread(&thread);
        connect(&thread, &QThread::finished, receiver, &QObject::deleteLater);
        thread.start();

        Qt::HANDLE receiverThread = nullptr;
        QMetaObject::invokeMethod(
            receiver, [&] { receiverThread = QThread::currentThreadId(); }, Qt::BlockingQueuedConnection);

        JobRunner runner(options(2));
        connect(&runner, &JobRunner::jobChanged, receiver, &Receiver::onChanged, Qt::QueuedConnection);
        const quint64 id =
            runner.submit(JobKind::Export, QStringLiteral("to another thread"), [](JobContext& ctx) {
                for (int i = 0; i <= 1000; ++i)
                    ctx.setProgress(i, 1000);
                return Result<QString>(QStringLiteral("Exported 1 image"));
            });
        QVERIFY(runner.waitForIdle(5000));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QMutexLocker lock(&receiver->mutex);
                return !receiver->snapshots.isEmpty() && receiver->snapshots.last().isFinished();
            }(),
            5000);
        {
            QMutexLocker lock(&receiver->mutex);
            QCOMPARE(receiver->snapshots.last().id, id);
            QCOMPARE(receiver->snapshots.last().state, JobState::Succeeded);
            QCOMPARE(receiver->snapshots.last().result, QStringLiteral("Exported 1 image"));
            QCOMPARE(receiver->snapshots.last().done, 1000);
            for (Qt::HANDLE h : std::as_const(receiver->threads))
                QCOMPARE(h, receiverThread);
        }
        thread.quit();
        QVERIFY(thread.wait(5000));
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
