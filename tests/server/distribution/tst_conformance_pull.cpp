// Pull workflow: the base route, manifests by tag and digest (GET and HEAD), blobs with and without
// ranges, and the errors for what does not exist or cannot exist.

#include "ConformanceChecks.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QtTest>

using namespace berth;

namespace {
// What real clients send when pulling a manifest.
const RegistryClient::Headers kAcceptManifests{
    {"Accept", QByteArray(OciFixtures::kManifestType) + ", " + OciFixtures::kIndexType}};
} // namespace

class TestConformancePull : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void baseRouteAnswers200();
    void manifestByTag_data();
    void manifestByTag();
    void manifestByDigest_data();
    void manifestByDigest();
    void manifestWithAcceptHeader();
    void indexByTag();
    void nonexistentManifestIs404();
    void nonexistentManifestDigestIs404();
    void manifestOfUnknownRepositoryIs404();
    void malformedManifestDigestIsClientError_data();
    void malformedManifestDigestIsClientError();
    void blobGetAndHead();
    void blobRange_data();
    void blobRange();
    void blobRangeNotSatisfiable();
    void nonexistentBlobIs404();
    void malformedBlobDigestIsClientError();

private:
    BerthdProcess m_registry;
    std::unique_ptr<RegistryClient> m_client;
    QString m_repo;
    QByteArray m_config;
    QByteArray m_layer;
    QByteArray m_manifest;
    QString m_manifestDigest;
    QByteArray m_index;
};

void TestConformancePull::initTestCase()
{
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    m_client = std::make_unique<RegistryClient>(m_registry.baseUrl());
    m_repo = OciFixtures::uniqueRepository(QStringLiteral("conformance/pull"));

    m_config = OciFixtures::config(1);
    m_layer = OciFixtures::randomBytes(64 * 1024 + 7, 11);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, m_config), 201);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, m_layer), 201);
    m_manifest = OciFixtures::imageManifest(m_config, {m_layer});
    m_manifestDigest = OciFixtures::digestOf(m_manifest);
    CONFORM_STATUS(
        m_client->pushManifest(m_repo, QStringLiteral("tagtest0"), OciFixtures::kManifestType, m_manifest),
        201);

    QJsonObject child = OciFixtures::descriptor(QString::fromLatin1(OciFixtures::kManifestType), m_manifest);
    child.insert(QStringLiteral("platform"),
                 QJsonObject{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                             {QStringLiteral("os"), QStringLiteral("linux")}});
    m_index = OciFixtures::imageIndex({child});
    CONFORM_STATUS(m_client->pushManifest(m_repo, QStringLiteral("multi"), OciFixtures::kIndexType, m_index),
                   201);
}

void TestConformancePull::cleanupTestCase()
{
    if (!m_registry.isExternal())
        qInfo("berthd peak RSS: %lld KiB", static_cast<long long>(m_registry.peakRssKiB()));
    QCOMPARE(m_registry.stop(), 0);
}

void TestConformancePull::baseRouteAnswers200()
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/"));
    CONFORM_STATUS(r, 200);
}

void TestConformancePull::manifestByTag_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("GET") << QByteArray("GET");
    QTest::newRow("HEAD") << QByteArray("HEAD");
}

void TestConformancePull::manifestByTag()
{
    QFETCH(QByteArray, method);
    const RegistryResponse r =
        m_client->request(method, QStringLiteral("/v2/%1/manifests/tagtest0").arg(m_repo), kAcceptManifests);
    CONFORM_STATUS(r, 200);
    CONFORM_HEADER(r, "Docker-Content-Digest", m_manifestDigest.toUtf8());
    CONFORM_HEADER(r, "Content-Type", OciFixtures::kManifestType);
    CONFORM_HEADER(r, "Content-Length", QByteArray::number(m_manifest.size()));
    if (method == "GET")
        QCOMPARE(r.body, m_manifest);
    else
        QVERIFY(r.body.isEmpty());
}

void TestConformancePull::manifestByDigest_data()
{
    manifestByTag_data();
}

void TestConformancePull::manifestByDigest()
{
    QFETCH(QByteArray, method);
    const RegistryResponse r = m_client->request(
        method, QStringLiteral("/v2/%1/manifests/%2").arg(m_repo, m_manifestDigest), kAcceptManifests);
    CONFORM_STATUS(r, 200);
    CONFORM_HEADER(r, "Docker-Content-Digest", m_manifestDigest.toUtf8());
    CONFORM_HEADER(r, "Content-Type", OciFixtures::kManifestType);
    CONFORM_HEADER(r, "Content-Length", QByteArray::number(m_manifest.size()));
    if (method == "GET")
        QCOMPARE(r.body, m_manifest);
}

void TestConformancePull::manifestWithAcceptHeader()
{
    const RegistryResponse r =
        m_client->get(QStringLiteral("/v2/%1/manifests/%2").arg(m_repo, m_manifestDigest),
                      {{"Accept", OciFixtures::kManifestType}});
    CONFORM_STATUS(r, 200);
    QCOMPARE(r.body, m_manifest);
}

void TestConformancePull::indexByTag()
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/manifests/multi").arg(m_repo),
                                             {{"Accept", OciFixtures::kIndexType}});
    CONFORM_STATUS(r, 200);
    CONFORM_HEADER(r, "Content-Type", OciFixtures::kIndexType);
    CONFORM_HEADER(r, "Docker-Content-Digest", OciFixtures::digestOf(m_index).toUtf8());
    QCOMPARE(r.body, m_index);
}

