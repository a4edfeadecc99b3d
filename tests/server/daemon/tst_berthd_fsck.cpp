// The data directory lock and `berthd fsck` with real processes: a second berthd on the same data
// directory is refused (naming the directory and the pid holding it), so is an offline fsck while berthd
// runs; once berthd has stopped, `berthd fsck` reports damage (exit 1), --repair removes what it can, a
// healthy directory passes (exit 0), and berthd starts again afterwards. A berthd killed with SIGKILL
// leaves no lock behind.

#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace berth;

namespace {

struct Run
{
    int status = -1;
    QString out;
    QString err;
    QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3").arg(status).arg(out, err);
    }
};

Run berthdFsck(const QStringList& args)
{
    QProcess p;
    p.start(BerthdProcess::binaryPath(), QStringList{QStringLiteral("fsck")} + args);
    Run r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("berthd fsck did not finish");
        return r;
    }
    r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

#define EXPECT_EXIT(run, code)                                                                               \
    do {                                                                                                     \
        const Run& r_ = (run);                                                                               \
        if (r_.status != (code))                                                                             \
            QFAIL(qPrintable(QStringLiteral("expected exit %1, got ").arg(code) + r_.describe()));           \
    } while (false)

class TestBerthdFsck : public QObject
{
    Q_OBJECT

private slots:
    void secondProcessIsRefusedAndOfflineFsckWorks()
    {
        BerthdProcess berthd;
        QVERIFY2(berthd.start(), qPrintable(berthd.errorString()));
        const QString data = berthd.dataDir();
        RegistryClient client(berthd.baseUrl());
        const QByteArray config = OciFixtures::config(21);
        const QByteArray layer = OciFixtures::randomBytes(4000, 21);
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/app"), config).status, 201);
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/app"), layer).status, 201);
        QCOMPARE(client
                     .pushManifest(QStringLiteral("team/app"), QStringLiteral("v1"),
                                   OciFixtures::kManifestType, OciFixtures::imageManifest(config, {layer}))
                     .status,
                 201);

        // A second berthd on the same directory.
        BerthdProcess second;
        second.setDataDirectory(data);
        QVERIFY(!second.start());
        const QString log = QString::fromUtf8(second.log());
        QVERIFY2(log.contains(data), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("pid %1").arg(berthd.pid())), qPrintable(log));
        QVERIFY(berthd.isRunning());

        // An offline fsck while berthd runs.
        Run refused = berthdFsck({QStringLiteral("--data"), data});
        EXPECT_EXIT(refused, 2);
        QVERIFY2(refused.err.contains(data), qPrintable(refused.describe()));
        QVERIFY2(refused.err.contains(QStringLiteral("pid %1").arg(berthd.pid())),
                 qPrintable(refused.describe()));

        QCOMPARE(berthd.stop(), 0);
        Run healthy = berthdFsck({QStringLiteral("--data"), data});
        EXPECT_EXIT(healthy, 0);
        QVERIFY2(healthy.out.contains(QStringLiteral("No problems found.")), qPrintable(healthy.describe()));

        // Damage: the layer file goes, a temporary file is left in the blob tree.
        const QString hex = OciFixtures::digestOf(layer).mid(7);
        QVERIFY(QFile::remove(data + QStringLiteral("/blobs/0/sha256/") + hex.left(2) + u'/' + hex));
        const QString stray = data + QStringLiteral("/blobs/0/sha256/00/left-over.tmp");
        QVERIFY(QDir().mkpath(QFileInfo(stray).absolutePath()));
        {
            QFile f(stray);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("x");
        }
        Run damaged = berthdFsck({QStringLiteral("--data"), data});
        EXPECT_EXIT(damaged, 1);
        QVERIFY2(damaged.out.contains(OciFixtures::digestOf(layer)), qPrintable(damaged.describe()));
        QVERIFY(damaged.out.contains(QStringLiteral("team/app:v1")));
        QVERIFY(damaged.out.contains(QStringLiteral("left-over.tmp")));
        QVERIFY(QFile::exists(stray));

        Run repaired = berthdFsck(
            {QStringLiteral("--repair"), QStringLiteral("--json"), QStringLiteral("--data"), data});
        EXPECT_EXIT(repaired, 1); // the lost layer cannot be repaired here
        const QJsonObject report = QJsonDocument::fromJson(repaired.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("problems")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("repaired")).toInt(), 1);
        QVERIFY(!QFile::exists(stray));

        EXPECT_EXIT(berthdFsck({QStringLiteral("--remove-unreferenced"), QStringLiteral("--data"), data}), 2);
        EXPECT_EXIT(berthdFsck({QStringLiteral("--data"), data + QStringLiteral("/nowhere")}), 2);

        // berthd starts again on the directory (the fsck runs released it) and pushes work.
        QVERIFY2(berthd.start(), qPrintable(berthd.errorString()));
        RegistryClient again(berthd.baseUrl()); // a new port
        QCOMPARE(again.pushBlobMonolithic(QStringLiteral("team/app"), layer).status, 201);
        QCOMPARE(berthd.stop(), 0);
        EXPECT_EXIT(berthdFsck({QStringLiteral("--data"), data}), 0);
    }

    void killedBerthdLeavesNoLock()
    {
        BerthdProcess berthd;
        QVERIFY2(berthd.start(), qPrintable(berthd.errorString()));
        QVERIFY(berthd.kill());
        QVERIFY(QFile::exists(berthd.dataDir() + QStringLiteral("/berth.lock")));
        EXPECT_EXIT(berthdFsck({QStringLiteral("--data"), berthd.dataDir()}), 0);
        QVERIFY2(berthd.start(), qPrintable(berthd.errorString()));
        QCOMPARE(berthd.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBerthdFsck)
#include "tst_berthd_fsck.moc"
