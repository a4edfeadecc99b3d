// berthctl limits and repos immutability, in-process against a real berthd whose config file sets small
// limits: show the figures, a push over the image limit refused, a user's increase request, an
// administrator's approval (the push works again) and decline, run-time changes, and immutability with
// an exclusion pattern (a bad pattern refused with the reason).

#include "BerthdCtl.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using Run = berth::test::CtlRun;
using berth::test::BerthdCtl;

class TestBerthctlLimits : public QObject
{
    Q_OBJECT

private:
    BerthdCtl m_ctl;
    QTemporaryDir m_dir;
    QByteArray m_config = OciFixtures::config(3);
    QByteArray m_layer = OciFixtures::randomBytes(1500, 4);

    Run admin(const QStringList& args) { return m_ctl.admin(args); }
    Run alice(const QStringList& args)
    {
        return m_ctl.as(QStringLiteral("alice"), QStringLiteral("alice-password-1"), args);
    }

    int push(RegistryClient& client, int n, const QString& tag)
    {
        OciFixtures::ManifestOptions options;
        options.annotations.insert(QStringLiteral("n"), QString::number(n));
        return client
            .pushManifest(QStringLiteral("team/app"), tag, OciFixtures::kManifestType,
                          OciFixtures::imageManifest(m_config, {m_layer}, options))
            .status;
    }

private slots:
    void init()
    {
        const QString config = m_dir.filePath(QStringLiteral("berthd.json"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"limits": {"repositories": 50, "imagesPerRepository": 2}})");
        file.close();
        QVERIFY2(m_ctl.start({QStringLiteral("--config"), config}), qPrintable(m_ctl.errorString()));
    }
    void cleanup() { QCOMPARE(m_ctl.stop(), 0); }

    void showRequestApproveDecline()
    {
        Run shown = admin({"--output", "json", "limits", "show"});
        EXPECT_EXIT(shown, 0);
        QCOMPARE(shown.object().value("limits").toObject().value("imagesPerRepository").toInt(), 2);
        QCOMPARE(shown.object().value("defaults").toObject().value("repositories").toInt(), 50);

        RegistryClient client(m_ctl.berthd().baseUrl());
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/app"), m_config).status, 201);
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/app"), m_layer).status, 201);
        QCOMPARE(push(client, 1, QStringLiteral("v1")), 201);
        QCOMPARE(push(client, 2, QStringLiteral("v2")), 201);
        QCOMPARE(push(client, 3, QStringLiteral("v3")), 403);

        Run table = admin({"limits", "show", "--repository", "team/app"});
        EXPECT_EXIT(table, 0);
        QVERIFY2(table.out.contains(QStringLiteral("1 of 50 (2%)")), qPrintable(table.describe()));
        QVERIFY2(table.out.contains(QStringLiteral("2 of 2 (100%)")), qPrintable(table.describe()));

        EXPECT_EXIT(admin({"users", "create", "alice", "--new-password", "alice-password-1"}), 0);
        EXPECT_EXIT(alice({"limits", "request", "images", "team/app", "--value", "4"}), 2); // no reason
        Run asked =
            alice({"limits", "request", "images", "team/app", "--value", "4", "--reason", "nightly builds"});
        EXPECT_EXIT(asked, 0);
        QVERIFY2(
            asked.out.contains(QStringLiteral("Request 1 is waiting for an administrator: images of team/app "
                                              "from 2 to 4.")),
            qPrintable(asked.describe()));
        Run mine = alice({"limits", "requests"});
        EXPECT_EXIT(mine, 0);
        QVERIFY2(mine.out.contains(QStringLiteral("nightly builds")), qPrintable(mine.describe()));
        Run refused = alice({"limits", "approve", "1"});
        EXPECT_EXIT(refused, 1);

        Run pending = admin({"--output", "json", "limits", "requests", "--pending"});
        EXPECT_EXIT(pending, 0);
        QCOMPARE(pending.array().size(), 1);
        Run approved = admin({"limits", "approve", "1", "--note", "fine"});
        EXPECT_EXIT(approved, 0);
        QVERIFY2(approved.out.contains(
                     QStringLiteral("Approved request 1: the limit on images of team/app is 4 now.")),
                 qPrintable(approved.describe()));
        QCOMPARE(push(client, 3, QStringLiteral("v3")), 201);
        Run one = alice({"--output", "json", "limits", "requests", "1"});
        EXPECT_EXIT(one, 0);
        QCOMPARE(one.object().value("status").toString(), QStringLiteral("approved"));
        QCOMPARE(one.object().value("note").toString(), QStringLiteral("fine"));

        EXPECT_EXIT(alice({"limits", "request", "repositories", "--value", "80", "--reason", "new team"}), 0);
        Run declined = admin({"limits", "decline", "2", "--note", "ask for 60"});
        EXPECT_EXIT(declined, 0);
        QVERIFY(declined.out.contains(QStringLiteral("Declined request 2.")));
        Run twice = admin({"limits", "approve", "2"});
        EXPECT_EXIT(twice, 1);
        QVERIFY2(twice.err.contains(QStringLiteral("was declined already")), qPrintable(twice.describe()));

        EXPECT_EXIT(admin({"limits", "set"}), 2);
        EXPECT_EXIT(admin({"limits", "set", "--repositories", "0"}), 2);
        Run set = admin({"limits", "set", "--repositories", "60"});
        EXPECT_EXIT(set, 0);
        QVERIFY2(set.out.contains(QStringLiteral("Limits now: 60 repositories, 2 images per repository.")),
                 qPrintable(set.describe()));
        EXPECT_EXIT(alice({"limits", "set", "--repositories", "70"}), 1);
    }

    void immutability()
    {
        RegistryClient client(m_ctl.berthd().baseUrl());
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/app"), m_config).status, 201);
        QCOMPARE(client.pushBlobMonolithic(QStringLiteral("team/app"), m_layer).status, 201);
        QCOMPARE(push(client, 1, QStringLiteral("v1")), 201);

        Run bad = admin({"repos", "immutability", "team/app", "--on", "--exclude", "dev-("});
        EXPECT_EXIT(bad, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("\"dev-(\" is not a valid regular expression")),
                 qPrintable(bad.describe()));
        Run on = admin(
            {"repos", "immutability", "team/app", "--on", "--exclude", "latest", "--exclude", "dev-.*"});
        EXPECT_EXIT(on, 0);
        QVERIFY2(on.out.contains(QStringLiteral("latest, dev-.*")), qPrintable(on.describe()));
        QCOMPARE(push(client, 2, QStringLiteral("v1")), 403);
        QCOMPARE(push(client, 2, QStringLiteral("dev-7")), 201);
        QCOMPARE(push(client, 1, QStringLiteral("dev-7")), 201);

        Run shown = admin({"--output", "json", "repos", "immutability", "team/app"});
        EXPECT_EXIT(shown, 0);
        QCOMPARE(shown.object().value("enabled").toBool(), true);
        QCOMPARE(shown.object().value("exclusions").toArray().size(), 2);
        EXPECT_EXIT(admin({"repos", "immutability", "team/app", "--off", "--no-exclusions"}), 0);
        QCOMPARE(push(client, 2, QStringLiteral("v1")), 201);
    }
};

QTEST_GUILESS_MAIN(TestBerthctlLimits)
#include "tst_berthctl_limits.moc"
