#include "ImportTestSupport.h"
#include "archive/ImageImporter.h"
#include "oci/ManifestParser.h"
#include "oci/MediaTypes.h"
#include "registry/RegistryService.h"
#include "support/core/FixtureDigests.h"
#include "support/core/VerifyOk.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace berth;
using namespace berth::fixtures;
using namespace ImportTestSupport;

#define FIXTURE(var, name)                                                                                   \
    const QString var = fixture(QStringLiteral(name));                                                       \
    if (var.isEmpty())                                                                                       \
        QFAIL("test fixture " name " is missing: run scripts/prepare-test-tools.sh");

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

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestImageImporter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RegistryService> m_registry;

    Result<ImportReport> import(const QString& path, const QString& repository = QString())
    {
        ImportTarget target;
        target.repository = repository;
        NullJobContext context;
        return ImageImporter(*m_registry).importPath(path, target, context);
    }

    Manifest manifestOf(const QString& repository, const QString& reference)
    {
        auto content = m_registry->getManifest(repository, *Reference::parse(reference), false);
        if (!content) {
            qWarning("%s", qPrintable(content.error().message));
            return Manifest();
        }
        auto parsed = ManifestParser::parse(content->bytes, content->mediaType);
        return parsed ? parsed.value() : Manifest();
    }

    qint64 blobSize(const QString& repository, const QString& digestText)
    {
        auto info = m_registry->statBlob(repository, digest(digestText));
        return info ? info->size : -1;
    }

    /// A registry that already holds docker-archive.tar in repository "existing" (tag v1).
    void prepareExisting()
    {
        const QString archive = fixture(QStringLiteral("docker-archive.tar"));
        auto seeded = import(archive, QStringLiteral("existing"));
        QVERIFY2(seeded.ok(), qPrintable(seeded.error().message));
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        RegistryService::Options options;
        options.dataDirectory = m_dir->filePath(QStringLiteral("data"));
        m_registry = std::make_unique<RegistryService>(options);
        VERIFY_OK(m_registry->open());
    }

    void cleanup()
    {
        m_registry.reset();
        m_dir.reset();
    }

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

    void missingCompartmentLeavesNothing()
    {
        FIXTURE(archive, "oci-archive.tar");
        const QStringList before = snapshot(*m_registry);
        ImportTarget target;
        target.compartment = CompartmentPath(QStringList{QStringLiteral("NoSuchCompartment")});
        NullJobContext context;
        auto report = ImageImporter(*m_registry).importPath(archive, target, context);
        QVERIFY(!report.ok());
        QCOMPARE(snapshot(*m_registry), before);
    }

    void refusesBadArchives_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("expected"); // part of the message
        for (const QString& repository : {QString(), QStringLiteral("existing")}) {
            const char* where = repository.isEmpty() ? "named" : "existing";
            QTest::addRow("random-%s", where) << "random" << repository << "is not an image archive";
            QTest::addRow("text-%s", where) << "text" << repository << "is not an image archive";
            QTest::addRow("truncated-%s", where) << "truncated" << repository << "runcated";
            QTest::addRow("corrupt-blob-%s", where)
                << "corrupt" << repository
                << "sha256:de08bce6b34f3e939882a793080dee48858b685f6636bd2d606a44be80f1a22c";
            QTest::addRow("dotdot-%s", where) << "dotdot" << repository << "../x";
            QTest::addRow("missing-blob-%s", where)
                << "missing" << repository
                << "sha256:de08bce6b34f3e939882a793080dee48858b685f6636bd2d606a44be80f1a22c";
            QTest::addRow("not-an-image-%s", where) << "plain-tar" << repository << "no manifest.json";
        }
    }

    void refusesBadArchives()
    {
        QFETCH(QString, kind);
        QFETCH(QString, repository);
        QFETCH(QString, expected);
        FIXTURE(docker, "docker-archive.tar");
        FIXTURE(oci, "oci-archive.tar");
        FIXTURE(single, "oci-single");
        prepareExisting();

        const QString path = m_dir->filePath(QStringLiteral("input-") + kind + QStringLiteral(".tar"));
        if (kind == QLatin1String("random")) {
            QByteArray bytes;
            for (int i = 0; i < 5000; ++i)
                bytes += char((i * 7919 + 13) % 251);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        } else if (kind == QLatin1String("text")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("This is a plain text file.\nIt is not an image.\n");
        } else if (kind == QLatin1String("truncated")) {
            const QByteArray bytes = readFile(docker);
            QFile f(m_dir->filePath(QStringLiteral("docker-archive.tar")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.left(bytes.size() / 2));
            f.close();
            QVERIFY(QFile::rename(f.fileName(), path));
        } else if (kind == QLatin1String("corrupt")) {
            QByteArray bytes = readFile(oci);
            const int header = bytes.indexOf("blobs/sha256/de08bce6");
            QVERIFY(header >= 0);
            bytes[header + 512 + 100] = char(bytes[header + 512 + 100] ^ 0x55);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        } else if (kind == QLatin1String("dotdot")) {
            QVERIFY(writeTar(
                path, {{QStringLiteral("oci-layout"), QByteArray("{\"imageLayoutVersion\":\"1.0.0\"}")},
                       {QStringLiteral("../x"), QByteArray("escape")}}));
        } else if (kind == QLatin1String("missing")) {
            QList<std::pair<QString, QByteArray>> entries;
            for (const auto& entry : folderEntries(single)) {
                if (!entry.first.contains(QLatin1String("de08bce6")))
                    entries << entry;
            }
            QVERIFY(writeTar(path, entries));
        } else if (kind == QLatin1String("plain-tar")) {
            QVERIFY(writeTar(path, {{QStringLiteral("README"), QByteArray("hello")},
                                    {QStringLiteral("src/main.c"), QByteArray("int main;")}}));
        }

        const QStringList before = snapshot(*m_registry);
        QVERIFY(before.contains(QStringLiteral("repository existing")));
        auto report = import(path, repository);
        QVERIFY2(!report.ok(), "the import should have been refused");
        QCOMPARE(report.error().code, ErrorCode::ArchiveInvalid);
        QVERIFY2(report.error().message.contains(expected), qPrintable(report.error().message));
        QCOMPARE(snapshot(*m_registry), before);
    }

    void cancellationLeavesNothing_data()
    {
        QTest::addColumn<QString>("fixtureName");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<int>("afterReports");
        QTest::addColumn<QString>("onStatus");
        QTest::addRow("oci-first-report") << "oci-archive.tar" << QString() << 1 << QString();
        QTest::addRow("oci-after-a-blob") << "oci-archive.tar" << QString() << 3 << QString();
        QTest::addRow("docker-into-existing") << "docker-archive.tar"
                                              << "existing2" << 3 << QString();
        QTest::addRow("folder-manifest-stage") << "oci-referrer"
                                               << "existing" << 0 << "Storing manifest 2";
        QTest::addRow("chart") << "feas-chart-0.1.0.tgz"
                               << "existing" << 1 << QString();
    }

    void cancellationLeavesNothing()
    {
        QFETCH(QString, fixtureName);
        QFETCH(QString, repository);
        QFETCH(int, afterReports);
        QFETCH(QString, onStatus);
        const QString path = fixture(fixtureName);
        if (path.isEmpty())
            QFAIL("test fixture missing: run scripts/prepare-test-tools.sh");
        prepareExisting();
        FIXTURE(single, "oci-single");
        // existing2 holds an OCI image: the Docker archive's layers are new to it.
        QVERIFY(import(single, QStringLiteral("existing2")).ok());

        const QStringList before = snapshot(*m_registry);
        QSignalSpy events(m_registry.get(), &RegistryService::registryEvent);
        ImportTarget target;
        target.repository = repository;
        CancellingContext context(afterReports, onStatus);
        auto report = ImageImporter(*m_registry).importPath(path, target, context);
        QVERIFY2(!report.ok(), "the import should have been cancelled");
        QCOMPARE(report.error().code, ErrorCode::Cancelled);
        QCOMPARE(snapshot(*m_registry), before);
        if (afterReports > 1 || !onStatus.isEmpty())
            QVERIFY2(events.size() > 0, "the import was cancelled before it changed anything to undo");
    }
};

QTEST_GUILESS_MAIN(TestImageImporter)
#include "tst_imageimporter.moc"
