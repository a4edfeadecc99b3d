// Fault injection: berthd is killed with SIGKILL at random moments while several clients push images
// and delete manifests, and restarted on the same data each time. After every restart each push the
// registry acknowledged must be whole and pullable, each acknowledged delete must have stayed, and no
// tag may lead to a manifest or blob that is missing. Set BERTH_CRASH_SEED to replay a seed and
// BERTH_CRASH_KILLS to change the number of kills (at least 50 by default).

#include "CrashWorkload.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <thread>

using namespace berth;

namespace {

constexpr int kWorkers = 4;

/// Reads back what the ledger says the registry holds and collects every mismatch.
class CrashChecker
{
public:
    explicit CrashChecker(const QUrl& baseUrl) : m_client(baseUrl) {}

    void checkPush(const CrashPush& push)
    {
        const RegistryResponse byTag = manifest(push.repository, push.tag);
        expect(byTag.status == 200 && byTag.body == push.manifest &&
                   byTag.header("Docker-Content-Digest") == push.digest.toUtf8(),
               QStringLiteral("acknowledged push %1:%2 is not pullable by tag: %3")
                   .arg(push.repository, push.tag, byTag.describe()));
        for (const QByteArray& blob : push.blobs)
            checkBlob(push.repository, blob);
    }

    void checkBlob(const QString& repository, const QByteArray& blob)
    {
        const QString digest = OciFixtures::digestOf(blob);
        const RegistryResponse r = m_client.get(QStringLiteral("/v2/%1/blobs/%2").arg(repository, digest));
        expect(r.status == 200 && r.body == blob,
               QStringLiteral("acknowledged blob %1 in %2 is missing or differs: %3")
                   .arg(digest, repository, r.describe()));
    }

    void checkDeleted(const CrashPush& push)
    {
        const RegistryResponse byDigest = manifest(push.repository, push.digest);
        const RegistryResponse byTag = manifest(push.repository, push.tag);
        expect(byDigest.status == 404 && byTag.status == 404,
               QStringLiteral("deleted manifest %1 (%2) is back: %3 / %4")
                   .arg(push.digest, push.tag, byDigest.describe(), byTag.describe()));
    }

    /// Every tag listed must be one a client pushed and must lead to a whole image; every tag of an
    /// acknowledged push must be listed and none of a deleted one. Unsettled pushes are checked when
    /// their index is at least from (or always when from is 0).
    void checkTags(const QString& repository, const QList<CrashPush>& pushes, int from)
    {
        QSet<QString> listed;
        QString target = QStringLiteral("/v2/%1/tags/list?n=1000").arg(repository);
        while (!target.isEmpty()) {
            const RegistryResponse r = m_client.get(target);
            if (r.status == 404 && listed.isEmpty())
                break; // nothing pushed yet
            if (!expect(r.status == 200, QStringLiteral("tags of %1: %2").arg(repository, r.describe())))
                return;
            for (const QJsonValue& tag : r.json().object().value(QStringLiteral("tags")).toArray())
                listed.insert(tag.toString());
            target = r.nextLink();
        }
        QSet<QString> known;
        for (int i = 0; i < pushes.size(); ++i) {
            const CrashPush& push = pushes[i];
            if (push.repository != repository)
                continue;
            known.insert(push.tag);
            const bool present = listed.contains(push.tag);
            if (push.state == CrashPush::State::Acked)
                expect(present,
                       QStringLiteral("tag %1:%2 was acknowledged but is gone").arg(repository, push.tag));
            else if (push.state == CrashPush::State::Deleted)
                expect(!present,
                       QStringLiteral("tag %1:%2 was deleted but is back").arg(repository, push.tag));
            else if (present && i >= from)
                checkWhole(repository, push.tag);
        }
        for (const QString& tag : std::as_const(listed))
            expect(known.contains(tag), QStringLiteral("tag %1:%2 was never pushed").arg(repository, tag));
    }

    QStringList failures() const { return m_failures; }
    int checks() const { return m_checks; }

private:
    RegistryResponse manifest(const QString& repository, const QString& reference)
    {
        return m_client.get(QStringLiteral("/v2/%1/manifests/%2").arg(repository, reference),
                            {{"Accept", OciFixtures::kManifestType}});
    }

