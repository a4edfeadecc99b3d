// Error paths of the /v2 API beyond the official workflows: wrong methods, bad pagination, oversize
// and mismatched manifests, Accept negotiation, sha512 content, and requests that are not for /v2.

#include "ConformanceChecks.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QCryptographicHash>
#include <QTcpSocket>
#include <QtTest>

using namespace berth;

class TestDistributionErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void wrongMethodIs405WithAllow();
    void unknownEndpointIs404WithErrorBody();
    void badPaginationIs400();
    void oversizeManifestIs413();
    void oversizeChunkedManifestIs413();
    void contentTypeContradictingMediaTypeIsInvalid();
    void schemaOneIsRefused();
    void manifestPutByWrongDigestIsDigestInvalid();
    void invalidTagOnPutIsManifestInvalid();
    void acceptWithoutTheStoredTypeIs404();
    void acceptWildcardServesTheManifest();
    void sha512BlobRoundTrip();
    void contentRangeWithWrongLengthIsSizeInvalid();
    void malformedContentRangeIs416();
    void uploadSessionOfAnotherRepositoryIsUnknown();
    void rangeSuffixAndOpenEnded();

private:
    BerthdProcess m_registry;
    std::unique_ptr<RegistryClient> m_client;
    QString m_repo;
    QByteArray m_manifest;
};

void TestDistributionErrors::initTestCase()
{
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    m_client = std::make_unique<RegistryClient>(m_registry.baseUrl());
    m_repo = OciFixtures::uniqueRepository(QStringLiteral("errors/repo"));
    const QByteArray config = OciFixtures::config(7);
    const QByteArray layer = OciFixtures::randomBytes(2048, 7);
    CONFORM_STATUS(m_client->pushBlobMonolithic(m_repo, config), 201);
    CONFORM_STATUS(m_client->pushBlobMonolithic(m_repo, layer), 201);
    m_manifest = OciFixtures::imageManifest(config, {layer});
    CONFORM_STATUS(
        m_client->pushManifest(m_repo, QStringLiteral("v1"), OciFixtures::kManifestType, m_manifest), 201);
}

void TestDistributionErrors::cleanupTestCase()
{
    QCOMPARE(m_registry.stop(), 0);
}

void TestDistributionErrors::wrongMethodIs405WithAllow()
{
    const RegistryResponse r = m_client->request("POST", QStringLiteral("/v2/%1/tags/list").arg(m_repo));
    CONFORM_ERROR(r, 405, "UNSUPPORTED");
    QVERIFY2(r.header("Allow").contains("GET"), r.header("Allow").constData());
}

void TestDistributionErrors::unknownEndpointIs404WithErrorBody()
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/nothing/here").arg(m_repo));
    QCOMPARE(r.status, 404);
    QVERIFY(!RegistryClient::errorCodes(r.body).isEmpty());
}

void TestDistributionErrors::badPaginationIs400()
{
    for (const QString& n : {QStringLiteral("-1"), QStringLiteral("abc"), QStringLiteral("1e3")}) {
        const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/tags/list?n=%2").arg(m_repo, n));
        CONFORM_ERROR(r, 400, "PAGINATION_NUMBER_INVALID");
    }
}

void TestDistributionErrors::oversizeManifestIs413()
{
    const QByteArray big(4 * 1024 * 1024 + 1, ' ');
    const RegistryResponse r =
        m_client->pushManifest(m_repo, QStringLiteral("big"), OciFixtures::kManifestType, big);
    CONFORM_ERROR(r, 413, "SIZE_INVALID");
}

void TestDistributionErrors::oversizeChunkedManifestIs413()
{
    // No Content-Length: the server only finds out while reading, and must stop there.
    QTcpSocket socket;
    socket.connectToHost(m_registry.baseUrl().host(), quint16(m_registry.baseUrl().port()));
    QVERIFY(socket.waitForConnected(10000));
    socket.write(
        "PUT /v2/" + m_repo.toUtf8() + "/manifests/chunked HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " +
        (BerthdProcess::adminUser() + QLatin1Char(':') + BerthdProcess::adminPassword()).toUtf8().toBase64() +
        "\r\nContent-Type: " + OciFixtures::kManifestType + "\r\nTransfer-Encoding: chunked\r\n\r\n");
    const QByteArray piece(64 * 1024, ' ');
    for (int i = 0; i < 66 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
        socket.waitForBytesWritten(10000);
    }
    socket.write("0\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n") ||
                                 socket.state() != QAbstractSocket::ConnectedState,
                             20000);
    answer += socket.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 413 "), answer.left(200).constData());
    QVERIFY(answer.contains("SIZE_INVALID"));
}

void TestDistributionErrors::contentTypeContradictingMediaTypeIsInvalid()
{
    const RegistryResponse r =
        m_client->pushManifest(m_repo, QStringLiteral("mismatch"), OciFixtures::kIndexType, m_manifest);
    CONFORM_ERROR(r, 400, "MANIFEST_INVALID");
}

void TestDistributionErrors::schemaOneIsRefused()
{
    const QByteArray v1 = R"({"schemaVersion":1,"name":"x","tag":"v1","fsLayers":[],"history":[]})";
    const RegistryResponse r = m_client->pushManifest(
        m_repo, QStringLiteral("old"), "application/vnd.docker.distribution.manifest.v1+prettyjws", v1);
    CONFORM_ERROR(r, 400, "MANIFEST_INVALID");
    QVERIFY2(r.body.contains("schema 1"), r.body.constData());
}

