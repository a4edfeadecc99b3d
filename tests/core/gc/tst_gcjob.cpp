// Garbage collection as a job: progress reaches the JobContext, a cancel stops the run between removals
// (what it removed so far is kept and recorded as a cancelled run), every non-dry run is recorded in the
// MaintenanceLog with its figures, and deleting untagged manifests publishes ManifestDeleted while each
// removed blob publishes BlobCollected with its size. GcJob on a real JobRunner ends Cancelled.

#include "GcFixture.h"
#include "gc/GcJob.h"
#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"

#include <QtTest>
#include <atomic>

using namespace berth;
using namespace berth::test;

namespace {

/// Records progress; says "cancelled" once setProgress has been called `cancelAfter` times.
class CountingContext final : public JobContext
{
public:
    explicit CountingContext(int cancelAfter = -1) : m_cancelAfter(cancelAfter) {}
    bool isCancelled() const override { return m_cancelAfter >= 0 && m_calls.load() >= m_cancelAfter; }
    void setProgress(qint64 done, qint64 total) override
    {
        ++m_calls;
        m_done = done;
        m_total = total;
    }
    void setStatus(const QString& text) override { m_status = text; }

    std::atomic<int> m_calls{0};
    qint64 m_done = -1;
    qint64 m_total = -1;
    QString m_status;

private:
    int m_cancelAfter;
};

/// Stores `count` distinct unreferenced blobs (pushed, then unlinked) and moves past the grace period.
QList<Blob> orphans(GcFixture& f, int count)
{
    QList<Blob> blobs;
    for (int i = 0; i < count; ++i) {
        const Blob b = blob(QByteArray(100 + i, char('a' + i)));
        if (!f.pushBlob(QStringLiteral("team/tmp"), b) ||
            !f.service().deleteBlob(QStringLiteral("team/tmp"), b.digest).ok())
            return {};
        blobs.append(b);
    }
    f.clock().advance(2 * 3600);
    return blobs;
}

} // namespace

class TestGcJob : public QObject
{
    Q_OBJECT

private slots:
    void progressAndRecord()
    {
        GcFixture f;
        MaintenanceLog log(f.service().metadata());
        f.gc().setMaintenanceLog(&log);
        QList<RegistryEvent> events;
        f.gc().setEventSink([&events](const RegistryEvent& e) { events.append(e); });
        const QList<Blob> blobs = orphans(f, 5);
        QCOMPARE(blobs.size(), 5);

        CountingContext context;
        auto result = f.gc().run(GcOptions(), &context, MaintenanceLog::Scheduled);
        QVERIFY(result.ok());
        QCOMPARE(result.value().blobs.size(), 5);
        QVERIFY(!result.value().cancelled);
        QCOMPARE(context.m_done, 5);
        QCOMPARE(context.m_total, 5);
        QVERIFY(context.m_calls >= 5);
        QVERIFY(!context.m_status.isEmpty());

        QCOMPARE(events.size(), 5);
        for (const RegistryEvent& e : events) {
            QCOMPARE(e.type, RegistryEventType::BlobCollected);
            QVERIFY(std::any_of(blobs.cbegin(), blobs.cend(), [&e](const Blob& b) {
                return b.digest == e.digest && b.bytes.size() == e.bytes;
            }));
        }

        auto last = log.last(MaintenanceLog::Gc);
        QVERIFY(last.ok() && last.value());
        QCOMPARE(last.value()->trigger, MaintenanceLog::Scheduled);
        QCOMPARE(last.value()->outcome, MaintenanceLog::Succeeded);
        QCOMPARE(last.value()->summary.value(QStringLiteral("blobCount")).toInt(), 5);
        QCOMPARE(f.gc().lastRun()->bytes, result.value().bytes);

        // A dry run is not recorded.
        QVERIFY(f.gc().run(GcOptions{true, false, false, 0}).ok());
        auto history = log.history(MaintenanceLog::Gc);
        QCOMPARE(history.value().size(), 1);
    }

