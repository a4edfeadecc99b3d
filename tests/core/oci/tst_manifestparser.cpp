#include "oci/ManifestParser.h"
#include "oci/MediaTypes.h"

#include <QFile>
#include <QtTest>

using namespace berth;

namespace {

QByteArray readData(const QString& relative)
{
    QFile f(QStringLiteral(BERTH_TEST_DATA "/oci/") + relative);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

/// JSON written with single quotes, so that it reads well in C++ (moc cannot read raw strings).
QByteArray J(const char* singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

QString hex(char c)
{
    return QString(64, QLatin1Char(c));
}

QByteArray descriptorJson(const QString& mediaType, const QString& digest,
                          const QString& size = QStringLiteral("1"))
{
    return QString::fromLatin1(J("{'mediaType':'%1','digest':'%2','size':%3}"))
        .arg(mediaType, digest, size)
        .toUtf8();
}

} // namespace

class TestManifestParser : public QObject
{
    Q_OBJECT

private:
    // Parses and expects failure with the given code and every fragment in the message.
    static void expectError(const QByteArray& bytes, const QString& contentType, ErrorCode code,
                            const QStringList& fragments)
    {
        const auto r = ManifestParser::parse(bytes, contentType);
        QVERIFY2(!r.ok(), "the parser accepted an invalid manifest");
        QCOMPARE(r.error().code, code);
        for (const QString& f : fragments)
            QVERIFY2(r.error().message.contains(f, Qt::CaseInsensitive),
                     qPrintable(
                         QStringLiteral("message \"%1\" does not mention \"%2\"").arg(r.error().message, f)));
    }

private slots:
    void ociManifest()
    {
        const QByteArray bytes = readData(QStringLiteral("valid/oci-manifest.json"));
        const auto r =
            ManifestParser::parse(bytes, MediaTypes::OciImageManifest + QStringLiteral("; charset=utf-8"));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        const Manifest& m = r.value();
        QCOMPARE(m.kind, ManifestKind::Image);
        QCOMPARE(m.mediaType, MediaTypes::OciImageManifest);
        QVERIFY(m.mediaTypeDeclared);
        QVERIFY(m.config);
        QCOMPARE(m.config->mediaType, MediaTypes::OciImageConfig);
        QCOMPARE(m.config->size, qint64(1470));
        QCOMPARE(m.layers.size(), 2);
        QCOMPARE(m.layers[0].size, qint64(3370706));
        QCOMPARE(m.layers[1].size, qint64(0));
        QCOMPARE(m.layers[1].annotations.value(QStringLiteral("org.opencontainers.image.title")).toString(),
                 QStringLiteral("layer1.tar.gz"));
        QCOMPARE(m.layers[0].digest, Digest::compute(QByteArrayView("layer0")));
        QVERIFY(m.manifests.isEmpty());
        QVERIFY(!m.subject);
        QCOMPARE(m.annotations.value(QStringLiteral("org.opencontainers.image.created")).toString(),
                 QStringLiteral("2024-01-01T00:00:00Z"));
        const auto blobs = m.referencedBlobs();
        QCOMPARE(blobs.size(), 3);
        QCOMPARE(blobs[0].digest, m.config->digest);
        QCOMPARE(blobs[2].digest, m.layers[1].digest);
        QCOMPARE(m.effectiveArtifactType(), MediaTypes::OciImageConfig);
    }

    void ociManifestWithoutContentType()
    {
        const auto r = ManifestParser::parse(readData(QStringLiteral("valid/oci-manifest.json")));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->mediaType, MediaTypes::OciImageManifest);
    }

    void ociIndex()
    {
        const auto r = ManifestParser::parse(readData(QStringLiteral("valid/oci-index.json")),
                                             MediaTypes::OciImageIndex);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        const Manifest& m = r.value();
        QCOMPARE(m.kind, ManifestKind::Index);
        QCOMPARE(m.mediaType, MediaTypes::OciImageIndex);
        QVERIFY(!m.config);
        QVERIFY(m.layers.isEmpty());
        QCOMPARE(m.manifests.size(), 3);
        QVERIFY(m.manifests[0].platform);
        QCOMPARE(m.manifests[0].platform->architecture, QStringLiteral("amd64"));
        QCOMPARE(m.manifests[0].platform->os, QStringLiteral("linux"));
        QCOMPARE(m.manifests[1].platform->variant, QStringLiteral("v8"));
        QCOMPARE(m.manifests[2].platform->os, QStringLiteral("windows"));
        QCOMPARE(m.manifests[2].platform->osVersion, QStringLiteral("10.0.17763.1234"));
        QCOMPARE(m.manifests[2].platform->osFeatures, QStringList{QStringLiteral("win32k")});
        QVERIFY(m.referencedBlobs().isEmpty());
        QVERIFY(m.effectiveArtifactType().isEmpty());
    }

    void dockerManifest()
    {
        const auto r = ManifestParser::parse(readData(QStringLiteral("valid/docker-manifest.json")),
                                             MediaTypes::DockerManifest);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->kind, ManifestKind::Image);
        QCOMPARE(r->mediaType, MediaTypes::DockerManifest);
        QCOMPARE(r->config->mediaType, MediaTypes::DockerContainerConfig);
        QCOMPARE(r->layers.size(), 3);
        QCOMPARE(r->referencedBlobs().size(), 4);
    }

