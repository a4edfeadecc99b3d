// Edge cases beyond the official workflows: clients that vanish mid-upload, many clients pushing
// the same blob at once, uploads resumed from the offset the registry reports, and hostile
// repository names that must never reach the file system.

#include "ConformanceChecks.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QDirIterator>
#include <QThread>
#include <QtTest>
#include <atomic>
#include <memory>
#include <vector>

using namespace berth;

class TestConformanceEdge : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void disconnectMidUploadLeavesNoBlob_data();
    void disconnectMidUploadLeavesNoBlob();
    void concurrentPushesOfSameBlob();
    void resumedUploadContinuesAtReportedOffset();
    void hostileNamesAreRefused_data();
    void hostileNamesAreRefused();
    void nothingWrittenOutsideDataDir();

private:
    // Files named <hex> anywhere under the data directory (-1 for an external registry).
    int storedCopies(const QString& digest) const;

    BerthdProcess m_registry;
    std::unique_ptr<RegistryClient> m_client;
    QString m_repo;
};

void TestConformanceEdge::initTestCase()
{
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    m_client = std::make_unique<RegistryClient>(m_registry.baseUrl());
    m_repo = OciFixtures::uniqueRepository(QStringLiteral("conformance/edge"));
}

void TestConformanceEdge::cleanupTestCase()
{
    if (!m_registry.isExternal())
        qInfo("berthd peak RSS: %lld KiB", static_cast<long long>(m_registry.peakRssKiB()));
    QCOMPARE(m_registry.stop(), 0);
}

int TestConformanceEdge::storedCopies(const QString& digest) const
{
    if (m_registry.isExternal())
        return -1;
    const QString hex = digest.section(QLatin1Char(':'), 1);
    int count = 0;
    QDirIterator it(m_registry.dataDir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        if (it.fileName() == hex)
            ++count;
    }
    return count;
}

void TestConformanceEdge::disconnectMidUploadLeavesNoBlob_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("monolithic POST") << QStringLiteral("post");
    QTest::newRow("PATCH") << QStringLiteral("patch");
    QTest::newRow("closing PUT") << QStringLiteral("put");
}

void TestConformanceEdge::disconnectMidUploadLeavesNoBlob()
{
    QFETCH(QString, how);
    const QByteArray blob = OciFixtures::randomBytes(1024 * 1024, static_cast<quint32>(qHash(how)));
    const QString digest = OciFixtures::digestOf(blob);
    const QByteArray partial = blob.left(64 * 1024);
    const RegistryClient::Headers octets{{"Content-Type", "application/octet-stream"}};

    if (how == QLatin1String("post")) {
        QVERIFY(m_client->sendPartialAndDisconnect(
            "POST",
            RegistryClient::withQuery(QStringLiteral("/v2/%1/blobs/uploads/").arg(m_repo),
                                      QStringLiteral("digest"), digest),
            octets, blob.size(), partial));
    } else {
        const RegistryResponse started = m_client->startUpload(m_repo);
        CONFORM_STATUS(started, 202);
        const QString location = QString::fromUtf8(started.header("Location"));
        if (how == QLatin1String("patch")) {
            QVERIFY(m_client->sendPartialAndDisconnect("PATCH", location, octets, blob.size(), partial));
        } else {
            QVERIFY(m_client->sendPartialAndDisconnect(
                "PUT", RegistryClient::withQuery(location, QStringLiteral("digest"), digest), octets,
                blob.size(), partial));
        }
    }

    // Incomplete bytes can never become the blob, whatever the server is still doing with them.
    CONFORM_STATUS(m_client->head(QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, digest)), 404);
    QCOMPARE(storedCopies(digest) > 0, false);

    // And the registry still takes the whole blob afterwards.
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, blob), 201);
    const RegistryResponse get = m_client->get(QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, digest));
    CONFORM_STATUS(get, 200);
    QVERIFY(get.body == blob);
}

void TestConformanceEdge::concurrentPushesOfSameBlob()
{
    constexpr int kClients = 8;
    const QByteArray blob = OciFixtures::randomBytes(512 * 1024, 808);
    const QString digest = OciFixtures::digestOf(blob);
    const QUrl base = m_registry.baseUrl();
    std::vector<RegistryResponse> results(kClients);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < kClients; ++i) {
        const QString repo = i % 2 == 0 ? m_repo : m_repo + QStringLiteral("/concurrent");
        threads.emplace_back(QThread::create([&results, i, base, repo, &blob]() {
            RegistryClient client(base);
            results[static_cast<size_t>(i)] = client.pushBlobPostPut(repo, blob);
        }));
    }
    for (auto& t : threads)
        t->start();
    for (auto& t : threads)
        QVERIFY(t->wait(QDeadlineTimer(120000)));

    for (int i = 0; i < kClients; ++i)
        QVERIFY2(results[static_cast<size_t>(i)].status == 201,
                 qPrintable(
                     QStringLiteral("client %1: %2").arg(i).arg(results[static_cast<size_t>(i)].describe())));
    for (const QString& repo : {m_repo, m_repo + QStringLiteral("/concurrent")}) {
        const RegistryResponse get = m_client->get(QStringLiteral("/v2/%1/blobs/%2").arg(repo, digest));
        CONFORM_STATUS(get, 200);
        QVERIFY(get.body == blob);
    }
    if (!m_registry.isExternal())
        QCOMPARE(storedCopies(digest), 1);
}