    void cancelStopsBetweenRemovals()
    {
        GcFixture f;
        MaintenanceLog log(f.service().metadata());
        f.gc().setMaintenanceLog(&log);
        const QList<Blob> blobs = orphans(f, 6);
        QCOMPARE(blobs.size(), 6);

        // setProgress: once before the first removal, then before each: cancelled before the third.
        CountingContext context(3);
        auto result = f.gc().run(GcOptions(), &context);
        QVERIFY(result.ok());
        QVERIFY(result.value().cancelled);
        QCOMPARE(result.value().blobs.size(), 2);
        int stored = 0;
        for (const Blob& b : blobs)
            stored += f.stored(b.digest) ? 1 : 0;
        QCOMPARE(stored, 4);
        auto last = log.last(MaintenanceLog::Gc);
        QCOMPARE(last.value()->outcome, MaintenanceLog::Cancelled);
        QCOMPARE(last.value()->summary.value(QStringLiteral("blobCount")).toInt(), 2);

        // The next run takes the rest.
        auto rest = f.gc().run(GcOptions());
        QCOMPARE(rest.value().blobs.size(), 4);
    }

    void untaggedManifestsArePublishedAsDeleted()
    {
        GcFixture f;
        QList<RegistryEvent> events;
        f.gc().setEventSink([&events](const RegistryEvent& e) { events.append(e); });
        const Blob config = blob("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        const Blob layer = blob(QByteArray(300, 'L'));
        const Blob manifest = f.pushImage(QStringLiteral("team/app"), config, {layer}, QString());
        QVERIFY(!manifest.bytes.isEmpty());
        f.clock().advance(2 * 3600);
        GcOptions options;
        options.deleteUntagged = true;
        auto result = f.gc().run(options);
        QVERIFY(result.ok());
        QCOMPARE(result.value().manifests.size(), 1);
        int deleted = 0;
        for (const RegistryEvent& e : events) {
            if (e.type == RegistryEventType::ManifestDeleted) {
                ++deleted;
                QCOMPARE(e.repository, QStringLiteral("team/app"));
                QCOMPARE(e.digest, manifest.digest);
            }
        }
        QCOMPARE(deleted, 1);
    }

    void jobEndsCancelled()
    {
        GcFixture f;
        std::shared_ptr<GarbageCollector> gc(&f.gc(), [](GarbageCollector*) {});
        QCOMPARE(orphans(f, 3).size(), 3);
        JobRunner runner;
        // Cancelled while queued behind a job that waits for it: the GC task never starts.
        std::atomic<bool> release{false};
        runner.submit(JobKind::Other, QStringLiteral("blocker"), [&release](JobContext&) -> Result<QString> {
            while (!release)
                QThread::msleep(5);
            return QStringLiteral("done");
        });
        runner.submit(JobKind::Other, QStringLiteral("blocker 2"),
                      [&release](JobContext&) -> Result<QString> {
                          while (!release)
                              QThread::msleep(5);
                          return QStringLiteral("done");
                      });
        const quint64 id =
            runner.submit(JobKind::GarbageCollection, GcJob::title(GcOptions(), MaintenanceLog::Manual),
                          GcJob::make(gc, GcOptions(), MaintenanceLog::Manual));
        QVERIFY(runner.cancel(id));
        release = true;
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(runner.job(id)->state, JobState::Cancelled);

        // Run to the end, it says what it removed.
        const quint64 done = runner.submit(JobKind::GarbageCollection, QStringLiteral("gc"),
                                           GcJob::make(gc, GcOptions(), MaintenanceLog::Manual));
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(runner.job(done)->state, JobState::Succeeded);
        QVERIFY2(runner.job(done)->result.contains(QStringLiteral("3 blob")),
                 qPrintable(runner.job(done)->result));
    }
};

QTEST_GUILESS_MAIN(TestGcJob)
#include "tst_gcjob.moc"