void TestDistributionErrors::manifestPutByWrongDigestIsDigestInvalid()
{
    const QString wrong = QStringLiteral("sha256:") + QString(64, QLatin1Char('0'));
    const RegistryResponse r = m_client->pushManifest(m_repo, wrong, OciFixtures::kManifestType, m_manifest);
    CONFORM_ERROR(r, 400, "DIGEST_INVALID");
}

void TestDistributionErrors::invalidTagOnPutIsManifestInvalid()
{
    const RegistryResponse r =
        m_client->pushManifest(m_repo, QStringLiteral("-bad"), OciFixtures::kManifestType, m_manifest);
    CONFORM_ERROR(r, 400, "MANIFEST_INVALID");
}

void TestDistributionErrors::acceptWithoutTheStoredTypeIs404()
{
    const RegistryResponse r =
        m_client->get(QStringLiteral("/v2/%1/manifests/v1").arg(m_repo),
                      {{"Accept", "application/vnd.docker.distribution.manifest.v2+json"}});
    CONFORM_ERROR(r, 404, "MANIFEST_UNKNOWN");
    QVERIFY2(r.body.contains("Accept"), r.body.constData());
}

void TestDistributionErrors::acceptWildcardServesTheManifest()
{
    const RegistryResponse r = m_client->get(
        QStringLiteral("/v2/%1/manifests/v1").arg(m_repo),
        {{"Accept", "application/vnd.docker.distribution.manifest.v2+json"}, {"Accept", "*/*"}});
    CONFORM_STATUS(r, 200);
    QCOMPARE(r.body, m_manifest);
    QCOMPARE(r.header("Content-Type"), QByteArray(OciFixtures::kManifestType));
}

void TestDistributionErrors::sha512BlobRoundTrip()
{
    const QByteArray data = OciFixtures::randomBytes(5000, 512);
    const QString digest =
        QStringLiteral("sha512:") +
        QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha512).toHex());
    const RegistryResponse put =
        m_client->request("POST",
                          RegistryClient::withQuery(QStringLiteral("/v2/%1/blobs/uploads/").arg(m_repo),
                                                    QStringLiteral("digest"), digest),
                          {{"Content-Type", "application/octet-stream"}}, data);
    CONFORM_STATUS(put, 201);
    QCOMPARE(put.header("Docker-Content-Digest"), digest.toLatin1());
    const RegistryResponse get = m_client->get(QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, digest));
    CONFORM_STATUS(get, 200);
    QCOMPARE(get.body, data);
}

void TestDistributionErrors::contentRangeWithWrongLengthIsSizeInvalid()
{
    const RegistryResponse session = m_client->startUpload(m_repo);
    CONFORM_STATUS(session, 202);
    const QByteArray chunk(100, 'x');
    const RegistryResponse r =
        m_client->request("PATCH", QString::fromLatin1(session.header("Location")),
                          {{"Content-Range", "0-199"}, {"Content-Type", "application/octet-stream"}}, chunk);
    CONFORM_ERROR(r, 400, "SIZE_INVALID");
}

void TestDistributionErrors::malformedContentRangeIs416()
{
    const RegistryResponse session = m_client->startUpload(m_repo);
    CONFORM_STATUS(session, 202);
    const RegistryResponse r = m_client->request("PATCH", QString::fromLatin1(session.header("Location")),
                                                 {{"Content-Range", "zero-ten"}}, QByteArray(11, 'y'));
    CONFORM_ERROR(r, 416, "BLOB_UPLOAD_INVALID");
}

void TestDistributionErrors::uploadSessionOfAnotherRepositoryIsUnknown()
{
    const RegistryResponse session = m_client->startUpload(m_repo);
    CONFORM_STATUS(session, 202);
    QString location = RegistryClient::pathOf(QString::fromLatin1(session.header("Location")));
    location.replace(m_repo, m_repo + QStringLiteral("-other"));
    CONFORM_ERROR(m_client->get(location), 404, "BLOB_UPLOAD_UNKNOWN");
}

void TestDistributionErrors::rangeSuffixAndOpenEnded()
{
    const QByteArray data = OciFixtures::randomBytes(1000, 99);
    CONFORM_STATUS(m_client->pushBlobMonolithic(m_repo, data), 201);
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, OciFixtures::digestOf(data));
    const RegistryResponse suffix = m_client->get(path, {{"Range", "bytes=-10"}});
    CONFORM_STATUS(suffix, 206);
    QCOMPARE(suffix.body, data.right(10));
    QCOMPARE(suffix.header("Content-Range"), QByteArray("bytes 990-999/1000"));
    const RegistryResponse open = m_client->get(path, {{"Range", "bytes=995-"}});
    CONFORM_STATUS(open, 206);
    QCOMPARE(open.body, data.right(5));
    const RegistryResponse beyond = m_client->get(path, {{"Range", "bytes=1000-"}});
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.header("Content-Range"), QByteArray("bytes */1000"));
    // A range we do not serve (several ranges) gets the whole blob, as HTTP allows.
    const RegistryResponse multi = m_client->get(path, {{"Range", "bytes=0-1,5-6"}});
    CONFORM_STATUS(multi, 200);
    QCOMPARE(multi.body, data);
}

QTEST_GUILESS_MAIN(TestDistributionErrors)
#include "tst_distribution_errors.moc"
