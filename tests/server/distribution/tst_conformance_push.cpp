// Push workflow: every way of uploading a blob (streamed PATCH, monolithic POST, POST then PUT,
// chunked PATCH with Content-Range), digest checks, cross-repository mounts, manifest uploads and
// the errors for manifests that are invalid, refer to missing content, or use an invalid name.

#include "ConformanceChecks.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QtTest>

using namespace berth;

class TestConformancePush : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void streamedPatchThenPut();
    void monolithicPost();
    void postThenPutWithBody();
    void chunkedUpload();
    void outOfOrderFirstChunkIs416();
    void resentChunkIs416();
    void uploadStatusReportsRange();
    void putWithWrongDigestIsDigestInvalid();
    void monolithicPostWithWrongDigestIsDigestInvalid();
    void invalidDigestStringIsDigestInvalid_data();
    void invalidDigestStringIsDigestInvalid();
    void crossRepositoryMount();
    void mountOfBlobMissingFromSourceOpensSession();
    void mountWithoutFrom();
    void mountOfUnknownBlobOpensSession();
    void manifestWithoutLayers();
    void manifestPutByTag();
    void manifestPutByDigest();
    void manifestWithMissingBlobIsBlobUnknown();
    void indexWithMissingChildIsManifestUnknown();
    void manifestWithSubjectAnswersOciSubject();
    void invalidManifestIsManifestInvalid_data();
    void invalidManifestIsManifestInvalid();
    void invalidNameIsNameInvalid_data();
    void invalidNameIsNameInvalid();
    void nonexistentManifestIs404();

private:
    QString blobPath(const QString& repo, const QByteArray& data) const
    {
        return QStringLiteral("/v2/%1/blobs/%2").arg(repo, OciFixtures::digestOf(data));
    }
    void verifyBlob(const QString& repo, const QByteArray& data);
    // Opens an upload session and returns its Location (empty on failure, after a QVERIFY failure).
    QString openSession(const QString& repo);

    BerthdProcess m_registry;
    std::unique_ptr<RegistryClient> m_client;
    QString m_repo;
    QByteArray m_config;
    QByteArray m_layer;
};

void TestConformancePush::initTestCase()
{
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    m_client = std::make_unique<RegistryClient>(m_registry.baseUrl());
    m_repo = OciFixtures::uniqueRepository(QStringLiteral("conformance/push"));
    m_config = OciFixtures::config(2);
    m_layer = OciFixtures::randomBytes(200 * 1024 + 3, 22);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, m_config), 201);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, m_layer), 201);
}

void TestConformancePush::cleanupTestCase()
{
    if (!m_registry.isExternal())
        qInfo("berthd peak RSS: %lld KiB", static_cast<long long>(m_registry.peakRssKiB()));
    QCOMPARE(m_registry.stop(), 0);
}

void TestConformancePush::verifyBlob(const QString& repo, const QByteArray& data)
{
    const RegistryResponse r = m_client->get(blobPath(repo, data));
    CONFORM_STATUS(r, 200);
    QVERIFY2(r.body == data, "the stored blob differs from what was uploaded");
}

QString TestConformancePush::openSession(const QString& repo)
{
    const RegistryResponse r = m_client->startUpload(repo);
    if (r.status != 202 || r.header("Location").isEmpty()) {
        qWarning("POST /v2/%s/blobs/uploads/ failed: %s", qPrintable(repo), qPrintable(r.describe()));
        return {};
    }
    return QString::fromUtf8(r.header("Location"));
}

void TestConformancePush::streamedPatchThenPut()
{
    const QByteArray blob = OciFixtures::randomBytes(5000, 101);
    const QString location = openSession(m_repo);
    QVERIFY(!location.isEmpty());
    const RegistryResponse patched =
        m_client->request("PATCH", location, {{"Content-Type", "application/octet-stream"}}, blob);
    CONFORM_STATUS(patched, 202);
    CONFORM_HAS_HEADER(patched, "Location");
    CONFORM_HEADER(patched, "Range", "0-" + QByteArray::number(blob.size() - 1));

    const RegistryResponse put =
        m_client->request("PUT",
                          RegistryClient::withQuery(QString::fromUtf8(patched.header("Location")),
                                                    QStringLiteral("digest"), OciFixtures::digestOf(blob)),
                          {{"Content-Type", "application/octet-stream"}});
    CONFORM_STATUS(put, 201);
    CONFORM_HAS_HEADER(put, "Location");
    CONFORM_HEADER(put, "Docker-Content-Digest", OciFixtures::digestOf(blob).toUtf8());
    verifyBlob(m_repo, blob);
}

