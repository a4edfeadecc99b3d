#include "GcFixture.h"
#include "oci/MediaTypes.h"

#include <QTest>

using namespace berth;
using namespace berth::test;

namespace {

QStringList digestsOf(const QList<GcBlob>& blobs)
{
    QStringList out;
    for (const GcBlob& b : blobs)
        out << b.digest.toString();
    out.sort();
    return out;
}

QStringList digestsOf(const QList<Blob>& blobs)
{
    QStringList out;
    for (const Blob& b : blobs)
        out << b.digest.toString();
    out.sort();
    return out;
}

QStringList manifestsOf(const GcResult& r)
{
    QStringList out;
    for (const GcManifest& m : r.manifests)
        out << m.repository + u'@' + m.digest.toString();
    return out;
}

GcResult runGc(GarbageCollector& gc, const GcOptions& options)
{
    auto r = gc.run(options);
    if (!r.ok())
        qFatal("gc failed: %s", qPrintable(r.error().message));
    return r.value();
}

GcOptions untagged(bool referrers = false, bool dry = false)
{
    GcOptions o;
    o.deleteUntagged = true;
    o.deleteReferrers = referrers;
    o.dryRun = dry;
    return o;
}

} // namespace

class TestGarbageCollector : public QObject
{
    Q_OBJECT

private slots:
    void sharedLayerKeptUntilBothRepositoriesGo()
    {
        GcFixture f;
        const Blob layer = blob(QByteArray(5000, 's'));
        const Blob configA = blob("{\"a\":1}");
        const Blob configB = blob("{\"b\":1}");
        const Blob ma = f.pushImage(QStringLiteral("team/a"), configA, {layer}, QStringLiteral("v1"));
        const Blob mb = f.pushImage(QStringLiteral("team/b"), configB, {layer}, QStringLiteral("v1"));
        f.clock().advance(2 * 3600);
        QVERIFY(runGc(f.gc(), {}).blobs.isEmpty());

        QVERIFY(f.service().deleteRepository(QStringLiteral("team/a")).ok());
        GcResult r = runGc(f.gc(), {});
        QCOMPARE(digestsOf(r.blobs), digestsOf({configA, ma}));
        QCOMPARE(r.bytes, configA.bytes.size() + ma.bytes.size());
        QVERIFY(f.stored(layer.digest));
        QVERIFY(!f.stored(configA.digest));
        QVERIFY(f.service().statBlob(QStringLiteral("team/b"), layer.digest).ok());

        QVERIFY(f.service().deleteRepository(QStringLiteral("team/b")).ok());
        r = runGc(f.gc(), {});
        QCOMPARE(digestsOf(r.blobs), digestsOf({configB, mb, layer}));
        QVERIFY(!f.stored(layer.digest));
        QCOMPARE(f.gc().lastRun()->bytes, r.bytes);
    }

    void uploadWithoutManifestKeptWithinGrace()
    {
        GcFixture f;
        const Blob pending = blob("uploaded, manifest not pushed yet");
        QVERIFY(f.pushBlob(QStringLiteral("app"), pending));
        f.clock().advance(30 * 60);
        QVERIFY(runGc(f.gc(), {}).blobs.isEmpty());
        QVERIFY(f.stored(pending.digest));
        // Linked again (a client pushing the same layer) refreshes it.
        QVERIFY(f.pushBlob(QStringLiteral("app"), pending));
        f.clock().advance(40 * 60);
        QVERIFY(runGc(f.gc(), {}).blobs.isEmpty());
        f.clock().advance(30 * 60);
        GcOptions shortGrace;
        shortGrace.gracePeriodSeconds = 7200;
        QVERIFY(runGc(f.gc(), shortGrace).blobs.isEmpty()); // a longer grace keeps it still
        const GcResult r = runGc(f.gc(), {});
        QCOMPARE(digestsOf(r.blobs), digestsOf({pending}));
        QVERIFY(!f.stored(pending.digest));
        QVERIFY(!f.service().statBlob(QStringLiteral("app"), pending.digest).ok());
    }

