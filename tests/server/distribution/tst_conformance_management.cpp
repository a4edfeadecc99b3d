// Content management workflow: deleting tags, manifests and blobs, the 404s that follow, and
// cancelling upload sessions.

#include "ConformanceChecks.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace berth;

namespace {
const RegistryClient::Headers kAcceptManifests{
    {"Accept", QByteArray(OciFixtures::kManifestType) + ", " + OciFixtures::kIndexType}};
}

class TestConformanceManagement : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void deleteTag();
    void deleteManifestByDigest();
    void deleteManifestTwiceIs404();
    void deleteUnknownTagIs404();
    void deleteBlob();
    void deleteUnknownBlobIs404();
    void cancelUpload();
    void unknownUploadSessionIs404();

private:
    QStringList tags() const;

    BerthdProcess m_registry;
    std::unique_ptr<RegistryClient> m_client;
    QString m_repo;
    QByteArray m_config;
    QByteArray m_layer;
    QByteArray m_manifest;
    QString m_digest;
};

void TestConformanceManagement::initTestCase()
{
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    m_client = std::make_unique<RegistryClient>(m_registry.baseUrl());
    m_repo = OciFixtures::uniqueRepository(QStringLiteral("conformance/management"));
    m_config = OciFixtures::config(4);
    m_layer = OciFixtures::randomBytes(4096, 44);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, m_config), 201);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, m_layer), 201);
    m_manifest = OciFixtures::imageManifest(m_config, {m_layer});
    m_digest = OciFixtures::digestOf(m_manifest);
    for (const QString& tag :
         {QStringLiteral("tagtest0"), QStringLiteral("tagtest1"), QStringLiteral("keep")})
        CONFORM_STATUS(m_client->pushManifest(m_repo, tag, OciFixtures::kManifestType, m_manifest), 201);
}

void TestConformanceManagement::cleanupTestCase()
{
    if (!m_registry.isExternal())
        qInfo("berthd peak RSS: %lld KiB", static_cast<long long>(m_registry.peakRssKiB()));
    QCOMPARE(m_registry.stop(), 0);
}

QStringList TestConformanceManagement::tags() const
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/tags/list").arg(m_repo));
    QStringList list;
    for (const QJsonValue& v : r.json().object().value(QStringLiteral("tags")).toArray())
        list.append(v.toString());
    return list;
}

void TestConformanceManagement::deleteTag()
{
    QVERIFY(tags().contains(QStringLiteral("tagtest0")));
    const RegistryResponse r = m_client->del(QStringLiteral("/v2/%1/manifests/tagtest0").arg(m_repo));
    CONFORM_STATUS(r, 202);
    QVERIFY(!tags().contains(QStringLiteral("tagtest0")));
    CONFORM_ERROR(m_client->get(QStringLiteral("/v2/%1/manifests/tagtest0").arg(m_repo), kAcceptManifests),
                  404, "MANIFEST_UNKNOWN");
    // Only the tag went: the manifest and its other tags remain.
    CONFORM_STATUS(
        m_client->get(QStringLiteral("/v2/%1/manifests/%2").arg(m_repo, m_digest), kAcceptManifests), 200);
    CONFORM_STATUS(m_client->get(QStringLiteral("/v2/%1/manifests/tagtest1").arg(m_repo), kAcceptManifests),
                   200);
}

void TestConformanceManagement::deleteManifestByDigest()
{
    const int before = tags().size();
    const QString path = QStringLiteral("/v2/%1/manifests/%2").arg(m_repo, m_digest);
    CONFORM_STATUS(m_client->del(path), 202);
    CONFORM_ERROR(m_client->get(path, kAcceptManifests), 404, "MANIFEST_UNKNOWN");
    CONFORM_STATUS(m_client->head(path, kAcceptManifests), 404);
    // Every tag that pointed at it is gone too.
    CONFORM_STATUS(m_client->get(QStringLiteral("/v2/%1/manifests/tagtest1").arg(m_repo), kAcceptManifests),
                   404);
    const QStringList after = tags();
    QVERIFY2(after.size() < before, qPrintable(after.join(QLatin1Char(','))));
    QVERIFY(!after.contains(QStringLiteral("keep")));
}

void TestConformanceManagement::deleteManifestTwiceIs404()
{
    CONFORM_ERROR(m_client->del(QStringLiteral("/v2/%1/manifests/%2").arg(m_repo, m_digest)), 404,
                  "MANIFEST_UNKNOWN");
}

void TestConformanceManagement::deleteUnknownTagIs404()
{
    CONFORM_ERROR(m_client->del(QStringLiteral("/v2/%1/manifests/no-such-tag").arg(m_repo)), 404,
                  "MANIFEST_UNKNOWN");
}

void TestConformanceManagement::deleteBlob()
{
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, OciFixtures::digestOf(m_config));
    CONFORM_STATUS(m_client->head(path), 200);
    CONFORM_STATUS(m_client->del(path), 202);
    CONFORM_ERROR(m_client->get(path), 404, "BLOB_UNKNOWN");
    CONFORM_STATUS(m_client->head(path), 404);
}

void TestConformanceManagement::deleteUnknownBlobIs404()
{
    CONFORM_ERROR(
        m_client->del(QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, OciFixtures::digestOf("never uploaded"))),
        404, "BLOB_UNKNOWN");
    // The blob deleted above is unknown now as well.
    CONFORM_ERROR(
        m_client->del(QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, OciFixtures::digestOf(m_config))), 404,
        "BLOB_UNKNOWN");
}

void TestConformanceManagement::cancelUpload()
{
    const RegistryResponse started = m_client->startUpload(m_repo);
    CONFORM_STATUS(started, 202);
    const QString location = QString::fromUtf8(started.header("Location"));
    const RegistryResponse patched = m_client->request(
        "PATCH", location, {{"Content-Type", "application/octet-stream"}, {"Content-Range", "0-99"}},
        OciFixtures::randomBytes(100, 45));
    CONFORM_STATUS(patched, 202);
    const QString current = QString::fromUtf8(patched.header("Location"));

    CONFORM_STATUS(m_client->del(current), 204);
    CONFORM_ERROR(m_client->get(current), 404, "BLOB_UPLOAD_UNKNOWN");
    CONFORM_ERROR(m_client->request("PATCH", current, {{"Content-Type", "application/octet-stream"}}, "more"),
                  404, "BLOB_UPLOAD_UNKNOWN");
    CONFORM_ERROR(m_client->del(current), 404, "BLOB_UPLOAD_UNKNOWN");
}

void TestConformanceManagement::unknownUploadSessionIs404()
{
    const QString path =
        QStringLiteral("/v2/%1/blobs/uploads/00000000-0000-4000-8000-000000000000").arg(m_repo);
    CONFORM_ERROR(m_client->get(path), 404, "BLOB_UPLOAD_UNKNOWN");
    CONFORM_ERROR(m_client->request(
                      "PUT",
                      RegistryClient::withQuery(path, QStringLiteral("digest"), OciFixtures::digestOf("x")),
                      {}, "x"),
                  404, "BLOB_UPLOAD_UNKNOWN");
}

QTEST_GUILESS_MAIN(TestConformanceManagement)
#include "tst_conformance_management.moc"