void TestConformancePush::monolithicPost()
{
    const QByteArray blob = OciFixtures::randomBytes(3000, 102);
    CONFORM_STATUS(m_client->get(blobPath(m_repo, blob)), 404);
    const RegistryResponse r = m_client->pushBlobMonolithic(m_repo, blob);
    CONFORM_STATUS(r, 201);
    CONFORM_HAS_HEADER(r, "Location");
    verifyBlob(m_repo, blob);
}

void TestConformancePush::postThenPutWithBody()
{
    const QByteArray blob = OciFixtures::randomBytes(4000, 103);
    const QString location = openSession(m_repo);
    QVERIFY(!location.isEmpty());
    const RegistryResponse r = m_client->request(
        "PUT", RegistryClient::withQuery(location, QStringLiteral("digest"), OciFixtures::digestOf(blob)),
        {{"Content-Type", "application/octet-stream"}}, blob);
    CONFORM_STATUS(r, 201);
    CONFORM_HAS_HEADER(r, "Location");
    verifyBlob(m_repo, blob);
}

void TestConformancePush::chunkedUpload()
{
    const QByteArray blob = OciFixtures::randomBytes(3 * 4096 + 100, 104);
    QString location = openSession(m_repo);
    QVERIFY(!location.isEmpty());
    const int chunk = 4096;
    int offset = 0;
    // All chunks but the last go by PATCH; the last one rides on the closing PUT.
    for (; offset + chunk < blob.size(); offset += chunk) {
        const QByteArray range = QByteArray::number(offset) + '-' + QByteArray::number(offset + chunk - 1);
        const RegistryResponse r = m_client->request("PATCH", location,
                                                     {{"Content-Type", "application/octet-stream"},
                                                      {"Content-Range", range},
                                                      {"Content-Length", "4096"}},
                                                     blob.mid(offset, chunk));
        CONFORM_STATUS(r, 202);
        CONFORM_HAS_HEADER(r, "Location");
        CONFORM_HEADER(r, "Range", "0-" + QByteArray::number(offset + chunk - 1));
        location = QString::fromUtf8(r.header("Location"));
    }
    const QByteArray last = blob.mid(offset);
    const QByteArray range = QByteArray::number(offset) + '-' + QByteArray::number(blob.size() - 1);
    const RegistryResponse put = m_client->request(
        "PUT", RegistryClient::withQuery(location, QStringLiteral("digest"), OciFixtures::digestOf(blob)),
        {{"Content-Type", "application/octet-stream"}, {"Content-Range", range}}, last);
    CONFORM_STATUS(put, 201);
    CONFORM_HAS_HEADER(put, "Location");
    verifyBlob(m_repo, blob);

    // The same again through the client helper, with an uneven chunk size and a closing PUT without a body.
    const QByteArray other = OciFixtures::randomBytes(10 * 1000 + 1, 114);
    CONFORM_STATUS(m_client->pushBlobChunked(m_repo, other, 999), 201);
    verifyBlob(m_repo, other);
}

void TestConformancePush::outOfOrderFirstChunkIs416()
{
    const QString location = openSession(m_repo);
    QVERIFY(!location.isEmpty());
    const RegistryResponse r = m_client->request(
        "PATCH", location, {{"Content-Type", "application/octet-stream"}, {"Content-Range", "10-19"}},
        QByteArray(10, 'x'));
    CONFORM_STATUS(r, 416);
}