    /// A tag whose push was never acknowledged: if it is visible, all of it must be.
    void checkWhole(const QString& repository, const QString& tag)
    {
        const RegistryResponse r = manifest(repository, tag);
        if (!expect(
                r.status == 200,
                QStringLiteral("listed tag %1:%2 does not resolve: %3").arg(repository, tag, r.describe())))
            return;
        const QJsonObject object = r.json().object();
        QStringList digests{
            object.value(QStringLiteral("config")).toObject().value(QStringLiteral("digest")).toString()};
        for (const QJsonValue& layer : object.value(QStringLiteral("layers")).toArray())
            digests << layer.toObject().value(QStringLiteral("digest")).toString();
        for (const QString& digest : std::as_const(digests)) {
            const RegistryResponse blob =
                m_client.get(QStringLiteral("/v2/%1/blobs/%2").arg(repository, digest));
            expect(blob.status == 200 && OciFixtures::digestOf(blob.body) == digest,
                   QStringLiteral("tag %1:%2 is half-visible: blob %3 gives %4")
                       .arg(repository, tag, digest, blob.describe()));
        }
    }

    bool expect(bool condition, const QString& failure)
    {
        ++m_checks;
        if (!condition && m_failures.size() < 20)
            m_failures << failure;
        return condition;
    }

    RegistryClient m_client;
    QStringList m_failures;
    int m_checks = 0;
};

/// Files that only exist while a write is in progress; none may be left once berthd has started.
QStringList temporaryFiles(const QString& dataDir)
{
    return QDir(dataDir + QStringLiteral("/uploads"))
        .entryList({QStringLiteral("*.tmp")}, QDir::Files | QDir::Hidden);
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void acknowledgedPushesSurviveKills();

private:
    void verify(const QUrl& baseUrl, bool full, QRandomGenerator& random);
    void checkDatabase(const QString& dataDir);

    CrashLedger m_ledger;
    quint32 m_seed = 0;
    int m_checkedPushes = 0;
    int m_checkedBlobs = 0;
    int m_checks = 0;
    QSet<int> m_checkedDeletes;
};

void TestCrashSafety::verify(const QUrl& baseUrl, bool full, QRandomGenerator& random)
{
    CrashChecker checker(baseUrl);
    const QList<CrashPush> pushes = m_ledger.pushes();
    const QList<CrashBlob> blobs = m_ledger.blobs();
    // New acknowledged pushes and blobs, and a sample of older ones (all of them when full).
    for (int i = 0; i < pushes.size(); ++i) {
        const bool sampled = i < m_checkedPushes && random.bounded(pushes.size()) < 25;
        if (full || i >= m_checkedPushes || sampled) {
            if (pushes[i].state == CrashPush::State::Acked)
                checker.checkPush(pushes[i]);
        }
        if (pushes[i].state == CrashPush::State::Deleted && (full || !m_checkedDeletes.contains(i))) {
            checker.checkDeleted(pushes[i]);
            m_checkedDeletes.insert(i);
        }
    }
    for (int i = full ? 0 : m_checkedBlobs; i < blobs.size(); ++i) {
        const CrashPush::State state = pushes[blobs[i].push].state;
        if (state != CrashPush::State::Deleting && state != CrashPush::State::Deleted)
            checker.checkBlob(blobs[i].repository, blobs[i].content);
    }
    for (int w = 0; w < kWorkers; ++w)
        checker.checkTags(QStringLiteral("crash/w%1").arg(w), pushes, full ? 0 : m_checkedPushes);
    m_checkedPushes = static_cast<int>(pushes.size());
    m_checkedBlobs = static_cast<int>(blobs.size());
    m_checks += checker.checks();
    const QStringList failures = checker.failures() + m_ledger.unexpectedAnswers();
    QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("seed %1 (replay with BERTH_CRASH_SEED=%1):\n%2")
                                                .arg(m_seed)
                                                .arg(failures.join(u'\n'))));
}