void TestConformancePull::nonexistentManifestIs404()
{
    const QString path = QStringLiteral("/v2/%1/manifests/does-not-exist").arg(m_repo);
    CONFORM_ERROR(m_client->get(path, kAcceptManifests), 404, "MANIFEST_UNKNOWN");
    const RegistryResponse head = m_client->head(path, kAcceptManifests);
    CONFORM_STATUS(head, 404);
    QVERIFY(head.body.isEmpty());
}

void TestConformancePull::nonexistentManifestDigestIs404()
{
    const QString path =
        QStringLiteral("/v2/%1/manifests/%2").arg(m_repo, OciFixtures::digestOf("no such manifest"));
    CONFORM_ERROR(m_client->get(path, kAcceptManifests), 404, "MANIFEST_UNKNOWN");
    CONFORM_STATUS(m_client->head(path, kAcceptManifests), 404);
}

void TestConformancePull::manifestOfUnknownRepositoryIs404()
{
    const RegistryResponse r =
        m_client->get(QStringLiteral("/v2/%1/manifests/latest")
                          .arg(OciFixtures::uniqueRepository(QStringLiteral("conformance/none"))));
    CONFORM_STATUS(r, 404);
    QVERIFY2(r.errorCodes().contains(QStringLiteral("NAME_UNKNOWN")) ||
                 r.errorCodes().contains(QStringLiteral("MANIFEST_UNKNOWN")),
             qPrintable(r.describe()));
}

void TestConformancePull::malformedManifestDigestIsClientError_data()
{
    QTest::addColumn<QString>("reference");
    QTest::newRow("short hex") << QStringLiteral("sha256:abc");
    QTest::newRow("upper-case hex") << QStringLiteral("sha256:") + QString(64, QLatin1Char('A'));
    QTest::newRow("non-hex") << QStringLiteral("sha256:") + QString(64, QLatin1Char('z'));
    QTest::newRow("unknown algorithm") << QStringLiteral("md5:d41d8cd98f00b204e9800998ecf8427e");
    QTest::newRow("empty hex") << QStringLiteral("sha256:");
}

// The reference registry answers 500 here; the spec wants a client error with an OCI error body.
void TestConformancePull::malformedManifestDigestIsClientError()
{
    QFETCH(QString, reference);
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/manifests/%2").arg(m_repo, reference));
    QVERIFY2(r.status == 400 || r.status == 404, qPrintable(r.describe()));
    QVERIFY2(r.isOciErrorBody(), qPrintable(r.describe()));
}

void TestConformancePull::blobGetAndHead()
{
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, OciFixtures::digestOf(m_layer));
    const RegistryResponse get = m_client->get(path);
    CONFORM_STATUS(get, 200);
    QCOMPARE(get.body, m_layer);
    CONFORM_HEADER(get, "Content-Length", QByteArray::number(m_layer.size()));
    CONFORM_HEADER(get, "Docker-Content-Digest", OciFixtures::digestOf(m_layer).toUtf8());

    const RegistryResponse head = m_client->head(path);
    CONFORM_STATUS(head, 200);
    CONFORM_HEADER(head, "Content-Length", QByteArray::number(m_layer.size()));
    CONFORM_HEADER(head, "Docker-Content-Digest", OciFixtures::digestOf(m_layer).toUtf8());
    QVERIFY(head.body.isEmpty());
}

void TestConformancePull::blobRange_data()
{
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    const qint64 size = 64 * 1024 + 7;
    QTest::newRow("start") << qint64(0) << qint64(99);
    QTest::newRow("middle") << qint64(1000) << qint64(40000);
    QTest::newRow("one byte") << qint64(5) << qint64(5);
    QTest::newRow("last byte") << size - 1 << size - 1;
    QTest::newRow("whole blob") << qint64(0) << size - 1;
}

void TestConformancePull::blobRange()
{
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, OciFixtures::digestOf(m_layer));
    const QByteArray range = "bytes=" + QByteArray::number(first) + '-' + QByteArray::number(last);
    const RegistryResponse r = m_client->get(path, {{"Range", range}});
    CONFORM_STATUS(r, 206);
    CONFORM_HEADER(r, "Content-Range",
                   "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' +
                       QByteArray::number(m_layer.size()));
    CONFORM_HEADER(r, "Content-Length", QByteArray::number(last - first + 1));
    QCOMPARE(r.body, m_layer.mid(static_cast<int>(first), static_cast<int>(last - first + 1)));
}

void TestConformancePull::blobRangeNotSatisfiable()
{
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, OciFixtures::digestOf(m_layer));
    const QByteArray size = QByteArray::number(m_layer.size());
    const RegistryResponse r =
        m_client->get(path, {{"Range", "bytes=" + size + '-' + QByteArray::number(m_layer.size() + 100)}});
    CONFORM_STATUS(r, 416);
}

void TestConformancePull::nonexistentBlobIs404()
{
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, OciFixtures::digestOf("no such blob"));
    CONFORM_ERROR(m_client->get(path), 404, "BLOB_UNKNOWN");
    const RegistryResponse head = m_client->head(path);
    CONFORM_STATUS(head, 404);
    QVERIFY(head.body.isEmpty());
}

void TestConformancePull::malformedBlobDigestIsClientError()
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/blobs/sha256:not-a-digest").arg(m_repo));
    QVERIFY2(r.status == 400 || r.status == 404, qPrintable(r.describe()));
    QVERIFY2(r.isOciErrorBody(), qPrintable(r.describe()));
}

QTEST_GUILESS_MAIN(TestConformancePull)
#include "tst_conformance_pull.moc"
