#include "ExportFixture.h"
#include "TarListing.h"
#include "archive/ImageExporter.h"
#include "jobs/JobContext.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace berth;
using namespace berth::exporttest;

class TestOciExport : public QObject
{
    Q_OBJECT

private:
    ExportFixture f;

private slots:
    void initTestCase() { f.setUp(); }

    void ociArchiveOfOneImage()
    {
        ImageExporter exporter(f.registry());
        RecordingContext context;
        const QString path = f.out(QStringLiteral("single.tar"));
        auto report =
            exporter.exportImages({ExportItem{QStringLiteral("team/single"), QStringLiteral("v1"), {}}},
                                  ExportFormat::OciArchive, path, context);
        VERIFY_OK(report);
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
        QCOMPARE(report->images, 1);
        QCOMPARE(report->blobs, 4);

        const TarListing tar = TarListing::read(path);
        ExportFixture::verifyArchive(tar);
        QStringList hexes = tar.blobHexes();
        hexes.sort();
        QCOMPARE(hexes,
                 ExportFixture::layoutBlobs(ExportFixture::fixtures() + QStringLiteral("/oci-single")));
        const QJsonArray manifests =
            ExportFixture::jsonObject(tar.entries.value(QStringLiteral("index.json")).bytes)
                .value(QStringLiteral("manifests"))
                .toArray();
        QCOMPARE(manifests.size(), 1);
        const QJsonObject d = manifests.at(0).toObject();
        QCOMPARE(d.value(QStringLiteral("digest")).toString(), QStringLiteral("sha256:") + SingleManifest);
        QCOMPARE(d.value(QStringLiteral("size")).toInt(), 629);
        QCOMPARE(d.value(QStringLiteral("mediaType")).toString(),
                 QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        const QJsonObject annotations = d.value(QStringLiteral("annotations")).toObject();
        QCOMPARE(annotations.value(QStringLiteral("org.opencontainers.image.ref.name")).toString(),
                 QStringLiteral("v1"));
        QCOMPARE(annotations.value(QStringLiteral("io.containerd.image.name")).toString(),
                 QStringLiteral("team/single:v1"));

        // Progress: bytes against the total planned, ending complete; bytes in the report agree.
        QVERIFY(!context.progress.isEmpty());
        QCOMPARE(context.progress.last().first, context.progress.last().second);
        QCOMPARE(context.progress.last().first, report->bytes);
        for (int i = 1; i < context.progress.size(); ++i)
            QVERIFY(context.progress[i].first >= context.progress[i - 1].first);
        QVERIFY(!context.statuses.isEmpty());

        QByteArray raw;
        QVERIFY(f.skopeo({QStringLiteral("inspect"), QStringLiteral("--raw"),
                          QStringLiteral("oci-archive:%1:v1").arg(path)},
                         &raw));
        QCOMPARE(Digest::compute(raw).hex(), SingleManifest);
        const QString copy = f.out(QStringLiteral("single-copy"));
        QVERIFY(f.skopeo({QStringLiteral("copy"), QStringLiteral("oci-archive:%1:v1").arg(path),
                          QStringLiteral("oci:%1:x").arg(copy)}));
        QVERIFY(QFile::exists(copy + QStringLiteral("/blobs/sha256/") + SingleManifest));
    }

    void ociArchiveKeepsTheWholeIndex()
    {
        ImageExporter exporter(f.registry());
        NullJobContext context;
        const QString path = f.out(QStringLiteral("multi.tar"));
        auto report =
            exporter.exportImages({ExportItem{QStringLiteral("team/multi"), QStringLiteral("v1"), {}}},
                                  ExportFormat::OciArchive, path, context, QStringLiteral("linux/s390x"));
        VERIFY_OK(report); // the platform matters only for Docker archives
        const TarListing tar = TarListing::read(path);
        ExportFixture::verifyArchive(tar);
        QStringList hexes = tar.blobHexes();
        hexes.sort();
        QCOMPARE(hexes, ExportFixture::layoutBlobs(ExportFixture::fixtures() + QStringLiteral("/oci-multi")));
        QVERIFY(hexes.contains(MultiAmd64) && hexes.contains(MultiArm64) && hexes.contains(MultiIndex));
        QByteArray raw;
        QVERIFY(f.skopeo({QStringLiteral("inspect"), QStringLiteral("--raw"),
                          QStringLiteral("oci-archive:%1:v1").arg(path)},
                         &raw));
        QCOMPARE(Digest::compute(raw).hex(), MultiIndex);
        QVERIFY(f.skopeo({QStringLiteral("--override-arch"), QStringLiteral("arm64"), QStringLiteral("copy"),
                          QStringLiteral("oci-archive:%1:v1").arg(path),
                          QStringLiteral("oci:%1:x").arg(f.out(QStringLiteral("multi-arm64")))}));
        QVERIFY(QFile::exists(f.out(QStringLiteral("multi-arm64/blobs/sha256/")) + MultiArm64));
    }

    void helmChartsGoOnlyIntoOciArchives()
    {
        ImageExporter exporter(f.registry());
        NullJobContext context;
        const ExportItem chart{QStringLiteral("charts/feas"), QStringLiteral("0.1.0"), {}};
        const QString docker = f.out(QStringLiteral("chart-docker.tar"));
        auto refused = exporter.exportImages({chart}, ExportFormat::DockerArchive, docker, context);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Unsupported);
        QVERIFY2(refused.error().message.contains(QStringLiteral("Helm chart")),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QStringLiteral("OCI archive")),
                 qPrintable(refused.error().message));
        ExportFixture::verifyNoFile(docker);

