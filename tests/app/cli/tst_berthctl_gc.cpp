// berthctl gc and gc status, in-process against a real berthd: a dry run lists an image's blobs after
// its repository is deleted, a run frees them, status shows the last run; non-administrators get 403.

#include "BerthdCtl.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <memory>

using namespace berth;
using Run = berth::test::CtlRun;
using berth::test::BerthdCtl;

class TestBerthctlGc : public QObject
{
    Q_OBJECT

private:
    BerthdCtl m_ctl;

    Run as(const QString& user, const QString& password, const QStringList& args)
    {
        return m_ctl.as(user, password, args);
    }
    Run admin(const QStringList& args) { return m_ctl.admin(args); }

private slots:
    void init() { QVERIFY2(m_ctl.start(), qPrintable(m_ctl.errorString())); }
    void cleanup() { QCOMPARE(m_ctl.stop(), 0); }

    void dryRunRunAndStatus()
    {
        RegistryClient client(m_ctl.berthd().baseUrl());
        const QByteArray config = OciFixtures::config(7);
        const QByteArray layer = OciFixtures::randomBytes(3000, 7);
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/old"), config).status, 201);
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/old"), layer).status, 201);
        const QByteArray manifest = OciFixtures::imageManifest(config, {layer});
        QCOMPARE(client
                     .pushManifest(QStringLiteral("team/old"), QStringLiteral("v1"),
                                   OciFixtures::kManifestType, manifest)
                     .status,
                 201);
        EXPECT_EXIT(admin({"repos", "delete", "team/old", "--yes"}), 0);
        QTest::qWait(1100); // older than a 1 s grace period

        Run status = admin({"--output", "json", "gc", "status"});
        EXPECT_EXIT(status, 0);
        QCOMPARE(status.object().value("reclaimableBytes").toInteger(), 0); // default grace: too young
        QVERIFY(status.object().value("lastRun").isNull());

        Run dry = admin({"--output", "json", "gc", "--dry-run", "--grace", "1"});
        EXPECT_EXIT(dry, 0);
        QCOMPARE(dry.object().value("blobCount").toInt(), 3);
        QCOMPARE(dry.object().value("bytes").toInteger(), config.size() + layer.size() + manifest.size());
        QStringList digests;
        for (const QJsonValue& v : dry.object().value("blobs").toArray())
            digests << v.toObject().value("digest").toString();
        QVERIFY(digests.contains(OciFixtures::digestOf(layer)));
        QVERIFY(digests.contains(OciFixtures::digestOf(manifest)));

        Run table = admin({"gc", "--dry-run", "--grace", "1"});
        EXPECT_EXIT(table, 0);
        QVERIFY2(table.out.contains(QStringLiteral("A run would remove 3 blob(s)")), qPrintable(table.out));
        QVERIFY(table.out.contains(OciFixtures::digestOf(layer)));

        Run real = admin({"gc", "--grace", "1"});
        EXPECT_EXIT(real, 0);
        QVERIFY2(real.out.contains(QStringLiteral("Removed 3 blob(s) and 0 manifest(s)")),
                 qPrintable(real.out));

        status = admin({"gc", "status"});
        EXPECT_EXIT(status, 0);
        QVERIFY2(status.out.contains(QStringLiteral("Reclaimable now")), qPrintable(status.out));
        QVERIFY(status.out.contains(QStringLiteral("3 blob(s), 0 manifest(s)")));

        // The last run is kept in the database: a restarted berthd still shows it.
        QCOMPARE(m_ctl.berthd().stop(), 0);
        QVERIFY2(m_ctl.berthd().start(), qPrintable(m_ctl.berthd().errorString()));
        status = admin({"--output", "json", "gc", "status"});
        EXPECT_EXIT(status, 0);
        const QJsonObject last = status.object().value("lastRun").toObject();
        QCOMPARE(last.value("bytes").toInteger(), config.size() + layer.size() + manifest.size());
        QCOMPARE(last.value("blobCount").toInt(), 3);
        QCOMPARE(last.value("trigger").toString(), QStringLiteral("manual"));
        QCOMPARE(status.object().value("schedule").toObject().value("intervalSeconds").toInt(), 24 * 3600);
        QVERIFY(!status.object().value("schedule").toObject().value("nextRunAt").isNull());

        // In the background: the job's id, then 'jobs wait' follows it.
        Run background = admin({"--output", "json", "gc", "--background"});
        EXPECT_EXIT(background, 0);
        const qint64 job = background.object().value("job").toObject().value("id").toInteger();
        QVERIFY2(job > 0, qPrintable(background.describe()));
        Run waited = admin({"--output", "json", "jobs", "wait", QString::number(job)});
        EXPECT_EXIT(waited, 0);
        QCOMPARE(waited.object().value("kind").toString(), QStringLiteral("gc"));

        EXPECT_EXIT(admin({"gc", "--grace", "soon"}), 2);
        EXPECT_EXIT(admin({"gc", "later"}), 2);
        EXPECT_EXIT(admin({"gc", "--help"}), 0);
    }

