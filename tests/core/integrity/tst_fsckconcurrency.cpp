// fsck --repair (removing unreferenced blobs too) running over and over while pushes happen: it must
// remove nothing a push needs, and the registry it leaves is clean.
#include "core/gc/GcFixture.h"
#include "integrity/FsckChecker.h"
#include "integrity/FsckReportJson.h"
#include "oci/MediaTypes.h"
#include "storage/BlobStore.h"

#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace berth;
using namespace berth::test;

class TestFsckConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void repairWhilePushing()
    {
        GcFixture f;
        // A shared base layer, older than the grace period: pushes reuse it while fsck judges it.
        const Blob base = blob(QByteArray(4000, 'b'));
        QVERIFY(f.pushBlob(QStringLiteral("seed"), base));
        f.clock().advance(3600);

        std::atomic<bool> stop{false};
        std::atomic<int> fsckRuns{0};
        std::atomic<int> fsckFailures{0};
        std::atomic<int> problemsSeen{0};
        std::thread fsckThread([&] {
            FsckChecker checker(f.service());
            FsckOptions options;
            options.repair = true;
            options.removeUnreferenced = true;
            options.gracePeriodSeconds = 30;
            while (!stop) {
                auto report = checker.run(options);
                if (!report) {
                    ++fsckFailures;
                    qWarning("fsck failed: %s", qPrintable(report.error().message));
                    continue;
                }
                for (const FsckFinding& finding : report->findings) {
                    if (finding.isProblem()) {
                        ++problemsSeen;
                        qWarning("fsck found %s %s: %s", qPrintable(FsckReportJson::kindName(finding.kind)),
                                 qPrintable(finding.object), qPrintable(finding.detail));
                    }
                }
                ++fsckRuns;
            }
        });

        struct Pushed
        {
            QString repository;
            QString tag;
            QList<Blob> blobs;
        };
        QList<Pushed> pushed;
        for (int i = 0; i < 40; ++i) {
            const QString repository = QStringLiteral("team/app%1").arg(i % 4);
            const Blob config = blob(QByteArray("config ") + QByteArray::number(i));
            const Blob layer = blob(QByteArray(3000 + i, char('a' + i % 26)));
            // The base layer is only linked again (mounted by content) where this push needs it.
            if (!f.pushBlob(repository, base) || !f.pushBlob(repository, config) ||
                !f.pushBlob(repository, layer))
                QFAIL("a blob push failed");
            f.clock().advance(1); // pushes take time; fsck's grace period is 30 s of it
            const Blob manifest = imageManifest(config, {base, layer});
            const QString tag = QStringLiteral("v%1").arg(i);
            QVERIFY2(f.putManifest(repository, manifest, tag, MediaTypes::OciImageManifest),
                     "a manifest push failed: fsck removed a blob it needed");
            pushed.append(Pushed{repository, tag, {config, layer, base, manifest}});
            // Now and then a blob that nobody will reference, made old at once: fsck may take it.
            if (i % 5 == 0) {
                QVERIFY(f.pushBlob(repository, blob(QByteArray("garbage ") + QByteArray::number(i))));
                f.clock().advance(40);
            }
        }
        while (fsckRuns < 3)
            QThread::msleep(10);
        stop = true;
        fsckThread.join();

        QCOMPARE(fsckFailures.load(), 0);
        QCOMPARE(problemsSeen.load(), 0);
        QVERIFY(fsckRuns >= 3);
        for (const Pushed& p : pushed) {
            auto manifest = f.service().getManifest(p.repository, Reference::fromTag(p.tag), false);
            QVERIFY2(manifest.ok(), qPrintable(p.repository + u':' + p.tag));
            for (const Blob& b : p.blobs)
                QVERIFY2(f.stored(b.digest), qPrintable(b.digest.toString()));
        }
        // And once more at rest: nothing wrong, and the garbage went.
        FsckOptions report;
        f.clock().advance(3600);
        auto last = FsckChecker(f.service()).run(report);
        QVERIFY(last.ok());
        QCOMPARE(last->problemsRemaining(), 0);
        qInfo("%d fsck runs while pushing; %d blobs still reclaimable at rest", fsckRuns.load(),
              last->count(FsckFindingKind::ReclaimableBlob));
    }
};

QTEST_GUILESS_MAIN(TestFsckConcurrency)
#include "tst_fsckconcurrency.moc"