    void manifestBytesKeptWhileAnyRepositoryHoldsIt()
    {
        GcFixture f;
        const Blob config = blob("{\"same\":true}");
        const Blob layer = blob("same layer");
        const Blob m = f.pushImage(QStringLiteral("one"), config, {layer}, QStringLiteral("t"));
        QCOMPARE(f.pushImage(QStringLiteral("two"), config, {layer}, QString()).digest, m.digest);
        QVERIFY(f.service().deleteManifest(QStringLiteral("one"), m.digest).ok());
        f.clock().advance(2 * 3600);
        QVERIFY(runGc(f.gc(), {}).blobs.isEmpty());
        QVERIFY(f.stored(m.digest));
        QVERIFY(f.service().deleteManifest(QStringLiteral("two"), m.digest).ok());
        const GcResult r = runGc(f.gc(), {});
        QCOMPARE(digestsOf(r.blobs), digestsOf({m, config, layer}));
    }

    void indexChildrenKeptAndUntaggedDeleted()
    {
        GcFixture f;
        const QString repo = QStringLiteral("multi");
        const Blob shared = blob("base layer");
        const Blob amd = f.pushImage(repo, blob("{\"arch\":\"amd64\"}"), {shared}, QString());
        const Blob armLayer = blob("arm layer");
        const Blob armConfig = blob("{\"arch\":\"arm64\"}");
        const Blob arm = f.pushImage(repo, armConfig, {shared, armLayer}, QString());
        const Blob index = indexManifest({amd, arm});
        QVERIFY(f.putManifest(repo, index, QStringLiteral("latest"), MediaTypes::OciImageIndex));
        const Blob strayLayer = blob("stray layer");
        const Blob strayConfig = blob("{\"stray\":1}");
        const Blob stray = f.pushImage(repo, strayConfig, {strayLayer, shared}, QString());

        // Within the grace period even untagged manifests stay.
        QVERIFY(runGc(f.gc(), untagged()).manifests.isEmpty());
        f.clock().advance(2 * 3600);
        QVERIFY(runGc(f.gc(), {}).blobs.isEmpty()); // without the option untagged manifests stay
        GcResult r = runGc(f.gc(), untagged());
        QCOMPARE(manifestsOf(r), QStringList{repo + u'@' + stray.digest.toString()});
        QCOMPARE(digestsOf(r.blobs), digestsOf({stray, strayConfig, strayLayer}));
        QVERIFY(f.stored(amd.digest) && f.stored(arm.digest) && f.stored(armLayer.digest));
        QVERIFY(f.service().getManifest(repo, Reference::fromDigest(arm.digest), false).ok());

        QVERIFY(f.service().deleteTag(repo, QStringLiteral("latest")).ok());
        r = runGc(f.gc(), untagged());
        QCOMPARE(r.manifests.size(), 3);
        QVERIFY(!f.stored(index.digest) && !f.stored(arm.digest) && !f.stored(armLayer.digest));
        QVERIFY(!f.stored(shared.digest) && !f.stored(armConfig.digest));
    }

    void referrersGoOnlyWhenAsked()
    {
        GcFixture f;
        const QString repo = QStringLiteral("signed");
        const Blob subject =
            f.pushImage(repo, blob("{\"s\":1}"), {blob("subject layer")}, QStringLiteral("v1"));
        const Blob sigLayer = blob("signature");
        const Blob sig = f.pushImage(repo, blob("{\"sig\":1}"), {sigLayer}, QString(), subject);
        f.clock().advance(2 * 3600);
        // A referrer of a kept subject stays, even with deleteReferrers.
        QVERIFY(runGc(f.gc(), untagged(true)).manifests.isEmpty());
        QVERIFY(f.service().deleteTag(repo, QStringLiteral("v1")).ok());
        GcResult r = runGc(f.gc(), untagged(false));
        QCOMPARE(manifestsOf(r), QStringList{repo + u'@' + subject.digest.toString()});
        QVERIFY(f.stored(sig.digest) && f.stored(sigLayer.digest));
        r = runGc(f.gc(), untagged(true));
        QCOMPARE(manifestsOf(r), QStringList{repo + u'@' + sig.digest.toString()});
        QVERIFY(!f.stored(sig.digest) && !f.stored(sigLayer.digest));
    }

