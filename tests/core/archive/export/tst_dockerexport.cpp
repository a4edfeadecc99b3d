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

class TestDockerExport : public QObject
{
    Q_OBJECT

private:
    ExportFixture f;

private slots:
    void initTestCase() { f.setUp(); }

    void dockerArchiveOfOneImage()
    {
        ImageExporter exporter(f.registry());
        NullJobContext context;
        const QString path = f.out(QStringLiteral("single-docker.tar"));
        VERIFY_OK(exporter.exportImages({ExportItem{QStringLiteral("team/single"), QStringLiteral("v1"), {}}},
                                        ExportFormat::DockerArchive, path, context));
        const TarListing tar = TarListing::read(path);
        ExportFixture::verifyArchive(tar);
        const QJsonArray manifest =
            QJsonDocument::fromJson(tar.entries.value(QStringLiteral("manifest.json")).bytes).array();
        QCOMPARE(manifest.size(), 1);
        const QJsonObject entry = manifest.at(0).toObject();
        QCOMPARE(entry.value(QStringLiteral("Config")).toString(),
                 QStringLiteral("blobs/sha256/") + SingleConfig);
        QCOMPARE(entry.value(QStringLiteral("RepoTags")).toArray(),
                 QJsonArray{QStringLiteral("team/single:v1")});
        const QJsonArray layers = entry.value(QStringLiteral("Layers")).toArray();
        QVERIFY(!layers.isEmpty());
        for (const QJsonValue& layer : layers)
            QVERIFY2(tar.entries.contains(layer.toString()), qPrintable(layer.toString()));
        QVERIFY(tar.entries.contains(QStringLiteral("blobs/sha256/") +
                                     SingleManifest)); // the OCI layout alongside

        // skopeo reads back the very config, and converts the archive exactly as it converts the one it
        // wrote itself for the same image (it rewrites configs and layers on the way to an OCI layout).
        QByteArray config;
        QVERIFY(f.skopeo({QStringLiteral("inspect"), QStringLiteral("--config"), QStringLiteral("--raw"),
                          QStringLiteral("docker-archive:%1").arg(path)},
                         &config));
        QCOMPARE(Digest::compute(config).hex(), SingleConfig);
        QByteArray raw;
        QVERIFY(f.skopeo({QStringLiteral("inspect"), QStringLiteral("--raw"),
                          QStringLiteral("docker-archive:%1").arg(path)},
                         &raw));
        QCOMPARE(ExportFixture::jsonObject(raw).value(QStringLiteral("layers")).toArray().size(),
                 layers.size());
        const QString ours = f.out(QStringLiteral("single-docker-copy"));
        const QString theirs = f.out(QStringLiteral("single-skopeo-copy"));
        QVERIFY(f.skopeo({QStringLiteral("copy"), QStringLiteral("docker-archive:%1").arg(path),
                          QStringLiteral("oci:%1:x").arg(ours)}));
        QVERIFY(
            f.skopeo({QStringLiteral("copy"),
                      QStringLiteral("docker-archive:%1/docker-archive.tar").arg(ExportFixture::fixtures()),
                      QStringLiteral("oci:%1:x").arg(theirs)}));
        QByteArray ourManifest, theirManifest;
        QVERIFY(f.skopeo(
            {QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("oci:%1:x").arg(ours)},
            &ourManifest));
        QVERIFY(f.skopeo(
            {QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("oci:%1:x").arg(theirs)},
            &theirManifest));
        QCOMPARE(ourManifest, theirManifest);
    }

    void dockerArchivePicksThePlatform()
    {
        ImageExporter exporter(f.registry());
        NullJobContext context;
        const ExportItem multi{QStringLiteral("team/multi"), QStringLiteral("v1"), {}};
        const QString amd = f.out(QStringLiteral("multi-amd64-docker.tar"));
        VERIFY_OK(exporter.exportImages({multi}, ExportFormat::DockerArchive, amd, context));
        TarListing tar = TarListing::read(amd);
        ExportFixture::verifyArchive(tar);
        QVERIFY(tar.blobHexes().contains(MultiAmd64));
        QVERIFY(!tar.blobHexes().contains(MultiArm64));
        QVERIFY(!tar.blobHexes().contains(MultiIndex));
        const QJsonArray index =
            ExportFixture::jsonObject(tar.entries.value(QStringLiteral("index.json")).bytes)
                .value(QStringLiteral("manifests"))
                .toArray();
        QCOMPARE(index.size(), 1);
        QCOMPARE(index.at(0).toObject().value(QStringLiteral("digest")).toString(),
                 QStringLiteral("sha256:") + MultiAmd64);
        const QJsonObject amdManifest =
            ExportFixture::jsonObject(tar.entries.value(QStringLiteral("blobs/sha256/") + MultiAmd64).bytes);
        QByteArray config;
        QVERIFY(f.skopeo({QStringLiteral("inspect"), QStringLiteral("--config"), QStringLiteral("--raw"),
                          QStringLiteral("docker-archive:%1").arg(amd)},
                         &config));
        QCOMPARE(Digest::compute(config).toString(), amdManifest.value(QStringLiteral("config"))
                                                         .toObject()
                                                         .value(QStringLiteral("digest"))
                                                         .toString());
        QVERIFY(f.skopeo({QStringLiteral("copy"), QStringLiteral("docker-archive:%1").arg(amd),
                          QStringLiteral("oci:%1:x").arg(f.out(QStringLiteral("multi-amd64-copy")))}));

        const QString arm = f.out(QStringLiteral("multi-arm64-docker.tar"));
        VERIFY_OK(exporter.exportImages({multi}, ExportFormat::DockerArchive, arm, context,
                                        QStringLiteral("linux/arm64")));
        tar = TarListing::read(arm);
        ExportFixture::verifyArchive(tar);
        QVERIFY(tar.blobHexes().contains(MultiArm64));
        QVERIFY(!tar.blobHexes().contains(MultiAmd64));
        const QJsonObject armManifest =
            ExportFixture::jsonObject(tar.entries.value(QStringLiteral("blobs/sha256/") + MultiArm64).bytes);
        QVERIFY(f.skopeo({QStringLiteral("inspect"), QStringLiteral("--config"), QStringLiteral("--raw"),
                          QStringLiteral("docker-archive:%1").arg(arm)},
                         &config));
        QCOMPARE(Digest::compute(config).toString(), armManifest.value(QStringLiteral("config"))
                                                         .toObject()
                                                         .value(QStringLiteral("digest"))
                                                         .toString());

        const QString absent = f.out(QStringLiteral("multi-s390x.tar"));
        auto refused = exporter.exportImages({multi}, ExportFormat::DockerArchive, absent, context,
                                             QStringLiteral("linux/s390x"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Unsupported);
        QVERIFY2(refused.error().message.contains(QStringLiteral("linux/amd64")),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QStringLiteral("linux/arm64")),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QStringLiteral("linux/s390x")),
                 qPrintable(refused.error().message));
        ExportFixture::verifyNoFile(absent);

