// berthctl fsck against a real berthd: a healthy registry passes (exit 0), a layer file deleted behind the
// server's back is reported with the tag it breaks (exit 1, also as JSON and in fsck status), --repair
// removes what it can, and non-administrators are refused.

#include "BerthdCtl.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTextStream>
#include <memory>

using namespace berth;
using Run = berth::test::CtlRun;
using berth::test::BerthdCtl;

class TestBerthctlFsck : public QObject
{
    Q_OBJECT

private:
    BerthdCtl m_ctl;

    Run as(const QString& user, const QString& password, const QStringList& args)
    {
        return m_ctl.as(user, password, args);
    }
    Run admin(const QStringList& args) { return m_ctl.admin(args); }

    QString blobFile(const QByteArray& content) const
    {
        const QString hex = OciFixtures::digestOf(content).mid(7);
        return m_ctl.berthd().dataDir() + QStringLiteral("/blobs/0/sha256/") + hex.left(2) + u'/' + hex;
    }

private slots:
    void init() { QVERIFY2(m_ctl.start(), qPrintable(m_ctl.errorString())); }
    void cleanup() { QCOMPARE(m_ctl.stop(), 0); }

    void healthyThenDamagedThenRepaired()
    {
        RegistryClient client(m_ctl.berthd().baseUrl());
        const QByteArray config = OciFixtures::config(11);
        const QByteArray layer = OciFixtures::randomBytes(5000, 11);
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/app"), config).status, 201);
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/app"), layer).status, 201);
        const QByteArray manifest = OciFixtures::imageManifest(config, {layer});
        QCOMPARE(client
                     .pushManifest(QStringLiteral("team/app"), QStringLiteral("v1"),
                                   OciFixtures::kManifestType, manifest)
                     .status,
                 201);

        Run none = admin({"fsck", "status"});
        EXPECT_EXIT(none, 0);
        QVERIFY2(none.out.contains(QStringLiteral("has not run yet")), qPrintable(none.out));

        Run healthy = admin({"fsck"});
        EXPECT_EXIT(healthy, 0);
        QVERIFY2(healthy.out.contains(QStringLiteral("No problems found.")), qPrintable(healthy.out));

        // Damage behind the server's back: the layer's file goes, and a temporary file is left over.
        QVERIFY(QFile::exists(blobFile(layer)));
        QVERIFY(QFile::remove(blobFile(layer)));
        const QString stray = m_ctl.berthd().dataDir() + QStringLiteral("/blobs/0/sha256/00/left-over.tmp");
        QVERIFY(QDir().mkpath(QFileInfo(stray).absolutePath()));
        {
            QFile f(stray);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("x");
        }

        Run damaged = admin({"fsck"});
        EXPECT_EXIT(damaged, 1);
        QVERIFY2(damaged.out.contains(OciFixtures::digestOf(layer)), qPrintable(damaged.describe()));
        QVERIFY(damaged.out.contains(QStringLiteral("missingBlob")));
        QVERIFY(damaged.out.contains(QStringLiteral("team/app:v1")));
        QVERIFY(damaged.out.contains(QStringLiteral("1 problem(s) found")));
        // A fresh temporary file may belong to a write in progress: the online check leaves it alone.
        QVERIFY(!damaged.out.contains(QStringLiteral("left-over.tmp")));

        Run json = admin({"--output", "json", "fsck", "status"});
        EXPECT_EXIT(json, 1);
        const QJsonObject report = json.object().value("report").toObject();
        QCOMPARE(report.value("problems").toInt(), 1);
        QCOMPARE(report.value("counts").toObject().value("missingBlob").toInt(), 1);
        QCOMPARE(report.value("findings").toArray().first().toObject().value("object").toString(),
                 OciFixtures::digestOf(layer));
        QCOMPARE(json.object().value("outcome").toString(), QStringLiteral("succeeded"));

        // Nothing here can be repaired: the layer must be pushed again.
        Run repair = admin({"fsck", "--repair"});
        EXPECT_EXIT(repair, 1);
        QVERIFY2(repair.out.contains(QStringLiteral("cannot repair")), qPrintable(repair.out));
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/app"), layer).status, 201);
        EXPECT_EXIT(admin({"fsck"}), 0);

        EXPECT_EXIT(admin({"fsck", "--remove-unreferenced"}), 2);
        EXPECT_EXIT(admin({"fsck", "later"}), 2);
        EXPECT_EXIT(admin({"fsck", "--help"}), 0);
    }

    void nonAdministratorsAreRefused()
    {
        EXPECT_EXIT(admin({"users", "create", "alice", "--new-password", "alice-password-1"}), 0);
        Run refused = as(QStringLiteral("alice"), QStringLiteral("alice-password-1"), {"fsck"});
        EXPECT_EXIT(refused, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("403")) ||
                     refused.err.contains(QStringLiteral("DENIED")) ||
                     refused.err.contains(QStringLiteral("administrator")),
                 qPrintable(refused.describe()));
        EXPECT_EXIT(as(QStringLiteral("alice"), QStringLiteral("alice-password-1"), {"fsck", "status"}), 1);
    }
};

QTEST_GUILESS_MAIN(TestBerthctlFsck)
#include "tst_berthctl_fsck.moc"