void TestConformancePush::resentChunkIs416()
{
    const QByteArray blob = OciFixtures::randomBytes(2000, 105);
    const QString location = openSession(m_repo);
    QVERIFY(!location.isEmpty());
    const RegistryResponse first = m_client->request(
        "PATCH", location, {{"Content-Type", "application/octet-stream"}, {"Content-Range", "0-999"}},
        blob.left(1000));
    CONFORM_STATUS(first, 202);
    const QString next = QString::fromUtf8(first.header("Location"));
    const RegistryResponse again = m_client->request(
        "PATCH", next, {{"Content-Type", "application/octet-stream"}, {"Content-Range", "0-999"}},
        blob.left(1000));
    CONFORM_STATUS(again, 416);
    // A gap is refused the same way.
    const RegistryResponse gap = m_client->request(
        "PATCH", next, {{"Content-Type", "application/octet-stream"}, {"Content-Range", "1500-1999"}},
        blob.mid(1500));
    CONFORM_STATUS(gap, 416);
    // The session is still usable from the right offset.
    const RegistryResponse status = m_client->get(next);
    CONFORM_STATUS(status, 204);
    CONFORM_HEADER(status, "Range", "0-999");
    const RegistryResponse second = m_client->request(
        "PATCH", QString::fromUtf8(status.header("Location")),
        {{"Content-Type", "application/octet-stream"}, {"Content-Range", "1000-1999"}}, blob.mid(1000));
    CONFORM_STATUS(second, 202);
    const RegistryResponse put = m_client->request(
        "PUT", RegistryClient::withQuery(QString::fromUtf8(second.header("Location")),
                                         QStringLiteral("digest"), OciFixtures::digestOf(blob)));
    CONFORM_STATUS(put, 201);
    verifyBlob(m_repo, blob);
}

void TestConformancePush::uploadStatusReportsRange()
{
    const QByteArray blob = OciFixtures::randomBytes(1500, 106);
    const QString location = openSession(m_repo);
    QVERIFY(!location.isEmpty());
    const RegistryResponse fresh = m_client->get(location);
    CONFORM_STATUS(fresh, 204);
    CONFORM_HAS_HEADER(fresh, "Location");
    // An empty session: the spec's Range for "nothing yet" is 0-0 in practice; accept 0-0 or 0--1 is
    // not meaningful, so only require that the header exists.
    CONFORM_HAS_HEADER(fresh, "Range");

    const RegistryResponse patched = m_client->request(
        "PATCH", location, {{"Content-Type", "application/octet-stream"}, {"Content-Range", "0-1499"}}, blob);
    CONFORM_STATUS(patched, 202);
    const RegistryResponse status = m_client->get(QString::fromUtf8(patched.header("Location")));
    CONFORM_STATUS(status, 204);
    CONFORM_HEADER(status, "Range", "0-1499");
    CONFORM_HAS_HEADER(status, "Location");
    QVERIFY(status.body.isEmpty());
    // Clean up the session.
    m_client->del(QString::fromUtf8(status.header("Location")));
}

void TestConformancePush::putWithWrongDigestIsDigestInvalid()
{
    const QByteArray blob = OciFixtures::randomBytes(1000, 107);
    const QString location = openSession(m_repo);
    QVERIFY(!location.isEmpty());
    const QString wrong = OciFixtures::digestOf("something else");
    const RegistryResponse r =
        m_client->request("PUT", RegistryClient::withQuery(location, QStringLiteral("digest"), wrong),
                          {{"Content-Type", "application/octet-stream"}}, blob);
    CONFORM_ERROR(r, 400, "DIGEST_INVALID");
    CONFORM_STATUS(m_client->head(QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, wrong)), 404);
    CONFORM_STATUS(m_client->head(blobPath(m_repo, blob)), 404);
}

void TestConformancePush::monolithicPostWithWrongDigestIsDigestInvalid()
{
    const QByteArray blob = OciFixtures::randomBytes(1000, 108);
    const QString wrong = OciFixtures::digestOf("another thing");
    const RegistryResponse r =
        m_client->request("POST",
                          RegistryClient::withQuery(QStringLiteral("/v2/%1/blobs/uploads/").arg(m_repo),
                                                    QStringLiteral("digest"), wrong),
                          {{"Content-Type", "application/octet-stream"}}, blob);
    CONFORM_ERROR(r, 400, "DIGEST_INVALID");
    CONFORM_STATUS(m_client->head(blobPath(m_repo, blob)), 404);
}

