#include "ImportTestSupport.h"
#include "ImporterFixture.h"
#include "archive/ImageImporter.h"
#include "oci/MediaTypes.h"
#include "registry/RegistryService.h"
#include "support/core/FixtureDigests.h"
#include "support/core/VerifyOk.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace berth;
using namespace berth::fixtures;
using namespace ImportTestSupport;

namespace {

const QString DockerSaveOciManifest =
    QStringLiteral("sha256:76901f279e7d0901ebd71985fbd1625cf0eba8529c5faf5d7003d1542fcf8b02");
const QString DockerLayer1 =
    QStringLiteral("sha256:6ef4a6a46852ad30eb4c5fa08213752470ccf5b1640d3b910d2eec51f2c2bb31");
const QString DockerLayer2 =
    QStringLiteral("sha256:3362ad8a662f3b4b168250877743f14f8a17cd372619b69796f8f24fb7b557d5");

Digest digest(const QString& text)
{
    return *Digest::parse(text);
}

} // namespace

/// ImageImporter on each archive format it reads: what ends up in the registry.
class TestImageImporter : public QObject, public ImporterFixture
{
    Q_OBJECT

private slots:
    void init() { openRegistry(); }
    void cleanup() { closeRegistry(); }

    void detectsEachFormat()
    {
        FIXTURE(docker, "docker-archive.tar");
        FIXTURE(dockerOci, "docker-save-oci.tar");
        FIXTURE(oci, "oci-archive.tar");
        FIXTURE(folder, "oci-single");
        FIXTURE(chart, "feas-chart-0.1.0.tgz");
        QCOMPARE(ImageImporter::detect(docker).value(), ArchiveFormat::DockerArchive);
        QCOMPARE(ImageImporter::detect(dockerOci).value(), ArchiveFormat::DockerArchive);
        QCOMPARE(ImageImporter::detect(oci).value(), ArchiveFormat::OciArchive);
        QCOMPARE(ImageImporter::detect(folder).value(), ArchiveFormat::OciLayoutFolder);
        QCOMPARE(ImageImporter::detect(chart).value(), ArchiveFormat::HelmChart);
        auto notFolder = ImageImporter::detect(m_dir->path());
        QVERIFY(!notFolder.ok());
        QCOMPARE(notFolder.error().code, ErrorCode::ArchiveInvalid);
        QVERIFY(!ImageImporter::formatName(ArchiveFormat::HelmChart).isEmpty());
    }

    void importsClassicDockerArchive()
    {
        FIXTURE(archive, "docker-archive.tar");
        RecordingContext context;
        auto report = ImageImporter(*m_registry).importPath(archive, ImportTarget(), context);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QCOMPARE(report->format, ArchiveFormat::DockerArchive);
        QCOMPARE(report->createdRepositories, QStringList{QStringLiteral("feas/single")});
        QCOMPARE(report->images.size(), 1);
        QCOMPARE(report->images[0].repository, QStringLiteral("feas/single"));
        QCOMPARE(report->images[0].tag, QStringLiteral("v1"));
        QCOMPARE(report->blobsWritten, 3);
        QCOMPARE(report->bytesWritten, qint64(10240 + 10240 + 628));
        QCOMPARE(context.lastTotal, QFileInfo(archive).size());
        QCOMPARE(context.lastDone, QFileInfo(archive).size());
        QVERIFY(!context.statuses.isEmpty());

        const Manifest m = manifestOf(QStringLiteral("feas/single"), QStringLiteral("v1"));
        QCOMPARE(m.mediaType, MediaTypes::OciImageManifest);
        QVERIFY(m.config);
        QCOMPARE(m.config->mediaType, MediaTypes::OciImageConfig);
        QCOMPARE(m.config->digest.toString(), SingleConfig);
        QCOMPARE(m.layers.size(), 2);
        QCOMPARE(m.layers[0].digest.toString(), DockerLayer1);
        QCOMPARE(m.layers[1].digest.toString(), DockerLayer2);
        QCOMPARE(m.layers[0].mediaType, MediaTypes::OciLayerTar);
        QCOMPARE(blobSize(QStringLiteral("feas/single"), DockerLayer1), qint64(10240));
        QCOMPARE(blobSize(QStringLiteral("feas/single"), SingleConfig), qint64(628));
        QCOMPARE(m_registry->repositoryCompartment(QStringLiteral("feas/single")).value(), CompartmentPath());
    }