        const QString oci = f.out(QStringLiteral("chart.tar"));
        VERIFY_OK(exporter.exportImages({chart}, ExportFormat::OciArchive, oci, context));
        const TarListing tar = TarListing::read(oci);
        ExportFixture::verifyArchive(tar);
        QStringList hexes = tar.blobHexes();
        hexes.sort();
        QCOMPARE(hexes,
                 ExportFixture::layoutBlobs(ExportFixture::fixtures() + QStringLiteral("/helm-chart")));
    }

    void gzipNamesGetGzipAndTheSameBytesEachTime()
    {
        ImageExporter exporter(f.registry());
        NullJobContext context;
        const QList<ExportItem> items{ExportItem{QStringLiteral("team/single"), QStringLiteral("v1"), {}}};
        for (const QString& name : {QStringLiteral("single.tar.gz"), QStringLiteral("single.TGZ")}) {
            const QString path = f.out(name);
            VERIFY_OK(exporter.exportImages(items, ExportFormat::OciArchive, path, context));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray header = file.read(8);
            QCOMPARE(header.left(2), QByteArray("\x1f\x8b"));
            QCOMPARE(header.mid(4, 4), QByteArray(4, '\0')); // no modification time in the gzip header
            ExportFixture::verifyArchive(TarListing::read(path));
            QByteArray raw;
            QVERIFY(f.skopeo({QStringLiteral("inspect"), QStringLiteral("--raw"),
                              QStringLiteral("oci-archive:%1:v1").arg(path)},
                             &raw));
            QCOMPARE(Digest::compute(raw).hex(), SingleManifest);
        }
        // Deterministic: exporting again (over the old file) gives the same bytes, compressed or not.
        for (const QString& name : {QStringLiteral("single.tar.gz"), QStringLiteral("single.tar")}) {
            QFile before(f.out(name));
            QVERIFY(before.open(QIODevice::ReadOnly));
            const QByteArray first = before.readAll();
            before.close();
            VERIFY_OK(exporter.exportImages(items, ExportFormat::OciArchive, f.out(name), context));
            QFile after(f.out(name));
            QVERIFY(after.open(QIODevice::ReadOnly));
            QVERIFY(after.readAll() == first);
        }
        QFile plain(f.out(QStringLiteral("single.tar")));
        QVERIFY(plain.open(QIODevice::ReadOnly));
        QVERIFY(plain.read(2) != QByteArray("\x1f\x8b"));
    }

    void cancelHalfWayLeavesNothing()
    {
        ImageExporter exporter(f.registry());
        for (auto format : {ExportFormat::OciArchive, ExportFormat::DockerArchive}) {
            RecordingContext context;
            context.cancelAfter = 2 * 1024 * 1024;
            const QString path = f.out(QStringLiteral("big.tar"));
            auto result = exporter.exportImages(
                {ExportItem{QStringLiteral("team/big"), QStringLiteral("v1"), {}}}, format, path, context);
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, ErrorCode::Cancelled);
            QVERIFY(context.cancelled.load());
            // It stopped within a chunk of the request, well before the 5 MiB layer was written.
            QVERIFY(context.progress.last().first < context.cancelAfter + 1024 * 1024 + 1);
            QVERIFY(context.progress.last().second > 5 * 1024 * 1024);
            ExportFixture::verifyNoFile(path);
        }
        // Uncancelled, the same image exports whole.
        NullJobContext context;
        auto report =
            exporter.exportImages({ExportItem{QStringLiteral("team/big"), QStringLiteral("v1"), {}}},
                                  ExportFormat::OciArchive, f.out(QStringLiteral("big.tar")), context);
        VERIFY_OK(report);
        QVERIFY(report->bytes > 5 * 1024 * 1024);
        ExportFixture::verifyArchive(TarListing::read(f.out(QStringLiteral("big.tar"))));
    }

    void unknownImagesFailWithoutAFile()
    {
        ImageExporter exporter(f.registry());
        NullJobContext context;
        const QString path = f.out(QStringLiteral("unknown.tar"));
        auto tag =
            exporter.exportImages({ExportItem{QStringLiteral("team/single"), QStringLiteral("nope"), {}}},
                                  ExportFormat::OciArchive, path, context);
        QVERIFY(!tag.ok());
        QCOMPARE(tag.error().code, ErrorCode::ManifestUnknown);
        ExportFixture::verifyNoFile(path);
        // One bad item among good ones spoils the whole export.
        auto mixed =
            exporter.exportImages({ExportItem{QStringLiteral("team/single"), QStringLiteral("v1"), {}},
                                   ExportItem{QStringLiteral("team/single"), QStringLiteral("nope"), {}}},
                                  ExportFormat::DockerArchive, path, context);
        QCOMPARE(mixed.error().code, ErrorCode::ManifestUnknown);
        ExportFixture::verifyNoFile(path);
        auto repo = exporter.exportImages({ExportItem{QStringLiteral("team/none"), QStringLiteral("v1"), {}}},
                                          ExportFormat::OciArchive, path, context);
        QVERIFY(!repo.ok());
        ExportFixture::verifyNoFile(path);
        auto none = exporter.exportImages({}, ExportFormat::OciArchive, path, context);
        QVERIFY(!none.ok());
        ExportFixture::verifyNoFile(path);
        auto digest =
            exporter.exportImages({ExportItem{QStringLiteral("team/single"), QString(),
                                              *Digest::parse(QStringLiteral("sha256:") + SingleManifest)}},
                                  ExportFormat::OciArchive, path, context);
        VERIFY_OK(digest);
        const TarListing tar = TarListing::read(path);
        ExportFixture::verifyArchive(tar);
        const QJsonObject entry =
            ExportFixture::jsonObject(tar.entries.value(QStringLiteral("index.json")).bytes)
                .value(QStringLiteral("manifests"))
                .toArray()
                .at(0)
                .toObject();
        QVERIFY(!entry.contains(QStringLiteral("annotations"))); // no tag to name
    }
};

QTEST_GUILESS_MAIN(TestOciExport)
#include "tst_ociexport.moc"