void TestCrashSafety::checkDatabase(const QString& dataDir)
{
    const QString connection = QStringLiteral("crash-check");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(dataDir + QStringLiteral("/berth.db"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_key_check")));
        QVERIFY2(!q.next(), "the metadata has rows whose foreign keys point nowhere");
        // Upload sessions: a row for every session directory and a directory for every row.
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM uploads")));
        QStringList rows;
        while (q.next())
            rows << q.value(0).toString();
        QStringList dirs =
            QDir(dataDir + QStringLiteral("/uploads")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        rows.sort();
        dirs.sort();
        QCOMPARE(dirs, rows);
        // Sessions of monolithic uploads cut short by a kill cannot be resumed: start-up drops them.
        for (const QString& id : std::as_const(rows))
            QVERIFY2(!id.startsWith(QStringLiteral("m-")), qPrintable(id));
        for (const QString& id : std::as_const(rows))
            QVERIFY2(QFile::exists(dataDir + QStringLiteral("/uploads/") + id + QStringLiteral("/data")),
                     qPrintable(id));
        qInfo("Metadata after the last kill: integrity ok, %lld upload sessions matching their data",
              static_cast<long long>(rows.size()));
    }
    QSqlDatabase::removeDatabase(connection);
}

void TestCrashSafety::acknowledgedPushesSurviveKills()
{
    m_seed = qEnvironmentVariableIsSet("BERTH_CRASH_SEED")
                 ? static_cast<quint32>(qEnvironmentVariableIntValue("BERTH_CRASH_SEED"))
                 : 20261127u;
    const int kills = qEnvironmentVariableIsSet("BERTH_CRASH_KILLS")
                          ? qEnvironmentVariableIntValue("BERTH_CRASH_KILLS")
                          : 50;
    qInfo("Seed %u (replay with BERTH_CRASH_SEED=%u), %d kills", m_seed, m_seed, kills);
    QRandomGenerator random(m_seed);
    BerthdProcess berthd;
    for (int kill = 0; kill < kills; ++kill) {
        QVERIFY2(
            berthd.start(),
            qPrintable(
                QStringLiteral("seed %1, restart %2: %3").arg(m_seed).arg(kill).arg(berthd.errorString())));
        if (berthd.isExternal())
            QFAIL("This test kills berthd; unset BERTH_TEST_REGISTRY_URL");
        QVERIFY2(temporaryFiles(berthd.dataDir()).isEmpty(),
                 qPrintable(temporaryFiles(berthd.dataDir()).join(u' ')));
        verify(berthd.baseUrl(), false, random);
        if (QTest::currentTestFailed())
            return;

        std::atomic<bool> stop{false};
        std::vector<std::thread> threads;
        for (int w = 0; w < kWorkers; ++w) {
            const quint32 seed = m_seed + static_cast<quint32>(kill * kWorkers + w) * 7919u;
            threads.emplace_back([&, w, seed] {
                CrashWorker(berthd.baseUrl(), QStringLiteral("crash/w%1").arg(w), seed, m_ledger, stop).run();
            });
        }
        QThread::msleep(50 + random.bounded(351));
        const bool killed = berthd.kill();
        stop = true;
        for (std::thread& thread : threads)
            thread.join();
        QVERIFY2(killed, qPrintable(berthd.errorString()));
    }

    QVERIFY2(berthd.start(), qPrintable(berthd.errorString()));
    verify(berthd.baseUrl(), true, random);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(berthd.stop(), 0);
    checkDatabase(berthd.dataDir());

    int acked = 0;
    int deleted = 0;
    int cutShort = 0;
    for (const CrashPush& push : m_ledger.pushes()) {
        acked += push.state == CrashPush::State::Acked ? 1 : 0;
        deleted += push.state == CrashPush::State::Deleted ? 1 : 0;
        cutShort +=
            push.state == CrashPush::State::Attempted || push.state == CrashPush::State::Deleting ? 1 : 0;
    }
    qInfo("%d kills, %d operations (%d acknowledged pushes alive, %d acknowledged deletes, %lld blobs "
          "acknowledged, %d pushes or deletes cut short by a kill), %d checks",
          kills, m_ledger.operations(), acked, deleted, static_cast<long long>(m_ledger.blobs().size()),
          cutShort, m_checks);
    QVERIFY2(acked + deleted > kills, "too few pushes were acknowledged for the test to mean anything");
    QVERIFY2(deleted > 0, "no delete was acknowledged");
    QVERIFY2(cutShort >= kills / 2, "the kills hardly ever hit a request in flight");
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crash_safety.moc"