    void importsDockerSaveOciLayout()
    {
        FIXTURE(archive, "docker-save-oci.tar");
        auto report = import(archive);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QCOMPARE(report->format, ArchiveFormat::DockerArchive);
        auto content =
            m_registry->getManifest(QStringLiteral("feas/single"), *Reference::parse(u"v1"), false);
        VERIFY_OK(content);
        QCOMPARE(content->digest.toString(), DockerSaveOciManifest);
        const Manifest m = manifestOf(QStringLiteral("feas/single"), DockerSaveOciManifest);
        for (const Descriptor& blob : m.referencedBlobs())
            QCOMPARE(blobSize(QStringLiteral("feas/single"), blob.digest.toString()), blob.size);
    }

    void importsOciArchive()
    {
        FIXTURE(archive, "oci-archive.tar");
        auto report = import(archive);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QCOMPARE(report->format, ArchiveFormat::OciArchive);
        QCOMPARE(report->images.size(), 1);
        QCOMPARE(report->images[0].digest.toString(), SingleImage);
        QCOMPARE(report->images[0].repository, QStringLiteral("feas/single"));
        auto tags = m_registry->listTags(QStringLiteral("feas/single"), -1, QString());
        VERIFY_OK(tags);
        QCOMPARE(tags->names, QStringList{QStringLiteral("v1")});
        const Manifest m = manifestOf(QStringLiteral("feas/single"), QStringLiteral("v1"));
        QCOMPARE(m.layers.size(), 2);
        for (const Descriptor& blob : m.referencedBlobs())
            QCOMPARE(blobSize(QStringLiteral("feas/single"), blob.digest.toString()), blob.size);
    }

    void importsOciFolders()
    {
        FIXTURE(single, "oci-single");
        FIXTURE(multi, "oci-multi");
        FIXTURE(referrer, "oci-referrer");
        auto one = import(single);
        QVERIFY2(one.ok(), qPrintable(one.error().message));
        QCOMPARE(one->format, ArchiveFormat::OciLayoutFolder);
        QCOMPARE(one->images[0].repository, QStringLiteral("oci-single")); // from the folder's name
        QCOMPARE(one->images[0].digest.toString(), SingleImage);

        auto many = import(multi, QStringLiteral("multi"));
        QVERIFY2(many.ok(), qPrintable(many.error().message));
        auto index = m_registry->getManifest(QStringLiteral("multi"), *Reference::parse(u"v1"), false);
        VERIFY_OK(index);
        QCOMPARE(index->digest.toString(), MultiIndex);
        for (const QString& child : {MultiAmd64, MultiArm64}) {
            const Manifest m = manifestOf(QStringLiteral("multi"), child);
            QVERIFY2(m.config.has_value(), qPrintable(child));
            for (const Descriptor& blob : m.referencedBlobs())
                QCOMPARE(blobSize(QStringLiteral("multi"), blob.digest.toString()), blob.size);
        }

        auto refs = import(referrer, QStringLiteral("withsbom"));
        QVERIFY2(refs.ok(), qPrintable(refs.error().message));
        auto tags = m_registry->listTags(QStringLiteral("withsbom"), -1, QString());
        QCOMPARE(tags->names, (QStringList{QStringLiteral("sbom"), QStringLiteral("v1")}));
        auto listed = m_registry->referrers(QStringLiteral("withsbom"), digest(SingleImage), QString());
        VERIFY_OK(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().digest.toString(), ReferrerArtifact);
    }

