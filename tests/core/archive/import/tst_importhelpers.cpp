#include "archive/ArchiveReader.h"
#include "archive/ImportChartYaml.h"
#include "archive/ImportImageName.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace berth;

class TestImportHelpers : public QObject
{
    Q_OBJECT

private slots:
    void imageNames_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("tag");
        QTest::newRow("docker hub library") << "docker.io/library/busybox:1.36"
                                            << "library/busybox"
                                            << "1.36";
        QTest::newRow("docker hub user") << "docker.io/feas/single:v1"
                                         << "feas/single"
                                         << "v1";
        QTest::newRow("no host") << "feas/single:v1"
                                 << "feas/single"
                                 << "v1";
        QTest::newRow("host with port") << "localhost:5000/team/app:2"
                                        << "team/app"
                                        << "2";
        QTest::newRow("localhost") << "localhost/app"
                                   << "app"
                                   << "";
        QTest::newRow("digest") << "ghcr.io/a/b@sha256:abcd"
                                << "a/b"
                                << "";
        QTest::newRow("tag and digest") << "quay.io/a/b:t@sha256:abcd"
                                        << "a/b"
                                        << "t";
    }

    void imageNames()
    {
        QFETCH(QString, reference);
        QFETCH(QString, repository);
        QFETCH(QString, tag);
        const ImportImageName name = ImportImageName::fromReference(reference);
        QCOMPARE(name.repository, repository);
        QCOMPARE(name.tag, tag);
    }

    void refNames()
    {
        QCOMPARE(ImportImageName::fromRefName(QStringLiteral("v1")).repository, QString());
        QCOMPARE(ImportImageName::fromRefName(QStringLiteral("v1")).tag, QStringLiteral("v1"));
        QCOMPARE(ImportImageName::fromRefName(QStringLiteral("docker.io/feas/single:v1")).repository,
                 QStringLiteral("feas/single"));
        QCOMPARE(ImportImageName::repositoryFromFileName(QStringLiteral("/tmp/My Image__.tar.gz")),
                 QStringLiteral("my-image"));
        QCOMPARE(ImportImageName::repositoryFromFileName(QStringLiteral("/x/oci-single")),
                 QStringLiteral("oci-single"));
        QCOMPARE(ImportImageName::repositoryFromFileName(QStringLiteral("/x/---.tar")), QString());
    }

    void archivePaths()
    {
        QCOMPARE(ArchiveReader::normalizePath(QStringLiteral("./blobs/sha256/x")).value(),
                 QStringLiteral("blobs/sha256/x"));
        QCOMPARE(ArchiveReader::normalizePath(QStringLiteral("a/./b//c")).value(), QStringLiteral("a/b/c"));
        QVERIFY(!ArchiveReader::normalizePath(QStringLiteral("../x")));
        QVERIFY(!ArchiveReader::normalizePath(QStringLiteral("a/../../x")));
        QVERIFY(!ArchiveReader::normalizePath(QStringLiteral("/etc/passwd")));
    }

    void chartYaml()
    {
        const QByteArray yaml = "# a comment\n"
                                "apiVersion: v2\n"
                                "name: \"my-chart\"\n"
                                "version: '1.2.3+build.4'  \n"
                                "appVersion: 1.0 # plain, comment dropped\n"
                                "description: >\n"
                                "  Folded text\n"
                                "  on two lines\n"
                                "home: https://example.com/a#b\n"
                                "deprecated: true\n"
                                "keywords:\n"
                                "  - one\n"
                                "  - 'two'\n"
                                "maintainers:\n"
                                "  - name: Someone\n"
                                "    email: a@b.c\n"
                                "annotations:\n"
                                "  category: Tools\n"
                                "  \"quoted.key\": \"x: y\"\n"
                                "dependencies: []\n"
                                "type: application\r\n";
        const ImportChartYaml chart = ImportChartYaml::parse(yaml);
        QCOMPARE(chart.name(), QStringLiteral("my-chart"));
        QCOMPARE(chart.version(), QStringLiteral("1.2.3+build.4"));
        QCOMPARE(chart.value(QStringLiteral("appVersion")), QStringLiteral("1.0"));
        QCOMPARE(chart.value(QStringLiteral("description")), QStringLiteral("Folded text on two lines\n"));
        QCOMPARE(chart.value(QStringLiteral("home")), QStringLiteral("https://example.com/a#b"));
        QCOMPARE(chart.value(QStringLiteral("type")), QStringLiteral("application"));

        const QByteArray json = chart.configJson();
        QVERIFY2(json.startsWith("{\"name\":\"my-chart\",\"home\":"), json.constData());
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        QCOMPARE(o.value(QStringLiteral("deprecated")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("keywords")).toVariant().toStringList(),
                 (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
        QCOMPARE(
            o.value(QStringLiteral("annotations")).toObject().value(QStringLiteral("quoted.key")).toString(),
            QStringLiteral("x: y"));
        QVERIFY(!o.contains(QStringLiteral("maintainers")));

        const auto annotations = chart.manifestAnnotations(QStringLiteral("2024-01-02T03:04:05Z"));
        QStringList keys;
        for (const auto& [key, value] : annotations)
            keys << key;
        QStringList sorted = keys;
        sorted.sort();
        QCOMPARE(keys, sorted);
        QVERIFY(keys.contains(QStringLiteral("org.opencontainers.image.created")));
        QVERIFY(keys.contains(QStringLiteral("category")));
    }
};

QTEST_GUILESS_MAIN(TestImportHelpers)
#include "tst_importhelpers.moc"