        auto malformed = exporter.exportImages({multi}, ExportFormat::DockerArchive, absent, context,
                                               QStringLiteral("amd64"));
        QVERIFY(!malformed.ok());
        QCOMPARE(malformed.error().code, ErrorCode::Unsupported);
        ExportFixture::verifyNoFile(absent);
    }

    void wholeRepository()
    {
        ImageExporter exporter(f.registry());
        NullJobContext context;
        const QString oci = f.out(QStringLiteral("app.tar"));
        auto report =
            exporter.exportRepository(QStringLiteral("team/app"), ExportFormat::OciArchive, oci, context);
        VERIFY_OK(report);
        QCOMPARE(report->images, 3);
        TarListing tar = TarListing::read(oci);
        ExportFixture::verifyArchive(tar);
        QStringList refs;
        for (const QJsonValue& v :
             ExportFixture::jsonObject(tar.entries.value(QStringLiteral("index.json")).bytes)
                 .value(QStringLiteral("manifests"))
                 .toArray())
            refs.append(v.toObject()
                            .value(QStringLiteral("annotations"))
                            .toObject()
                            .value(QStringLiteral("org.opencontainers.image.ref.name"))
                            .toString());
        QCOMPARE(refs, (QStringList{QStringLiteral("multi"), QStringLiteral("v1"), QStringLiteral("v2")}));
        QStringList expected =
            ExportFixture::layoutBlobs(ExportFixture::fixtures() + QStringLiteral("/oci-single")) +
            ExportFixture::layoutBlobs(ExportFixture::fixtures() + QStringLiteral("/oci-multi"));
        expected.removeDuplicates(); // blobs both images share are written once
        expected.sort();
        QStringList hexes = tar.blobHexes();
        hexes.sort();
        QCOMPARE(hexes, expected);
        QCOMPARE(report->blobs, expected.size());
        QByteArray raw;
        QVERIFY(f.skopeo({QStringLiteral("inspect"), QStringLiteral("--raw"),
                          QStringLiteral("oci-archive:%1:v2").arg(oci)},
                         &raw));
        QCOMPARE(Digest::compute(raw).hex(), SingleManifest);

        const QString docker = f.out(QStringLiteral("app-docker.tar"));
        VERIFY_OK(exporter.exportRepository(QStringLiteral("team/app"), ExportFormat::DockerArchive, docker,
                                            context));
        tar = TarListing::read(docker);
        ExportFixture::verifyArchive(tar);
        const QJsonArray manifest =
            QJsonDocument::fromJson(tar.entries.value(QStringLiteral("manifest.json")).bytes).array();
        QCOMPARE(manifest.size(), 2); // v1 and v2 are one image
        QCOMPARE(manifest.at(0).toObject().value(QStringLiteral("RepoTags")).toArray(),
                 QJsonArray{QStringLiteral("team/app:multi")});
        QCOMPARE(manifest.at(1).toObject().value(QStringLiteral("RepoTags")).toArray(),
                 (QJsonArray{QStringLiteral("team/app:v1"), QStringLiteral("team/app:v2")}));
        QVERIFY(f.skopeo({QStringLiteral("inspect"), QStringLiteral("--config"), QStringLiteral("--raw"),
                          QStringLiteral("docker-archive:%1:team/app:v2").arg(docker)},
                         &raw));
        QCOMPARE(Digest::compute(raw).hex(), SingleConfig);
        QVERIFY(
            f.skopeo({QStringLiteral("copy"), QStringLiteral("docker-archive:%1:team/app:multi").arg(docker),
                      QStringLiteral("oci:%1:x").arg(f.out(QStringLiteral("app-multi")))}));

        auto empty = exporter.exportRepository(QStringLiteral("team/none"), ExportFormat::OciArchive,
                                               f.out(QStringLiteral("none.tar")), context);
        QVERIFY(!empty.ok());
        ExportFixture::verifyNoFile(f.out(QStringLiteral("none.tar")));
    }
};

QTEST_GUILESS_MAIN(TestDockerExport)
#include "tst_dockerexport.moc"