    void importsHelmChart()
    {
        FIXTURE(chart, "feas-chart-0.1.0.tgz");
        auto report = import(chart);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QCOMPARE(report->format, ArchiveFormat::HelmChart);
        QCOMPARE(report->images.size(), 1);
        QCOMPARE(report->images[0].repository, QStringLiteral("feas-chart"));
        QCOMPARE(report->images[0].tag, QStringLiteral("0.1.0"));
        auto content =
            m_registry->getManifest(QStringLiteral("feas-chart"), *Reference::parse(u"0.1.0"), false);
        VERIFY_OK(content);
        const QJsonObject manifestJson = QJsonDocument::fromJson(content->bytes).object();
        QVERIFY(!manifestJson.contains(QStringLiteral("artifactType")));
        QCOMPARE(manifestJson.value(QStringLiteral("annotations"))
                     .toObject()
                     .value(QStringLiteral("org.opencontainers.image.title")),
                 QJsonValue(QStringLiteral("feas-chart")));
        const Manifest m = manifestOf(QStringLiteral("feas-chart"), QStringLiteral("0.1.0"));
        QCOMPARE(m.config->mediaType, MediaTypes::HelmConfig);
        QCOMPARE(m.layers.size(), 1);
        QCOMPARE(m.layers[0].mediaType, MediaTypes::HelmChartContent);
        QCOMPARE(m.layers[0].digest.toString(), ChartLayer);
        // Same fields in the same order as helm writes them: the same digest as helm's push.
        QCOMPARE(m.config->digest.toString(), ChartConfig);

        auto layer = m_registry->openBlob(QStringLiteral("feas-chart"), m.layers[0].digest);
        VERIFY_OK(layer);
        QCOMPARE(layer.value()->readAll(), readFile(chart));
        auto config = m_registry->openBlob(QStringLiteral("feas-chart"), m.config->digest);
        VERIFY_OK(config);
        const QJsonObject fields = QJsonDocument::fromJson(config.value()->readAll()).object();
        QCOMPARE(fields.value(QStringLiteral("name")).toString(), QStringLiteral("feas-chart"));
        QCOMPARE(fields.value(QStringLiteral("version")).toString(), QStringLiteral("0.1.0"));
        QCOMPARE(fields.value(QStringLiteral("appVersion")).toString(), QStringLiteral("1.0.0"));
        QCOMPARE(fields.value(QStringLiteral("apiVersion")).toString(), QStringLiteral("v2"));
        QCOMPARE(fields.value(QStringLiteral("type")).toString(), QStringLiteral("application"));
        QCOMPARE(fields.value(QStringLiteral("description")).toString(),
                 QStringLiteral("Test chart for registry artifact handling"));
    }

    void importsGzippedArchive()
    {
        FIXTURE(archive, "docker-archive.tar");
        const QString gz = m_dir->filePath(QStringLiteral("docker-archive.tar.gz"));
        QVERIFY(gzipFile(archive, gz));
        QCOMPARE(ImageImporter::detect(gz).value(), ArchiveFormat::DockerArchive);
        auto report = import(gz, QStringLiteral("zipped"));
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        auto plain = import(archive, QStringLiteral("plain"));
        QVERIFY2(plain.ok(), qPrintable(plain.error().message));
        QCOMPARE(report->images[0].digest, plain->images[0].digest);
        QCOMPARE(plain->blobsWritten, 0); // the gzipped import stored the same layers
        QCOMPARE(blobSize(QStringLiteral("zipped"), DockerLayer2), qint64(10240));
    }

    void secondImportReusesBlobs()
    {
        FIXTURE(archive, "oci-archive.tar");
        FIXTURE(folder, "oci-multi");
        for (const QString& path : {archive, folder}) {
            auto first = import(path, QStringLiteral("again"));
            QVERIFY2(first.ok(), qPrintable(first.error().message));
            const QStringList before = snapshot(*m_registry);
            auto second = import(path, QStringLiteral("again"));
            QVERIFY2(second.ok(), qPrintable(second.error().message));
            QCOMPARE(second->blobsWritten, 0);
            QVERIFY(second->blobsReused > 0);
            QVERIFY(second->createdRepositories.isEmpty());
            QCOMPARE(snapshot(*m_registry), before);
        }
        // Into another repository: linked from the first, still not written again.
        auto elsewhere = import(archive, QStringLiteral("elsewhere"));
        QVERIFY2(elsewhere.ok(), qPrintable(elsewhere.error().message));
        QCOMPARE(elsewhere->blobsWritten, 0);
        QCOMPARE(blobSize(QStringLiteral("elsewhere"), SingleConfig), qint64(628));
    }

    void targetRepositoryOverridesNames()
    {
        FIXTURE(archive, "docker-archive.tar");
        auto report = import(archive, QStringLiteral("team/app"));
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QVERIFY(!m_registry->repositoryExists(QStringLiteral("feas/single")));
        QCOMPARE(manifestOf(QStringLiteral("team/app"), QStringLiteral("v1")).layers.size(), 2);

        auto bad = import(archive, QStringLiteral("Not Valid"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::NameInvalid);
    }
};

QTEST_GUILESS_MAIN(TestImageImporter)
#include "tst_imageimporter.moc"
