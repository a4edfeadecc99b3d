// The manifest cache of RegistryService::getManifest (core/registry/ManifestCache): a tag moved, a
// manifest or tag deleted, a repository deleted is seen by the next GET, also while other threads GET the
// same tag; the cache keeps to its bounds; a GET writes nothing to the database.
#include "metadata/MetadataStore.h"
#include "oci/MediaTypes.h"
#include "registry/ManifestCache.h"
#include "registry/RegistryService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace berth;

namespace {

struct Blob
{
    QByteArray bytes;
    Digest digest;
};

Blob blob(const QByteArray& bytes)
{
    return Blob{bytes, Digest::compute(bytes)};
}

QJsonObject descriptor(const QString& mediaType, const Blob& b)
{
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), b.digest.toString()},
                       {QStringLiteral("size"), b.bytes.size()}};
}

QByteArray imageManifest(const Blob& config, const Blob& layer)
{
    return QJsonDocument(
               QJsonObject{
                   {QStringLiteral("schemaVersion"), 2},
                   {QStringLiteral("mediaType"), MediaTypes::OciImageManifest},
                   {QStringLiteral("config"), descriptor(MediaTypes::OciImageConfig, config)},
                   {QStringLiteral("layers"), QJsonArray{descriptor(MediaTypes::OciLayerTarGzip, layer)}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestManifestCache : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<RegistryService> m_service;

    bool pushBlob(const QString& repository, const Blob& b)
    {
        auto started = m_service->startUpload(repository);
        if (!started.ok())
            return false;
        auto lease = m_service->acquireUpload(repository, started->id);
        if (!lease.ok() || !lease.value()->write(b.bytes).ok())
            return false;
        return m_service->completeUpload(std::move(lease).value(), b.digest).ok();
    }

    /// An image's manifest (config + layer pushed), not yet put.
    Blob image(const QString& repository, const QString& name)
    {
        const Blob config = blob("{\"config\":\"" + name.toUtf8() + "\"}");
        const Blob layer = blob("layer of " + name.toUtf8());
        if (!pushBlob(repository, config) || !pushBlob(repository, layer))
            qFatal("could not push the blobs of %s", qPrintable(name));
        return blob(imageManifest(config, layer));
    }

    bool tagAs(const QString& repository, const QString& tag, const Blob& manifest)
    {
        return m_service
            ->putManifest(repository, Reference::fromTag(tag), manifest.bytes, MediaTypes::OciImageManifest)
            .ok();
    }

    std::optional<Digest> digestOf(const QString& repository, const Reference& reference)
    {
        auto got = m_service->getManifest(repository, reference, true);
        if (!got)
            return std::nullopt;
        return got->digest;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_clock = std::make_unique<ManualClock>();
        RegistryService::Options options;
        options.dataDirectory = m_dir->path();
        options.clock = m_clock.get();
        m_service = std::make_unique<RegistryService>(options);
        QVERIFY(m_service->open().ok());
    }

    void cleanup()
    {
        m_service.reset();
        m_clock.reset();
        m_dir.reset();
    }

    void tagMoveDeleteAndRepositoryDeleteSeenAtOnce()
    {
        const QString repo = QStringLiteral("team/app");
        const Blob a = image(repo, QStringLiteral("a"));
        const Blob b = image(repo, QStringLiteral("b"));
        QVERIFY(tagAs(repo, QStringLiteral("latest"), a));
        const Reference latest = Reference::fromTag(QStringLiteral("latest"));
        for (int i = 0; i < 3; ++i) // the first fills the cache, the others are served from it
            QCOMPARE(digestOf(repo, latest), std::optional<Digest>(a.digest));
        auto bytes = m_service->getManifest(repo, latest, false);
        QVERIFY(bytes.ok());
        QCOMPARE(bytes->bytes, a.bytes);
        QCOMPARE(bytes->mediaType, MediaTypes::OciImageManifest);

        QVERIFY(tagAs(repo, QStringLiteral("latest"), b));
        QCOMPARE(digestOf(repo, latest), std::optional<Digest>(b.digest));
        QCOMPARE(digestOf(repo, Reference::fromDigest(a.digest)), std::optional<Digest>(a.digest));

        QVERIFY(m_service->deleteTag(repo, QStringLiteral("latest")).ok());
        QCOMPARE(m_service->getManifest(repo, latest, true).error().code, ErrorCode::ManifestUnknown);

        QVERIFY(m_service->deleteManifest(repo, a.digest).ok());
        QCOMPARE(m_service->getManifest(repo, Reference::fromDigest(a.digest), true).error().code,
                 ErrorCode::ManifestUnknown);

        QCOMPARE(digestOf(repo, Reference::fromDigest(b.digest)), std::optional<Digest>(b.digest));
        QVERIFY(m_service->deleteRepository(repo).ok());
        QVERIFY(!m_service->getManifest(repo, Reference::fromDigest(b.digest), true).ok());
    }

    /// Readers GET a tag without pause while the tag moves between three manifests. A GET that begins
    /// after a move has returned must see that move or a later one, never an earlier manifest, and the
    /// bytes must be those of the digest it says.
    void concurrentTagMovesNeverServeAnOlderManifest()
    {
        const QString repo = QStringLiteral("team/moving");
        const QList<Blob> manifests{image(repo, QStringLiteral("one")), image(repo, QStringLiteral("two")),
                                    image(repo, QStringLiteral("three"))};
        const QString tag = QStringLiteral("current");
        QVERIFY(tagAs(repo, tag, manifests[0]));
        constexpr int Moves = 150;
        std::vector<Digest> digestAt(Moves + 1);
        for (int i = 0; i <= Moves; ++i)
            digestAt[i] = manifests[i % manifests.size()].digest;

        std::atomic<int> published{0}; // the last move that has returned
        std::atomic<bool> done{false};
        std::atomic<int> stale{0}, failed{0}, reads{0};
        std::vector<std::thread> readers;
        for (int t = 0; t < 3; ++t) {
            readers.emplace_back([&] {
                while (!done.load()) {
                    const int before = published.load();
                    auto got = m_service->getManifest(repo, Reference::fromTag(tag), t % 2 == 0);
                    const int after = published.load();
                    ++reads;
                    if (!got) {
                        ++failed;
                        continue;
                    }
                    // The move after `after` may have committed before it was published.
                    bool seen = false;
                    for (int v = before; v <= qMin(after + 1, Moves) && !seen; ++v)
                        seen = got->digest == digestAt[v] && Digest::compute(got->bytes) == digestAt[v];
                    if (!seen)
                        ++stale;
                }
            });
        }
        for (int i = 1; i <= Moves; ++i) {
            QVERIFY(tagAs(repo, tag, manifests[i % manifests.size()]));
            published.store(i);
            // Give the readers time to fill the cache with this manifest before the next move.
            std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
        done.store(true);
        for (std::thread& t : readers)
            t.join();
        QCOMPARE(failed.load(), 0);
        QCOMPARE(stale.load(), 0);
        QVERIFY2(reads.load() > Moves, qPrintable(QString::number(reads.load())));
    }

    /// statBlob() (blob GET and HEAD) remembers which repository holds which blob: an unlinked blob,
    /// a blob pushed again and a deleted repository are seen by the next call.
    void blobLinksSeenAtOnce()
    {
        const QString repo = QStringLiteral("team/blobs");
        const Blob b = blob("a blob of bytes");
        QVERIFY(pushBlob(repo, b));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_service->statBlob(repo, b.digest)->size, b.bytes.size());
        QVERIFY(!m_service->statBlob(QStringLiteral("team/other"), b.digest).ok());
        QVERIFY(m_service->deleteBlob(repo, b.digest).ok());
        QCOMPARE(m_service->statBlob(repo, b.digest).error().code, ErrorCode::BlobUnknown);
        QVERIFY(pushBlob(repo, b));
        QVERIFY(m_service->statBlob(repo, b.digest).ok());
        QVERIFY(m_service->openBlob(repo, b.digest).ok());
        QVERIFY(m_service->deleteRepository(repo).ok());
        QVERIFY(!m_service->statBlob(repo, b.digest).ok());
    }

    void aPullWritesNothingUntilTheStatisticsAreFlushed()
    {
        const QString repo = QStringLiteral("team/stats");
        const Blob a = image(repo, QStringLiteral("a"));
        QVERIFY(tagAs(repo, QStringLiteral("v1"), a));
        MetadataStore& metadata = m_service->metadata();
        const quint64 before = metadata.generation();
        for (int i = 0; i < 20; ++i) {
            QVERIFY(digestOf(repo, Reference::fromTag(QStringLiteral("v1"))).has_value());
            QVERIFY(digestOf(repo, Reference::fromDigest(a.digest)).has_value());
        }
        QCOMPARE(metadata.generation(), before); // no write transaction for a pull
        auto pulled = [&] {
            auto q = metadata.exec(QStringLiteral("SELECT pulls FROM tag_pulls WHERE tag = 'v1'"));
            return q && q->next() ? q->value(0).toLongLong() : 0;
        };
        QCOMPARE(pulled(), 0);
        m_service->flushStatistics();
        QCOMPARE(pulled(), 20);
        QVERIFY(metadata.generation() != before);
        // The flush moved the generation: the next GET reads the database again and gets the same.
        QCOMPARE(digestOf(repo, Reference::fromTag(QStringLiteral("v1"))), std::optional<Digest>(a.digest));
    }

    void theCacheKeepsToItsBoundsAndGenerations()
    {
        ManifestCache cache;
        const ManifestCache::Entry small{Digest::compute("x"), MediaTypes::OciImageManifest,
                                         QByteArray(1000, 'x')};
        cache.insert(5, QStringLiteral("r"), QStringLiteral("t"), small);
        QVERIFY(cache.find(5, QStringLiteral("r"), QStringLiteral("t")).has_value());
        QVERIFY(!cache.find(5, QStringLiteral("r"), QStringLiteral("u")).has_value());
        QVERIFY(!cache.find(6, QStringLiteral("r"), QStringLiteral("t")).has_value()); // a write came
        QCOMPARE(cache.size(), 0);
        cache.insert(5, QStringLiteral("r"), QStringLiteral("t"), small); // read before that write: dropped
        QVERIFY(!cache.find(6, QStringLiteral("r"), QStringLiteral("t")).has_value());

        ManifestCache::Entry large = small;
        large.bytes = QByteArray(ManifestCache::MaxEntryBytes + 1, 'y');
        cache.insert(6, QStringLiteral("r"), QStringLiteral("large"), large);
        QCOMPARE(cache.size(), 0);

        ManifestCache::Entry big = small;
        big.bytes = QByteArray(ManifestCache::MaxEntryBytes, 'z');
        const int count = int(2 * ManifestCache::MaxBytes / ManifestCache::MaxEntryBytes);
        for (int i = 0; i < count; ++i)
            cache.insert(6, QStringLiteral("r"), QString::number(i), big);
        QVERIFY(cache.size() > 0);
        QVERIFY(cache.size() * ManifestCache::MaxEntryBytes <= ManifestCache::MaxBytes);
        QVERIFY(
            cache.find(6, QStringLiteral("r"), QString::number(count - 1)).has_value()); // most recent kept
    }
};

QTEST_GUILESS_MAIN(TestManifestCache)
#include "tst_manifestcache.moc"