void TestConformanceEdge::resumedUploadContinuesAtReportedOffset()
{
    const QByteArray blob = OciFixtures::randomBytes(300 * 1024 + 11, 909);
    const RegistryResponse started = m_client->startUpload(m_repo);
    CONFORM_STATUS(started, 202);
    const int firstPart = 100 * 1024 + 5;
    const RegistryResponse first =
        m_client->request("PATCH", QString::fromUtf8(started.header("Location")),
                          {{"Content-Type", "application/octet-stream"},
                           {"Content-Range", "0-" + QByteArray::number(firstPart - 1)}},
                          blob.left(firstPart));
    CONFORM_STATUS(first, 202);

    // A different client (as after a crash) asks where the upload stands and resumes from there.
    RegistryClient other(m_registry.baseUrl());
    const RegistryResponse status = other.get(QString::fromUtf8(first.header("Location")));
    CONFORM_STATUS(status, 204);
    const QByteArray range = status.header("Range");
    QVERIFY2(range.startsWith("0-"), qPrintable(status.describe()));
    bool ok = false;
    const int next = range.mid(2).toInt(&ok) + 1;
    QVERIFY(ok);
    QCOMPARE(next, firstPart);

    const RegistryResponse second = other.request(
        "PATCH", QString::fromUtf8(status.header("Location")),
        {{"Content-Type", "application/octet-stream"},
         {"Content-Range", QByteArray::number(next) + '-' + QByteArray::number(blob.size() - 1)}},
        blob.mid(next));
    CONFORM_STATUS(second, 202);
    CONFORM_HEADER(second, "Range", "0-" + QByteArray::number(blob.size() - 1));
    const RegistryResponse put = other.request(
        "PUT", RegistryClient::withQuery(QString::fromUtf8(second.header("Location")),
                                         QStringLiteral("digest"), OciFixtures::digestOf(blob)));
    CONFORM_STATUS(put, 201);
    const RegistryResponse get =
        m_client->get(QStringLiteral("/v2/%1/blobs/%2").arg(m_repo, OciFixtures::digestOf(blob)));
    CONFORM_STATUS(get, 200);
    QVERIFY(get.body == blob);
}

void TestConformanceEdge::hostileNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("dot-dot") << QStringLiteral("../etc");
    QTest::newRow("dot-dot deep") << QStringLiteral("a/../../../../etc");
    QTest::newRow("encoded dot-dot") << QStringLiteral("%2e%2e");
    QTest::newRow("encoded dot-dot path") << QStringLiteral("%2e%2e/%2e%2e/etc");
    QTest::newRow("encoded slash") << QStringLiteral("..%2f..%2fetc");
    QTest::newRow("dot") << QStringLiteral("./a");
    QTest::newRow("upper case") << QStringLiteral("Hostile/Name");
    QTest::newRow("256 characters") << QString(256, QLatin1Char('a'));
    QTest::newRow("empty component") << QStringLiteral("a//b");
    QTest::newRow("NUL byte") << QStringLiteral("a%00b");
    QTest::newRow("backslash") << QStringLiteral("a%5c..%5cb");
    QTest::newRow("leading separator") << QStringLiteral("-a");
}

void TestConformanceEdge::hostileNamesAreRefused()
{
    QFETCH(QString, name);
    const QByteArray blob = OciFixtures::randomBytes(64, 1);
    const RegistryResponse head =
        m_client->head(QStringLiteral("/v2/%1/blobs/%2").arg(name, OciFixtures::digestOf(blob)));
    QVERIFY2(head.status == 400 || head.status == 404, qPrintable(head.describe()));
    // A NUL byte may be refused by the HTTP layer before any route sees a name.
    const bool httpLevel = name.contains(QLatin1String("%00"));
    const QList<RegistryResponse> responses{
        m_client->get(QStringLiteral("/v2/%1/tags/list").arg(name)),
        m_client->get(QStringLiteral("/v2/%1/manifests/latest").arg(name)),
        m_client->startUpload(name),
        m_client->pushBlobMonolithic(name, blob),
        m_client->pushManifest(name, QStringLiteral("latest"), OciFixtures::kManifestType,
                               OciFixtures::imageManifest(OciFixtures::config(1), {})),
    };
    for (const RegistryResponse& r : responses) {
        QVERIFY2(r.status == 400 || r.status == 404, qPrintable(r.describe()));
        if (r.status == 400 && !httpLevel)
            QVERIFY2(r.errorCodes().contains(QStringLiteral("NAME_INVALID")), qPrintable(r.describe()));
    }
}

void TestConformanceEdge::nothingWrittenOutsideDataDir()
{
    if (m_registry.isExternal())
        QSKIP("needs a berthd started by the test");
    // The temporary directory holds the data directory, the ready file, the administrator's password
    // file and berthd's log: nothing
    // that a hostile name could have created beside them.
    QDir parent(QFileInfo(m_registry.dataDir()).absolutePath());
    QStringList entries = parent.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    entries.sort();
    QCOMPARE(entries, (QStringList{QStringLiteral("admin-password"), QStringLiteral("berthd.log"),
                                   QStringLiteral("data"), QStringLiteral("ready")}));
    QVERIFY(!QFileInfo::exists(parent.filePath(QStringLiteral("../etc"))));
}

QTEST_GUILESS_MAIN(TestConformanceEdge)
#include "tst_conformance_edge.moc"