    void theConfiguredGracePeriodIsTheDefault()
    {
        // berthd's "maintenance": {"gcGracePeriodMinutes": 0}: status, dry runs and runs without --grace
        // use it (the API, the schedule and fsck share the server's one collector and grace period).
        QCOMPARE(m_ctl.berthd().stop(), 0);
        QTemporaryDir configDir;
        const QString configPath = configDir.filePath(QStringLiteral("berthd.json"));
        QFile configFile(configPath);
        QVERIFY(configFile.open(QIODevice::WriteOnly));
        configFile.write(R"({"maintenance": {"gcGracePeriodMinutes": 0, "gcIntervalHours": 0}})");
        configFile.close();
        QVERIFY2(m_ctl.berthd().start({QStringLiteral("--config"), configPath}),
                 qPrintable(m_ctl.berthd().errorString()));

        RegistryClient client(m_ctl.berthd().baseUrl());
        const QByteArray layer = OciFixtures::randomBytes(4000, 11);
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/scratch"), layer).status, 201);
        EXPECT_EXIT(admin({"repos", "delete", "team/scratch", "--yes"}), 0);

        Run status = admin({"--output", "json", "gc", "status"});
        EXPECT_EXIT(status, 0);
        QCOMPARE(status.object().value("gracePeriodSeconds").toInteger(), 0);
        QCOMPARE(status.object().value("reclaimableBytes").toInteger(), layer.size());
        QCOMPARE(status.object().value("schedule").toObject().value("intervalSeconds").toInt(), 0);

        Run real = admin({"--output", "json", "gc"});
        EXPECT_EXIT(real, 0);
        QCOMPARE(real.object().value("gracePeriodSeconds").toInteger(), 0);
        QCOMPARE(real.object().value("blobCount").toInt(), 1);
        QCOMPARE(real.object().value("bytes").toInteger(), layer.size());
    }

    void nonAdministratorsAreRefused()
    {
        EXPECT_EXIT(admin({"users", "create", "alice", "--new-password", "alice-password-1"}), 0);
        Run refused = as(QStringLiteral("alice"), QStringLiteral("alice-password-1"), {"gc", "status"});
        QVERIFY2(refused.status != 0, qPrintable(refused.describe()));
        QVERIFY2(refused.err.contains(QStringLiteral("403")) ||
                     refused.err.contains(QStringLiteral("dministrator")),
                 qPrintable(refused.describe()));
        refused = as(QStringLiteral("alice"), QStringLiteral("alice-password-1"), {"gc", "--dry-run"});
        QVERIFY2(refused.status != 0, qPrintable(refused.describe()));
    }
};

QTEST_GUILESS_MAIN(TestBerthctlGc)
#include "tst_berthctl_gc.moc"