void TestConformancePush::invalidDigestStringIsDigestInvalid_data()
{
    QTest::addColumn<QString>("digest");
    QTest::newRow("short hex") << QStringLiteral("sha256:abc");
    QTest::newRow("non-hex") << QStringLiteral("sha256:") + QString(64, QLatin1Char('g'));
    QTest::newRow("no algorithm") << QString(64, QLatin1Char('a'));
    QTest::newRow("unknown algorithm") << QStringLiteral("foo:1234");
}

void TestConformancePush::invalidDigestStringIsDigestInvalid()
{
    QFETCH(QString, digest);
    const QByteArray blob = OciFixtures::randomBytes(100, 109);
    const QString location = openSession(m_repo);
    QVERIFY(!location.isEmpty());
    const RegistryResponse r =
        m_client->request("PUT", RegistryClient::withQuery(location, QStringLiteral("digest"), digest),
                          {{"Content-Type", "application/octet-stream"}}, blob);
    CONFORM_ERROR(r, 400, "DIGEST_INVALID");
}

void TestConformancePush::crossRepositoryMount()
{
    const QByteArray blob = OciFixtures::randomBytes(2500, 110);
    const QString source = m_repo + QStringLiteral("/mount-source");
    const QString target = m_repo + QStringLiteral("/mount-target");
    CONFORM_STATUS(m_client->pushBlobPostPut(source, blob), 201);
    CONFORM_STATUS(m_client->head(blobPath(target, blob)), 404);

    const RegistryResponse r =
        m_client->request("POST", QStringLiteral("/v2/%1/blobs/uploads/?mount=%2&from=%3")
                                      .arg(target, OciFixtures::digestOf(blob), source));
    CONFORM_STATUS(r, 201);
    CONFORM_HAS_HEADER(r, "Location");
    QVERIFY2(RegistryClient::pathOf(QString::fromUtf8(r.header("Location"))) == blobPath(target, blob),
             qPrintable(QStringLiteral("Location %1").arg(QString::fromUtf8(r.header("Location")))));
    verifyBlob(target, blob);
}

void TestConformancePush::mountOfBlobMissingFromSourceOpensSession()
{
    const QByteArray blob = OciFixtures::randomBytes(700, 111);
    const QString source = m_repo + QStringLiteral("/mount-empty-source");
    const QString target = m_repo + QStringLiteral("/mount-fallback");
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, blob), 201); // exists, but not in `source`
    const RegistryResponse r =
        m_client->request("POST", QStringLiteral("/v2/%1/blobs/uploads/?mount=%2&from=%3")
                                      .arg(target, OciFixtures::digestOf(blob), source));
    CONFORM_STATUS(r, 202);
    CONFORM_HAS_HEADER(r, "Location");
    // The fallback session takes the upload.
    const RegistryResponse put =
        m_client->request("PUT",
                          RegistryClient::withQuery(QString::fromUtf8(r.header("Location")),
                                                    QStringLiteral("digest"), OciFixtures::digestOf(blob)),
                          {{"Content-Type", "application/octet-stream"}}, blob);
    CONFORM_STATUS(put, 201);
    verifyBlob(target, blob);
}

void TestConformancePush::mountWithoutFrom()
{
    const QByteArray blob = OciFixtures::randomBytes(900, 112);
    const QString target = m_repo + QStringLiteral("/mount-nofrom");
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, blob), 201);
    const RegistryResponse r = m_client->request(
        "POST", QStringLiteral("/v2/%1/blobs/uploads/?mount=%2").arg(target, OciFixtures::digestOf(blob)));
    // The registry may mount from any repository it chooses (201) or open a session (202).
    QVERIFY2(r.status == 201 || r.status == 202, qPrintable(r.describe()));
    CONFORM_HAS_HEADER(r, "Location");
    if (r.status == 201)
        verifyBlob(target, blob);
    else
        m_client->del(QString::fromUtf8(r.header("Location")));
}