    void dockerList()
    {
        const auto r = ManifestParser::parse(readData(QStringLiteral("valid/docker-list.json")),
                                             MediaTypes::DockerManifestList);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->kind, ManifestKind::Index);
        QCOMPARE(r->mediaType, MediaTypes::DockerManifestList);
        QCOMPARE(r->manifests.size(), 2);
        QCOMPARE(r->manifests[0].platform->architecture, QStringLiteral("ppc64le"));
    }

    void helmWithoutMediaType()
    {
        const QByteArray bytes = readData(QStringLiteral("valid/helm-manifest.json"));
        // Content-Type names the type
        auto r = ManifestParser::parse(bytes, MediaTypes::OciImageManifest);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->mediaType, MediaTypes::OciImageManifest);
        QVERIFY(!r->mediaTypeDeclared);
        QCOMPARE(r->effectiveArtifactType(), MediaTypes::HelmConfig);
        QCOMPARE(r->layers.size(), 1);
        QCOMPARE(r->layers[0].mediaType, MediaTypes::HelmChartContent);
        // No useful Content-Type: inferred from the shape
        r = ManifestParser::parse(bytes, QStringLiteral("application/octet-stream"));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->mediaType, MediaTypes::OciImageManifest);
        QCOMPARE(r->kind, ManifestKind::Image);
        QVERIFY(!r->mediaTypeDeclared);
        r = ManifestParser::parse(bytes);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->mediaType, MediaTypes::OciImageManifest);
    }

    void indexShapeWithoutMediaType()
    {
        const QByteArray bytes =
            QByteArray(J("{'schemaVersion':2,'manifests':[")) +
            descriptorJson(MediaTypes::OciImageManifest, QStringLiteral("sha256:") + hex('a')) + "]}";
        const auto r = ManifestParser::parse(bytes);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->kind, ManifestKind::Index);
        QCOMPARE(r->mediaType, MediaTypes::OciImageIndex);
        QVERIFY(!r->mediaTypeDeclared);
        // A Docker list Content-Type wins over the shape
        const auto d = ManifestParser::parse(bytes, MediaTypes::DockerManifestList);
        QVERIFY2(d.ok(), qPrintable(d.error().message));
        QCOMPARE(d->mediaType, MediaTypes::DockerManifestList);
    }

    void artifactWithSubject()
    {
        const auto r = ManifestParser::parse(readData(QStringLiteral("valid/artifact-subject.json")),
                                             MediaTypes::OciImageManifest);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        const Manifest& m = r.value();
        QCOMPARE(m.artifactType, QStringLiteral("application/vnd.example.sbom.v1+json"));
        QCOMPARE(m.effectiveArtifactType(), QStringLiteral("application/vnd.example.sbom.v1+json"));
        QVERIFY(m.subject);
        QCOMPARE(m.subject->mediaType, MediaTypes::OciImageManifest);
        QCOMPARE(m.subject->digest, Digest::compute(QByteArrayView("subject")));
        QCOMPARE(m.subject->size, qint64(1234));
        QCOMPARE(m.config->mediaType, MediaTypes::OciEmpty);
        QCOMPARE(m.config->digest, Digest::compute(QByteArrayView("{}")));
    }

    void artifactWithoutLayers()
    {
        const QByteArray bytes =
            J("{'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json',"
              "'artifactType':'application/vnd.example+type','config':") +
            descriptorJson(MediaTypes::OciEmpty, QStringLiteral("sha256:") + hex('4'), QStringLiteral("2")) +
            "}";
        const auto r = ManifestParser::parse(bytes, MediaTypes::OciImageManifest);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QVERIFY(r->layers.isEmpty());
        QCOMPARE(r->referencedBlobs().size(), 1);
    }

    void sha512Descriptor()
    {
        const QByteArray bytes =
            QByteArray(
                J("{'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json','config':")) +
            descriptorJson(MediaTypes::OciImageConfig, QStringLiteral("sha512:") + hex('b') + hex('c')) +
            J(",'layers':[]}");
        const auto r = ManifestParser::parse(bytes);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->config->digest.algorithm(), DigestAlgorithm::Sha512);
    }

    void invalidFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<QStringList>("fragments");

        QTest::newRow("malformed") << "invalid/malformed.json" << MediaTypes::OciImageManifest
                                   << QStringList{"not valid JSON", "offset"};
        QTest::newRow("truncated") << "invalid/truncated.json" << MediaTypes::OciImageManifest
                                   << QStringList{"not valid JSON", "offset"};
        QTest::newRow("top-level array") << "invalid/top-level-array.json" << MediaTypes::OciImageManifest
                                         << QStringList{"JSON object", "array"};
        QTest::newRow("schemaVersion 1") << "invalid/schema-version-1.json" << QString()
                                         << QStringList{"schemaVersion", "schema 1", "not supported"};
        QTest::newRow("schemaVersion missing")
            << "invalid/schema-version-missing.json" << MediaTypes::OciImageManifest
            << QStringList{"schemaVersion", "missing"};
        QTest::newRow("schema1 signed, no Content-Type")
            << "invalid/schema1-signed.json" << QString() << QStringList{"schema 1", "not supported"};
        QTest::newRow("schema1 signed, prettyjws Content-Type")
            << "invalid/schema1-signed.json" << MediaTypes::DockerManifestV1Signed
            << QStringList{"schema 1", "not supported", "Content-Type"};
        QTest::newRow("schema1 v1+json Content-Type")
            << "invalid/schema1-signed.json" << MediaTypes::DockerManifestV1
            << QStringList{"schema 1", "not supported"};
        QTest::newRow("mediaType mismatch")
            << "invalid/mediatype-mismatch.json" << MediaTypes::OciImageManifest
            << QStringList{"does not match", "Content-Type", MediaTypes::OciImageIndex,
                           MediaTypes::OciImageManifest};
        QTest::newRow("bad layer digest")
            << "invalid/bad-layer-digest.json" << MediaTypes::OciImageManifest
            << QStringList{"layers[2].digest", "sha256:NOTHEX", "not a valid digest"};
        QTest::newRow("negative size") << "invalid/negative-size.json" << MediaTypes::OciImageManifest
                                       << QStringList{"layers[1].size", "negative"};
        QTest::newRow("config missing") << "invalid/config-missing.json" << MediaTypes::OciImageManifest
                                        << QStringList{"config", "missing"};
        QTest::newRow("manifests not an array")
            << "invalid/manifests-not-array.json" << MediaTypes::OciImageIndex
            << QStringList{"manifests", "must be an array", "object"};
    }

    void invalidFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, contentType);
        QFETCH(QStringList, fragments);
        expectError(readData(file), contentType, ErrorCode::ManifestInvalid, fragments);
    }

    void oversize()
    {
        // A valid manifest padded with whitespace past the limit: rejected on size alone.
        QByteArray bytes = readData(QStringLiteral("valid/oci-manifest.json"));
        const QByteArray atLimit = bytes + QByteArray(ManifestParser::MaxManifestSize - bytes.size(), ' ');
        QCOMPARE(qint64(atLimit.size()), ManifestParser::MaxManifestSize);
        const auto ok = ManifestParser::parse(atLimit, MediaTypes::OciImageManifest);
        QVERIFY2(ok.ok(), qPrintable(ok.error().message));
        expectError(atLimit + ' ', MediaTypes::OciImageManifest, ErrorCode::TooLarge,
                    {QString::number(ManifestParser::MaxManifestSize + 1),
                     QString::number(ManifestParser::MaxManifestSize)});
    }

    void inlineErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<QStringList>("fragments");

        const QByteArray pre =
            J("{'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json',");
        const QByteArray cfg =
            J("'config':") + descriptorJson(MediaTypes::OciImageConfig, QStringLiteral("sha256:") + hex('c'));
        const QByteArray idx = J("{'schemaVersion':2,'mediaType':'application/vnd.oci.image.index.v1+json',");
        const QByteArray goodDesc =
            descriptorJson(MediaTypes::OciImageManifest, QStringLiteral("sha256:") + hex('d'));
        const QString none;

        QTest::newRow("empty body") << QByteArray() << none << QStringList{"empty"};
        QTest::newRow("whitespace body") << QByteArray(" \n") << none << QStringList{"empty"};
        QTest::newRow("non-ASCII start") << QByteArray("\xc3\xa9") << none << QStringList{"JSON object"};
        QTest::newRow("scalar") << QByteArray("42") << none << QStringList{"JSON object"};
        QTest::newRow("trailing garbage")
            << QByteArray(J("{'schemaVersion':2} x")) << none << QStringList{"not valid JSON", "offset"};
        QTest::newRow("schemaVersion string") << QByteArray(J("{'schemaVersion':'2','config':{}}")) << none
                                              << QStringList{"schemaVersion", "a string"};
        QTest::newRow("schemaVersion 3") << QByteArray(J("{'schemaVersion':3,'config':{}}")) << none
                                         << QStringList{"schemaVersion is 3", "must be 2"};
        QTest::newRow("mediaType not string") << QByteArray(J("{'schemaVersion':2,'mediaType':7}")) << none
                                              << QStringList{"mediaType", "a number"};
        QTest::newRow("mediaType unknown")
            << QByteArray(J("{'schemaVersion':2,'mediaType':'application/json'}")) << none
            << QStringList{"application/json", "not a manifest media type"};
        QTest::newRow("schema1 mediaType") << QByteArray(J("{'schemaVersion':2,'mediaType':'application/"
                                                           "vnd.docker.distribution.manifest.v1+prettyjws'}"))
                                           << none << QStringList{"schema 1", "not supported"};
        QTest::newRow("shape unknown") << QByteArray(J("{'schemaVersion':2,'layers':[]}")) << none
                                       << QStringList{"no mediaType", "config", "manifests"};
        QTest::newRow("image with manifests") << pre + cfg + J(",'layers':[],'manifests':[]}") << none
                                              << QStringList{"must not have a manifests"};
        QTest::newRow("index with config")
            << idx + J("'manifests':[],") + cfg + "}" << none << QStringList{"must not have a config"};
        QTest::newRow("index with layers")
            << idx + J("'manifests':[],'layers':[]}") << none << QStringList{"must not have a layers"};
        QTest::newRow("index manifests missing")
            << idx + J("'annotations':{}}") << none << QStringList{"manifests is missing"};
        QTest::newRow("Content-Type index, body image")
            << QByteArray(J("{'schemaVersion':2,")) + cfg + J(",'layers':[]}") << MediaTypes::OciImageIndex
            << QStringList{"must not have a config"};
        QTest::newRow("layers missing on a container image")
            << pre + cfg + "}" << none << QStringList{"layers is missing"};
        QTest::newRow("layers not array")
            << pre + cfg + J(",'layers':{}}") << none << QStringList{"layers must be an array"};
        QTest::newRow("config not object") << pre + J("'config':'x','layers':[]}") << none
                                           << QStringList{"config", "descriptor object", "a string"};
        QTest::newRow("layer not object")
            << pre + cfg + J(",'layers':[null]}") << none << QStringList{"layers[0]", "null"};
        QTest::newRow("descriptor mediaType missing")
            << pre + cfg + J(",'layers':[{'digest':'sha256:") + hex('e').toLatin1() + J("','size':1}]}")
            << none << QStringList{"layers[0].mediaType", "missing"};
        QTest::newRow("descriptor mediaType number")
            << pre + cfg + J(",'layers':[{'mediaType':1,'digest':'sha256:") + hex('e').toLatin1() +
                   J("','size':1}]}")
            << none << QStringList{"layers[0].mediaType", "must be a string"};
        QTest::newRow("digest missing") << pre + J("'config':{'mediaType':'a/b','size':1},'layers':[]}")
                                        << none << QStringList{"config.digest", "missing"};
        QTest::newRow("digest uppercase")
            << pre + cfg + J(",'layers':[") +
                   descriptorJson(QStringLiteral("a/b"), QStringLiteral("sha256:") + hex('E')) + "]}"
            << none << QStringList{"layers[0].digest", "not a valid digest"};
        QTest::newRow("digest unregistered algorithm")
            << pre + cfg + J(",'layers':[") +
                   descriptorJson(QStringLiteral("a/b"), QStringLiteral("sha384:") + hex('e')) + "]}"
            << none << QStringList{"layers[0].digest", "unsupported algorithm"};
        QTest::newRow("size missing") << pre + J("'config':{'mediaType':'a/b','digest':'sha256:") +
                                             hex('1').toLatin1() + J("'},'layers':[]}")
                                      << none << QStringList{"config.size", "missing"};
        QTest::newRow("size string") << pre + cfg + J(",'layers':[") +
                                            descriptorJson(QStringLiteral("a/b"),
                                                           QStringLiteral("sha256:") + hex('e'),
                                                           QStringLiteral("\"5\"")) +
                                            "]}"
                                     << none << QStringList{"layers[0].size", "a string"};
        QTest::newRow("size fractional")
            << pre + cfg + J(",'layers':[") +
                   descriptorJson(QStringLiteral("a/b"), QStringLiteral("sha256:") + hex('e'),
                                  QStringLiteral("1.5")) +
                   "]}"
            << none << QStringList{"layers[0].size", "whole number"};
        QTest::newRow("size huge") << pre + cfg + J(",'layers':[") +
                                          descriptorJson(QStringLiteral("a/b"),
                                                         QStringLiteral("sha256:") + hex('e'),
                                                         QStringLiteral("1e300")) +
                                          "]}"
                                   << none << QStringList{"layers[0].size", "too large"};
        QTest::newRow("platform without os")
            << idx + J("'manifests':[{'mediaType':'a/b','digest':'sha256:") + hex('2').toLatin1() +
                   J("','size':1,'platform':{'architecture':'amd64'}}]}")
            << none << QStringList{"manifests[0].platform.os", "missing"};
        QTest::newRow("platform without architecture")
            << idx + J("'manifests':[{'mediaType':'a/b','digest':'sha256:") + hex('2').toLatin1() +
                   J("','size':1,'platform':{'os':'linux'}}]}")
            << none << QStringList{"manifests[0].platform.architecture", "missing"};
        QTest::newRow("platform not object")
            << idx + J("'manifests':[{'mediaType':'a/b','digest':'sha256:") + hex('2').toLatin1() +
                   J("','size':1,'platform':'linux/amd64'}]}")
            << none << QStringList{"manifests[0].platform", "must be an object"};
        QTest::newRow("descriptor annotation not string")
            << idx + J("'manifests':[{'mediaType':'a/b','digest':'sha256:") + hex('2').toLatin1() +
                   J("','size':1,'annotations':{'k':1}}]}")
            << none << QStringList{"manifests[0].annotations[\"k\"]", "must be a string"};
        QTest::newRow("top annotations not object") << idx + J("'manifests':[],'annotations':[]}") << none
                                                    << QStringList{"annotations", "object of strings"};
        QTest::newRow("top annotation value not string")
            << idx + J("'manifests':[],'annotations':{'a':true}}") << none
            << QStringList{"annotations[\"a\"]", "a boolean"};
        QTest::newRow("artifactType not string") << idx + J("'manifests':[],'artifactType':{}}") << none
                                                 << QStringList{"artifactType", "must be a string"};
        QTest::newRow("descriptor artifactType not string")
            << idx + J("'manifests':[{'mediaType':'a/b','digest':'sha256:") + hex('2').toLatin1() +
                   J("','size':1,'artifactType':5}]}")
            << none << QStringList{"manifests[0].artifactType", "must be a string"};
        QTest::newRow("subject bad digest")
            << idx + J("'manifests':[],'subject':{'mediaType':'a/b','digest':'sha256:abc','size':1}}") << none
            << QStringList{"subject.digest", "sha256:abc"};
        QTest::newRow("urls not strings")
            << idx + J("'manifests':[{'mediaType':'a/b','digest':'sha256:") + hex('2').toLatin1() +
                   J("','size':1,'urls':['https://example.com/x',3]}]}")
            << none << QStringList{"manifests[0].urls[1]", "must be a string"};
        QTest::newRow("os.features not array")
            << idx + J("'manifests':[{'mediaType':'a/b','digest':'sha256:") + hex('2').toLatin1() +
                   J("','size':1,'platform':{'architecture':'amd64','os':'linux','os.features':'x'}}]}")
            << none << QStringList{"manifests[0].platform.os.features", "array of strings"};
        QTest::newRow("subject not object")
            << idx + J("'manifests':[],'subject':[]}") << none << QStringList{"subject", "an array"};
        QTest::newRow("second manifest bad")
            << idx + J("'manifests':[") + goodDesc + J(",{'mediaType':'a/b'}]}") << none
            << QStringList{"manifests[1].digest", "missing"};
        QTest::newRow("docker mismatch")
            << QByteArray(J("{'schemaVersion':2,'mediaType':'application/"
                            "vnd.docker.distribution.manifest.v2+json',")) +
                   cfg + J(",'layers':[]}")
            << MediaTypes::OciImageManifest << QStringList{"does not match", MediaTypes::DockerManifest};
    }

    void inlineErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, contentType);
        QFETCH(QStringList, fragments);
        expectError(json, contentType, ErrorCode::ManifestInvalid, fragments);
    }

    void viewIntoLargerBuffer()
    {
        // The parser reads exactly the bytes of the view, not up to a terminating NUL.
        const QByteArray bytes = readData(QStringLiteral("valid/oci-manifest.json"));
        const QByteArray buffer = bytes + "garbage that must not be read";
        const auto r = ManifestParser::parse(QByteArrayView(buffer.constData(), bytes.size()));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->layers.size(), 2);
    }

    void contentTypeCaseAndParameters()
    {
        const QByteArray bytes = readData(QStringLiteral("valid/docker-manifest.json"));
        const auto r = ManifestParser::parse(
            bytes, QStringLiteral(" Application/VND.docker.distribution.manifest.v2+json ; charset=UTF-8"));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        // A non-manifest Content-Type does not contradict a declared mediaType.
        const auto j = ManifestParser::parse(bytes, QStringLiteral("application/json"));
        QVERIFY2(j.ok(), qPrintable(j.error().message));
        QCOMPARE(j->mediaType, MediaTypes::DockerManifest);
    }

    void everyValidFileParses_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files{"oci-manifest.json", "oci-index.json",     "docker-manifest.json",
                                "docker-list.json",  "helm-manifest.json", "artifact-subject.json"};
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << f;
    }

    void everyValidFileParses()
    {
        // Each file's bytes parse as they are (no Content-Type), and truncating them always fails cleanly.
        QFETCH(QString, file);
        const QByteArray bytes = readData(QStringLiteral("valid/") + file);
        const auto r = ManifestParser::parse(bytes);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        for (qsizetype cut = 0; cut < bytes.trimmed().size(); cut += 7) {
            const auto t = ManifestParser::parse(bytes.left(cut));
            QVERIFY(!t.ok());
            QCOMPARE(t.error().code, ErrorCode::ManifestInvalid);
            QVERIFY(!t.error().message.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestManifestParser)
#include "tst_manifestparser.moc"