    void deleteManifestWithReferrers()
    {
        GcFixture f;
        const QString repo = QStringLiteral("signed");
        const Blob subject = f.pushImage(repo, blob("{\"s\":2}"), {blob("l2")}, QStringLiteral("v1"));
        const Blob sig = f.pushImage(repo, blob("{\"sig\":2}"), {blob("s2")}, QString(), subject);
        const Blob other = f.pushImage(repo, blob("{\"o\":2}"), {blob("o2")}, QStringLiteral("o"));
        const Blob sigOfOther = f.pushImage(repo, blob("{\"sig\":3}"), {blob("s3")}, QString(), other);
        QVERIFY(f.service().deleteManifest(repo, other.digest).ok());
        QVERIFY(f.service().getManifest(repo, Reference::fromDigest(sigOfOther.digest), false).ok());
        QVERIFY(f.service().deleteManifest(repo, subject.digest, true).ok());
        QVERIFY(!f.service().getManifest(repo, Reference::fromDigest(sig.digest), false).ok());
    }

    void dryRunListsWhatTheRunDeletes()
    {
        GcFixture f;
        const Blob shared = blob(QByteArray(3000, 'q'));
        f.pushImage(QStringLiteral("x"), blob("{\"x\":1}"), {shared}, QStringLiteral("keep"));
        f.pushImage(QStringLiteral("x"), blob("{\"x\":2}"), {shared, blob(QByteArray(700, 'u'))}, QString());
        const Blob gone = f.pushImage(QStringLiteral("y"), blob("{\"y\":1}"), {blob(QByteArray(900, 'y'))},
                                      QStringLiteral("t"));
        QVERIFY(f.pushBlob(QStringLiteral("y"), blob(QByteArray(1234, 'o')))); // orphan upload
        QVERIFY(f.service().deleteTag(QStringLiteral("y"), QStringLiteral("t")).ok());
        f.clock().advance(2 * 3600);

        GcOptions dryDefault;
        dryDefault.dryRun = true;
        const GcResult plain = runGc(f.gc(), dryDefault);
        auto reclaimable = f.gc().reclaimableNow();
        QVERIFY(reclaimable.ok());
        QCOMPARE(reclaimable->bytes, plain.bytes);
        QCOMPARE(reclaimable->blobs, plain.blobs.size());
        QCOMPARE(plain.blobs.size(), 1); // the orphan

        const GcResult dry = runGc(f.gc(), untagged(false, true));
        QCOMPARE(dry.manifests.size(), 2);
        qint64 sum = 0;
        for (const GcBlob& b : dry.blobs) {
            QCOMPARE(b.size, f.storedSize(b.digest));
            sum += b.size;
        }
        QCOMPARE(dry.bytes, sum);
        QVERIFY(f.stored(gone.digest)); // a dry run changes nothing
        QVERIFY(!f.gc().lastRun());

        const GcResult real = runGc(f.gc(), untagged());
        QCOMPARE(manifestsOf(real), manifestsOf(dry));
        QCOMPARE(digestsOf(real.blobs), digestsOf(dry.blobs));
        QCOMPARE(real.bytes, dry.bytes);
        for (const GcBlob& b : real.blobs)
            QVERIFY(!f.stored(b.digest));
        QVERIFY(f.stored(shared.digest));
        QCOMPARE(f.gc().reclaimableNow()->bytes, 0);
    }
};

QTEST_GUILESS_MAIN(TestGarbageCollector)
#include "tst_garbagecollector.moc"