void TestConformancePush::mountOfUnknownBlobOpensSession()
{
    const QString target = m_repo + QStringLiteral("/mount-unknown");
    const RegistryResponse r =
        m_client->request("POST", QStringLiteral("/v2/%1/blobs/uploads/?mount=%2&from=%3")
                                      .arg(target, OciFixtures::digestOf("a blob nobody uploaded"), m_repo));
    CONFORM_STATUS(r, 202);
    CONFORM_HAS_HEADER(r, "Location");
    CONFORM_STATUS(m_client->del(QString::fromUtf8(r.header("Location"))), 204);
}

void TestConformancePush::manifestWithoutLayers()
{
    const QByteArray manifest = OciFixtures::imageManifest(m_config, {});
    const RegistryResponse r =
        m_client->pushManifest(m_repo, QStringLiteral("no-layers"), OciFixtures::kManifestType, manifest);
    CONFORM_STATUS(r, 201);
    CONFORM_HEADER(r, "Docker-Content-Digest", OciFixtures::digestOf(manifest).toUtf8());
}

void TestConformancePush::manifestPutByTag()
{
    const QByteArray manifest = OciFixtures::imageManifest(m_config, {m_layer});
    const QString digest = OciFixtures::digestOf(manifest);
    for (int i = 0; i < 4; ++i) {
        const RegistryResponse r = m_client->pushManifest(m_repo, QStringLiteral("test%1").arg(i),
                                                          OciFixtures::kManifestType, manifest);
        CONFORM_STATUS(r, 201);
        CONFORM_HAS_HEADER(r, "Location");
        CONFORM_HEADER(r, "Docker-Content-Digest", digest.toUtf8());
    }
    const RegistryResponse get = m_client->get(QStringLiteral("/v2/%1/manifests/%2").arg(m_repo, digest),
                                               {{"Accept", OciFixtures::kManifestType}});
    CONFORM_STATUS(get, 200);
    QCOMPARE(get.body, manifest);
}

void TestConformancePush::manifestPutByDigest()
{
    OciFixtures::ManifestOptions options;
    options.annotations.insert(QStringLiteral("org.example.by-digest"), QStringLiteral("yes"));
    const QByteArray manifest = OciFixtures::imageManifest(m_config, {m_layer}, options);
    const QString digest = OciFixtures::digestOf(manifest);
    const RegistryResponse r = m_client->pushManifest(m_repo, digest, OciFixtures::kManifestType, manifest);
    CONFORM_STATUS(r, 201);
    CONFORM_HAS_HEADER(r, "Location");
    CONFORM_HEADER(r, "Docker-Content-Digest", digest.toUtf8());
    const RegistryResponse get = m_client->get(QStringLiteral("/v2/%1/manifests/%2").arg(m_repo, digest),
                                               {{"Accept", OciFixtures::kManifestType}});
    CONFORM_STATUS(get, 200);
    QCOMPARE(get.body, manifest);
}

void TestConformancePush::manifestWithMissingBlobIsBlobUnknown()
{
    const QByteArray missingLayer = OciFixtures::randomBytes(300, 113); // never uploaded
    const QByteArray manifest = OciFixtures::imageManifest(m_config, {missingLayer});
    const RegistryResponse r =
        m_client->pushManifest(m_repo, QStringLiteral("missing-blob"), OciFixtures::kManifestType, manifest);
    CONFORM_ERROR(r, 400, "MANIFEST_BLOB_UNKNOWN");
    const QByteArray missingConfig = OciFixtures::config(9999);
    const RegistryResponse r2 =
        m_client->pushManifest(m_repo, QStringLiteral("missing-config"), OciFixtures::kManifestType,
                               OciFixtures::imageManifest(missingConfig, {m_layer}));
    CONFORM_ERROR(r2, 400, "MANIFEST_BLOB_UNKNOWN");
}

// The spec lets a registry accept an index whose children are absent; Berth refuses it.
void TestConformancePush::indexWithMissingChildIsManifestUnknown()
{
    const QByteArray absent = OciFixtures::imageManifest(OciFixtures::config(77), {});
    const QByteArray index = OciFixtures::imageIndex(
        {OciFixtures::descriptor(QString::fromLatin1(OciFixtures::kManifestType), absent)});
    const RegistryResponse r =
        m_client->pushManifest(m_repo, QStringLiteral("missing-child"), OciFixtures::kIndexType, index);
    QVERIFY2((r.status == 400 || r.status == 404) &&
                 r.errorCodes().contains(QStringLiteral("MANIFEST_UNKNOWN")),
             qPrintable(r.describe()));
}

