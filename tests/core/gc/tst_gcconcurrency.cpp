#include "GcFixture.h"
#include "metadata/MetadataStore.h"
#include "oci/MediaTypes.h"

#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace berth;
using namespace berth::test;

class TestGcConcurrency : public QObject
{
    Q_OBJECT

private:
    /// How many blobs the metadata links or references, and how many of those are not in the store. Read
    /// inside a transaction: GC removes and uploads restore under the same lock, so this sees no half-done
    /// step.
    static std::pair<int, int> danglingLinks(GcFixture& f)
    {
        int checked = 0;
        int missing = 0;
        auto done = f.service().metadata().transaction([&]() -> Result<void> {
            auto rows = f.service().metadata().exec(
                QStringLiteral("SELECT digest FROM repository_blobs UNION SELECT digest FROM manifest_blobs"
                               " UNION SELECT digest FROM manifests"));
            if (!rows)
                return rows.error();
            while (rows->next()) {
                const auto digest = Digest::parse(rows->value(0).toString());
                ++checked;
                if (!digest || !f.stored(*digest)) {
                    qWarning("linked but missing: %s", qPrintable(rows->value(0).toString()));
                    ++missing;
                }
            }
            return {};
        });
        if (!done)
            qFatal("%s", qPrintable(done.error().message));
        return {checked, missing};
    }

    static void verifyNothingDangles(GcFixture& f)
    {
        const auto [checked, missing] = danglingLinks(f);
        QVERIFY(checked > 0);
        QCOMPARE(missing, 0);
    }

private slots:
    void uploadsOfTheSameDigestsRaceGc()
    {
        GcFixture f;
        QList<Blob> blobs;
        for (int i = 0; i < 12; ++i)
            blobs << blob(QByteArray(2000 + i, char('a' + i)));
        // Grace 0 while the clock runs: anything not linked at this very millisecond is garbage, so GC
        // keeps removing the blobs the uploads are committing.
        GcOptions eager;
        eager.gracePeriodSeconds = 0;
        std::atomic<bool> stop{false};
        std::atomic<int> uploads{0};
        std::atomic<int> failures{0};
        std::atomic<int> manifests{0};
        std::atomic<qint64> freed{0};

        std::thread ticker([&] {
            while (!stop) {
                f.clock().advance(1);
                std::this_thread::sleep_for(std::chrono::milliseconds(40));
            }
        });
        std::thread collector([&] {
            while (!stop) {
                auto r = f.gc().run(eager);
                if (!r.ok()) {
                    qWarning("gc failed: %s", qPrintable(r.error().message));
                    ++failures;
                } else
                    freed += r->bytes;
            }
        });
        std::atomic<int> checks{0};
        std::atomic<int> dangling{0};
        std::thread checker([&] {
            while (!stop) {
                const auto [checked, missing] = danglingLinks(f);
                checks += checked;
                dangling += missing;
            }
        });
        std::vector<std::thread> pushers;
        for (int t = 0; t < 3; ++t) {
            pushers.emplace_back([&, t] {
                const QString repo = QStringLiteral("race/r%1").arg(t);
                for (int round = 0; round < 8; ++round) {
                    for (int i = 0; i < blobs.size(); ++i) {
                        if (f.pushBlob(repo, blobs[(i + t) % blobs.size()]))
                            ++uploads;
                        else
                            ++failures;
                    }
                    // A manifest over two of them: it may fail only because GC unlinked a blob first.
                    const Blob& config = blobs[round % blobs.size()];
                    const Blob& layer = blobs[(round + 1) % blobs.size()];
                    // Retried: GC may unlink the blobs (grace 0) between their upload and the manifest.
                    for (int attempt = 0; attempt < 20; ++attempt) {
                        if (!f.pushBlob(repo, config) || !f.pushBlob(repo, layer))
                            ++failures;
                        const Blob m = imageManifest(config, {layer});
                        auto put = f.service().putManifest(
                            repo, Reference::fromTag(QStringLiteral("r%1").arg(round)), m.bytes,
                            MediaTypes::OciImageManifest);
                        if (put.ok()) {
                            ++manifests;
                            break;
                        }
                        if (put.error().code != ErrorCode::ManifestBlobUnknown) {
                            qWarning("manifest push failed: %s", qPrintable(put.error().message));
                            ++failures;
                            break;
                        }
                    }
                }
            });
        }
        for (auto& p : pushers)
            p.join();
        stop = true;
        collector.join();
        ticker.join();
        checker.join();

        QCOMPARE(failures.load(), 0);
        QCOMPARE(dangling.load(), 0);
        QVERIFY(checks.load() > 0);
        QVERIFY(manifests.load() > 0);
        QCOMPARE(uploads.load(), 3 * 8 * int(blobs.size()));
        qInfo("%d manifests pushed, %lld bytes collected", manifests.load(), qint64(freed.load()));
        QVERIFY2(freed.load() > 0, "GC never removed anything: the race was not exercised");
        QCOMPARE(danglingLinks(f).second, 0);
        // Whatever a tag points at can be read back whole.
        for (int t = 0; t < 3; ++t) {
            const QString repo = QStringLiteral("race/r%1").arg(t);
            auto tags = f.service().listTags(repo, -1, QString());
            QVERIFY(tags.ok());
            for (const QString& tag : tags->names) {
                auto m = f.service().getManifest(repo, Reference::fromTag(tag), false);
                QVERIFY2(m.ok(), qPrintable(m.error().message));
            }
        }
    }

    void gcWhileServingReads()
    {
        GcFixture f;
        const QString repo = QStringLiteral("served");
        const Blob layer = blob(QByteArray(64 * 1024, 'L'));
        const Blob config = blob("{\"served\":true}");
        const Blob manifest = f.pushImage(repo, config, {layer}, QStringLiteral("v1"));
        std::atomic<bool> stop{false};
        std::atomic<int> reads{0};
        std::atomic<int> badReads{0};
        std::atomic<qint64> freed{0};

        std::vector<std::thread> readers;
        for (int t = 0; t < 2; ++t) {
            readers.emplace_back([&] {
                while (!stop) {
                    auto device = f.service().openBlob(repo, layer.digest);
                    auto m = f.service().getManifest(repo, Reference::fromTag(QStringLiteral("v1")));
                    if (!device.ok() || device.value()->readAll() != layer.bytes || !m.ok() ||
                        m->bytes != manifest.bytes)
                        ++badReads;
                    ++reads;
                }
            });
        }
        std::thread collector([&] {
            GcOptions options;
            options.deleteUntagged = true;
            while (!stop) {
                auto r = f.gc().run(options);
                if (r.ok())
                    freed += r->bytes;
                else
                    ++badReads;
            }
        });
        // Meanwhile garbage keeps appearing: orphan uploads that age past the grace period.
        for (int i = 0; i < 40; ++i) {
            QVERIFY(f.pushBlob(QStringLiteral("scratch"), blob(QByteArray::number(i).repeated(100))));
            QVERIFY(
                f.service()
                    .deleteBlob(QStringLiteral("scratch"), blob(QByteArray::number(i).repeated(100)).digest)
                    .ok());
            f.clock().advance(7200);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        stop = true;
        for (auto& r : readers)
            r.join();
        collector.join();
        QCOMPARE(badReads.load(), 0);
        QVERIFY(reads.load() > 0);
        QVERIFY(freed.load() > 0);
        QVERIFY(f.stored(layer.digest) && f.stored(config.digest) && f.stored(manifest.digest));
        verifyNothingDangles(f);
    }
};

QTEST_GUILESS_MAIN(TestGcConcurrency)
#include "tst_gcconcurrency.moc"
