#include "oci/MediaTypes.h"

#include <QtTest>

using namespace berth;

class TestMediaTypes : public QObject
{
    Q_OBJECT

private slots:
    void manifestTypes()
    {
        QVERIFY(MediaTypes::isManifestType(MediaTypes::OciImageManifest));
        QVERIFY(MediaTypes::isManifestType(MediaTypes::OciImageIndex));
        QVERIFY(MediaTypes::isManifestType(MediaTypes::DockerManifest));
        QVERIFY(MediaTypes::isManifestType(MediaTypes::DockerManifestList));
        QVERIFY(!MediaTypes::isManifestType(MediaTypes::DockerManifestV1));
        QVERIFY(!MediaTypes::isManifestType(MediaTypes::DockerManifestV1Signed));
        QVERIFY(!MediaTypes::isManifestType(MediaTypes::OciImageConfig));
        QVERIFY(!MediaTypes::isManifestType(QStringLiteral("application/json")));
        QVERIFY(!MediaTypes::isManifestType(QString()));
        // isManifestType expects a normalized type
        QVERIFY(
            !MediaTypes::isManifestType(MediaTypes::OciImageManifest + QStringLiteral("; charset=utf-8")));
    }

    void indexTypes()
    {
        QVERIFY(MediaTypes::isIndexType(MediaTypes::OciImageIndex));
        QVERIFY(MediaTypes::isIndexType(MediaTypes::DockerManifestList));
        QVERIFY(!MediaTypes::isIndexType(MediaTypes::OciImageManifest));
        QVERIFY(!MediaTypes::isIndexType(MediaTypes::DockerManifest));
        QVERIFY(!MediaTypes::isIndexType(QString()));
    }

    void normalize_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << MediaTypes::OciImageManifest << MediaTypes::OciImageManifest;
        QTest::newRow("parameter") << QStringLiteral("application/vnd.oci.image.index.v1+json; charset=utf-8")
                                   << MediaTypes::OciImageIndex;
        QTest::newRow("parameter no space")
            << QStringLiteral("application/vnd.oci.image.index.v1+json;charset=utf-8")
            << MediaTypes::OciImageIndex;
        QTest::newRow("whitespace") << QStringLiteral("  application/json \t")
                                    << QStringLiteral("application/json");
        QTest::newRow("uppercase") << QStringLiteral("Application/VND.Docker.Distribution.Manifest.V2+JSON")
                                   << MediaTypes::DockerManifest;
        QTest::newRow("all") << QStringLiteral(" Application/JSON ; q=1 ; x=y")
                             << QStringLiteral("application/json");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("only parameters") << QStringLiteral("; charset=utf-8") << QString();
    }

    void normalize()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(MediaTypes::normalize(input), expected);
    }
};

QTEST_GUILESS_MAIN(TestMediaTypes)
#include "tst_mediatypes.moc"