void TestConformancePush::manifestWithSubjectAnswersOciSubject()
{
    const QByteArray subject = OciFixtures::imageManifest(m_config, {m_layer});
    CONFORM_STATUS(
        m_client->pushManifest(m_repo, QStringLiteral("subject"), OciFixtures::kManifestType, subject), 201);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, OciFixtures::emptyJson()), 201);

    OciFixtures::ManifestOptions options;
    options.artifactType = QStringLiteral("application/vnd.berth.test.signature");
    options.configMediaType = QString::fromLatin1(OciFixtures::kEmptyJsonType);
    options.subject = OciFixtures::descriptor(QString::fromLatin1(OciFixtures::kManifestType), subject);
    const QByteArray referrer = OciFixtures::imageManifest(OciFixtures::emptyJson(), {m_layer}, options);
    const QString digest = OciFixtures::digestOf(referrer);
    const RegistryResponse r = m_client->pushManifest(m_repo, digest, OciFixtures::kManifestType, referrer);
    CONFORM_STATUS(r, 201);
    CONFORM_HEADER(r, "OCI-Subject", OciFixtures::digestOf(subject).toUtf8());

    // A subject that does not exist (yet) is accepted all the same.
    OciFixtures::ManifestOptions dangling = options;
    dangling.subject = OciFixtures::descriptorOf(QString::fromLatin1(OciFixtures::kManifestType),
                                                 OciFixtures::digestOf("not pushed"), 10);
    const QByteArray orphan = OciFixtures::imageManifest(OciFixtures::emptyJson(), {m_layer}, dangling);
    const RegistryResponse r2 =
        m_client->pushManifest(m_repo, OciFixtures::digestOf(orphan), OciFixtures::kManifestType, orphan);
    CONFORM_STATUS(r2, 201);
    CONFORM_HEADER(r2, "OCI-Subject", OciFixtures::digestOf("not pushed").toUtf8());
}

void TestConformancePush::invalidManifestIsManifestInvalid_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << QByteArray("this is not a manifest");
    QTest::newRow("truncated JSON") << QByteArray("{\"schemaVersion\":2,\"mediaType\":");
    QTest::newRow("JSON array") << QByteArray("[1,2,3]");
    QTest::newRow("no config") << QByteArray(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}");
    QTest::newRow("wrong schemaVersion") << QByteArray(
        "{\"schemaVersion\":1,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
        "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[]}");
}

void TestConformancePush::invalidManifestIsManifestInvalid()
{
    QFETCH(QByteArray, body);
    const RegistryResponse r =
        m_client->pushManifest(m_repo, QStringLiteral("invalid"), OciFixtures::kManifestType, body);
    CONFORM_ERROR(r, 400, "MANIFEST_INVALID");
}

void TestConformancePush::invalidNameIsNameInvalid_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("upper case") << QStringLiteral("Conformance/UPPER");
    QTest::newRow("trailing separator") << QStringLiteral("conformance/bad-");
    QTest::newRow("double separator") << QStringLiteral("conformance/a__-b");
}

void TestConformancePush::invalidNameIsNameInvalid()
{
    QFETCH(QString, name);
    CONFORM_ERROR(m_client->startUpload(name), 400, "NAME_INVALID");
    const QByteArray manifest = OciFixtures::imageManifest(m_config, {m_layer});
    CONFORM_ERROR(
        m_client->pushManifest(name, QStringLiteral("latest"), OciFixtures::kManifestType, manifest), 400,
        "NAME_INVALID");
}

void TestConformancePush::nonexistentManifestIs404()
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/manifests/never-pushed").arg(m_repo),
                                             {{"Accept", OciFixtures::kManifestType}});
    CONFORM_ERROR(r, 404, "MANIFEST_UNKNOWN");
}

QTEST_GUILESS_MAIN(TestConformancePush)
#include "tst_conformance_push.moc"
