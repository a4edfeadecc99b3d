// berthctl retention, in-process against a real berthd: create (rules from options and from --rules;
// bad rules refused with the server's message), list, show, update, plan (what goes and what stays,
// with the rule and reason and the bytes), apply (waits for the job; the image is gone over /v2, the
// kept one stays), runs; delete; non-administrators get 403.

#include "BerthdCtl.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace berth;
using Run = berth::test::CtlRun;
using berth::test::BerthdCtl;

namespace {

QString push(RegistryClient& client, const QString& repository, const QString& tag, int seed)
{
    const QByteArray config = OciFixtures::config(seed);
    const QByteArray layer = OciFixtures::randomBytes(2000, seed);
    if (client.pushBlobMonolithic(repository, config).status != 201 ||
        client.pushBlobMonolithic(repository, layer).status != 201)
        return QString();
    const QByteArray manifest = OciFixtures::imageManifest(config, {layer});
    if (client.pushManifest(repository, tag, OciFixtures::kManifestType, manifest).status != 201)
        return QString();
    return OciFixtures::digestOf(manifest);
}

} // namespace

class TestBerthctlRetention : public QObject
{
    Q_OBJECT

private:
    BerthdCtl m_ctl;

    Run admin(const QStringList& args) { return m_ctl.admin(args); }

private slots:
    void init() { QVERIFY2(m_ctl.start(), qPrintable(m_ctl.errorString())); }
    void cleanup() { QCOMPARE(m_ctl.stop(), 0); }

    void policiesPlanAndApply()
    {
        RegistryClient client(m_ctl.berthd().baseUrl());
        const QString release = push(client, QStringLiteral("team/app"), QStringLiteral("v1.0"), 1);
        const QString dev = push(client, QStringLiteral("team/app"), QStringLiteral("dev"), 2);
        QVERIFY(!release.isEmpty() && !dev.isEmpty());

        Run bad = admin({"retention", "create", "broken", "--repository", "team/app", "--not-pulled-days",
                         "3", "--keep-tag", "v[0-9"});
        EXPECT_EXIT(bad, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("is not a valid regular expression")), qPrintable(bad.err));
        EXPECT_EXIT(admin({"retention", "create", "empty", "--repository", "team/app"}), 2);

        Run created = admin({"retention", "create", "stale", "--repository", "team/app", "--not-tagged-days",
                             "0", "--keep-tag", "v[0-9.]+", "--description", "old builds"});
        EXPECT_EXIT(created, 0);
        QVERIFY2(
            created.out.contains(QStringLiteral("Created retention policy stale on repository team/app")),
            qPrintable(created.out));
        EXPECT_EXIT(admin({"retention", "create", "tenancy", "--rules", "{\"untaggedOlderThanDays\": 30}",
                           "--disabled"}),
                    0);

        Run list = admin({"--output", "json", "retention", "list"});
        EXPECT_EXIT(list, 0);
        QCOMPARE(list.array().size(), 2);
        Run table = admin({"retention", "list", "--repository", "team/app"});
        EXPECT_EXIT(table, 0);
        QVERIFY2(table.out.contains(QStringLiteral("notTaggedForDays=0")), qPrintable(table.out));
        QVERIFY(table.out.contains(QStringLiteral("the tenancy")));

        Run shown = admin({"retention", "show", "stale"});
        EXPECT_EXIT(shown, 0);
        QVERIFY(shown.out.contains(QStringLiteral("old builds")));
        EXPECT_EXIT(admin({"retention", "update", "tenancy", "--enabled", "--untagged-days", "10"}), 0);
        Run updated = admin({"--output", "json", "retention", "show", "tenancy"});
        QCOMPARE(updated.object().value("enabled").toBool(), true);
        QCOMPARE(updated.object().value("rules").toObject().value("untaggedOlderThanDays").toInt(), 10);
        EXPECT_EXIT(admin({"retention", "update", "tenancy"}), 2);

        QTest::qWait(5); // tags older than "0 days" by a few milliseconds
        Run plan = admin({"retention", "plan", "stale"});
        EXPECT_EXIT(plan, 0);
        QVERIFY2(plan.out.contains(QStringLiteral("1 image(s) would be deleted")), qPrintable(plan.out));
        QVERIFY(plan.out.contains(dev.left(19)));
        QVERIFY(plan.out.contains(QStringLiteral("notTaggedForDays")));
        QVERIFY(plan.out.contains(QStringLiteral("keepTags")));
        QVERIFY(plan.out.contains(QStringLiteral("garbage collection")));
        Run planJson = admin({"--output", "json", "retention", "plan", "stale"});
        QCOMPARE(planJson.object().value("deletedImages").toInt(), 1);
        QVERIFY(planJson.object().value("reclaimableBytes").toInteger() > 2000);
        QCOMPARE(client.get(QStringLiteral("/v2/team/app/manifests/dev")).status, 200);

        Run applied = admin({"retention", "apply", "stale"});
        EXPECT_EXIT(applied, 0);
        QVERIFY2(applied.out.contains(QStringLiteral("deleted 1 image")), qPrintable(applied.out));
        QCOMPARE(client.get(QStringLiteral("/v2/team/app/manifests/dev")).status, 404);
        QCOMPARE(client.get(QStringLiteral("/v2/team/app/manifests/v1.0")).status, 200);

        Run runs = admin({"--output", "json", "retention", "runs", "--policy", "stale"});
        EXPECT_EXIT(runs, 0);
        QCOMPARE(runs.object().value("items").toArray().size(), 1);
        Run runTable = admin({"retention", "runs"});
        QVERIFY2(runTable.out.contains(QStringLiteral("stale")), qPrintable(runTable.out));

        EXPECT_EXIT(admin({"retention", "delete", "stale"}), 0);
        EXPECT_EXIT(admin({"retention", "show", "stale"}), 1);
    }

    void administratorsOnly()
    {
        EXPECT_EXIT(admin({"users", "create", "bob", "--new-password", "bob-password-1"}), 0);
        Run refused =
            m_ctl.as(QStringLiteral("bob"), QStringLiteral("bob-password-1"), {"retention", "list"});
        EXPECT_EXIT(refused, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("403")) ||
                     refused.err.contains(QStringLiteral("dministrator")),
                 qPrintable(refused.err));
    }
};

QTEST_GUILESS_MAIN(TestBerthctlRetention)
#include "tst_berthctl_retention.moc"
