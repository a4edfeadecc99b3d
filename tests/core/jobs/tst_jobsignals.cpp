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

namespace {

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

} // namespace

class TestJobSignals : public QObject
{
    Q_OBJECT

private slots:
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
};

QTEST_GUILESS_MAIN(TestJobSignals)
#include "tst_jobsignals.moc"
