// The retention planner with the clock advanced by days: each rule on its own (not pulled, not tagged,
// keep the last N pushed, untagged, keep and select patterns), rules of two policies combined (keep wins),
// a multi-arch index with its children (they go or stay together; a child another kept index lists
// stays), a digest shared by two tags (only the old tag goes), referrers (they go with their subject, or
// keep it when deleteReferrers is false) and the bytes that would come back (a layer another repository
// uses does not count, unless that repository releases it in the same plan).

#include "RetentionFixture.h"
#include "metadata/MetadataStore.h"
#include "retention/RetentionRules.h"

#include <QJsonDocument>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QStringList digests(std::initializer_list<Blob> blobs)
{
    QStringList out;
    for (const Blob& b : blobs)
        out << b.digest.toString();
    out.sort();
    return out;
}

const QString Repo = QStringLiteral("team/app");

RetentionPlan planOf(RetentionFixture& f, const QString& policy)
{
    auto plan = f.retention().planPolicy(policy);
    if (!plan)
        qFatal("plan failed: %s", qPrintable(plan.error().message));
    return plan.value();
}

} // namespace

class tst_RetentionPlanner : public QObject
{
    Q_OBJECT

private slots:
    void notPulledForDays()
    {
        RetentionFixture f;
        const Blob a = f.push(Repo, QStringLiteral("a"), QStringLiteral("a"));
        const Blob b = f.push(Repo, QStringLiteral("b"), QStringLiteral("b"));
        f.daysPass(20);
        f.pull(Repo, QStringLiteral("a"));
        f.daysPass(15);
        const Blob c = f.push(Repo, QStringLiteral("c"), QStringLiteral("c")); // new, never pulled
        f.addPolicy(QStringLiteral("p"), json("{\"notPulledForDays\": 30}"), Repo);
        RetentionPlan plan = planOf(f, QStringLiteral("p"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({b}));
        QCOMPARE(RetentionFixture::kept(plan), digests({a, c}));
        QCOMPARE(RetentionFixture::ruleOf(plan, b.digest), RetentionRules::NotPulledForDays);
        QCOMPARE(RetentionFixture::ruleOf(plan, a.digest), RetentionPlan::NotSelected);
        QCOMPARE(plan.repositories.first().deleted.first().tagNames(), QStringList{QStringLiteral("b")});
        QVERIFY(plan.repositories.first().deleted.first().reason.contains(QStringLiteral("30 days")));
        // A pull by digest counts too.
        f.pull(Repo, b.digest.toString());
        QVERIFY(RetentionFixture::deleted(planOf(f, QStringLiteral("p"))).isEmpty());
        // Ten more days: a was last pulled 25 days before, b 10: a is now 40 days old.
        f.daysPass(20);
        QCOMPARE(RetentionFixture::deleted(planOf(f, QStringLiteral("p"))), digests({a}));
    }

    void notTaggedForDays()
    {
        RetentionFixture f;
        const Blob x = f.push(Repo, QStringLiteral("old"), QStringLiteral("x"));
        f.daysPass(50);
        const Blob y = f.push(Repo, QStringLiteral("new"), QStringLiteral("y"));
        f.pull(Repo, QStringLiteral("old")); // pulls do not matter to this rule
        f.daysPass(10);
        f.addPolicy(QStringLiteral("p"), json("{\"notTaggedForDays\": 30}"), Repo);
        RetentionPlan plan = planOf(f, QStringLiteral("p"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({x}));
        QCOMPARE(RetentionFixture::kept(plan), digests({y}));
        QCOMPARE(RetentionFixture::ruleOf(plan, x.digest), RetentionRules::NotTaggedForDays);
        // Moving the tag onto x again (re-setting it) makes it young.
        QVERIFY(f.putManifest(Repo, y, QStringLiteral("old"),
                              QStringLiteral("application/vnd.oci.image.manifest.v1+json")));
        QVERIFY(f.putManifest(Repo, x, QStringLiteral("old"),
                              QStringLiteral("application/vnd.oci.image.manifest.v1+json")));
        QVERIFY(RetentionFixture::deleted(planOf(f, QStringLiteral("p"))).isEmpty());
    }

    void keepLastPushed()
    {
        RetentionFixture f;
        QList<Blob> images;
        for (int i = 0; i < 5; ++i) {
            images << f.push(Repo, QStringLiteral("t%1").arg(i), QString::number(i));
            f.daysPass(1);
        }
        f.daysPass(100);
        f.addPolicy(QStringLiteral("p"), json("{\"notPulledForDays\": 10, \"keepLastPushed\": 2}"), Repo);
        RetentionPlan plan = planOf(f, QStringLiteral("p"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({images[0], images[1], images[2]}));
        QCOMPARE(RetentionFixture::kept(plan), digests({images[3], images[4]}));
        QCOMPARE(RetentionFixture::ruleOf(plan, images[4].digest), RetentionRules::KeepLastPushed);
        QCOMPARE(RetentionFixture::ruleOf(plan, images[3].digest), RetentionRules::KeepLastPushed);
    }

    void untaggedOlderThanDays()
    {
        RetentionFixture f;
        const Blob u1 = f.push(Repo, QString(), QStringLiteral("u1"));
        const Blob tagged = f.push(Repo, QStringLiteral("v1"), QStringLiteral("tagged"));
        f.daysPass(9);
        const Blob u2 = f.push(Repo, QString(), QStringLiteral("u2"));
        f.daysPass(1);
        f.addPolicy(QStringLiteral("p"), json("{\"untaggedOlderThanDays\": 5}"), Repo);
        RetentionPlan plan = planOf(f, QStringLiteral("p"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({u1}));
        QCOMPARE(RetentionFixture::kept(plan), digests({tagged, u2}));
        QCOMPARE(RetentionFixture::ruleOf(plan, u1.digest), RetentionRules::UntaggedOlderThanDays);
        // Untagged rule 0: everything untagged goes at once, tagged images stay.
        f.addPolicy(QStringLiteral("zero"), json("{\"untaggedOlderThanDays\": 0}"), Repo);
        QCOMPARE(RetentionFixture::deleted(planOf(f, QStringLiteral("zero"))), digests({u1, u2}));
    }

    void keepAndSelectPatterns()
    {
        RetentionFixture f;
        const Blob latest = f.push(Repo, QStringLiteral("latest"), QStringLiteral("l"));
        const Blob v1 = f.push(Repo, QStringLiteral("v1"), QStringLiteral("v1"));
        const Blob pr1 = f.push(Repo, QStringLiteral("pr-1"), QStringLiteral("pr1"));
        const Blob pr2 = f.push(Repo, QStringLiteral("pr-2"), QStringLiteral("pr2"));
        const Blob xpr = f.push(Repo, QStringLiteral("xpr-3"), QStringLiteral("xpr"));
        f.daysPass(40);
        f.addPolicy(QStringLiteral("p"),
                    json("{\"notPulledForDays\": 1, \"keepTags\": [\"latest\"], \"selectTags\": [\"pr-.*\", "
                         "\"latest\"]}"),
                    Repo);
        RetentionPlan plan = planOf(f, QStringLiteral("p"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({pr1, pr2}));
        QCOMPARE(RetentionFixture::kept(plan), digests({latest, v1, xpr}));
        QCOMPARE(RetentionFixture::ruleOf(plan, latest.digest), RetentionRules::KeepTags);
        QCOMPARE(RetentionFixture::ruleOf(plan, v1.digest), RetentionPlan::NotSelected);
    }

    void keepRulesOfOtherPoliciesWin()
    {
        RetentionFixture f;
        const Blob v1 = f.push(Repo, QStringLiteral("v1"), QStringLiteral("v1"));
        const Blob dev = f.push(Repo, QStringLiteral("dev"), QStringLiteral("dev"));
        f.daysPass(60);
        // A tenancy-wide policy keeps releases; the repository's policy deletes what is not pulled.
        f.addPolicy(QStringLiteral("releases"),
                    json("{\"untaggedOlderThanDays\": 30, \"keepTags\": [\"v[0-9]+\"]}"),
                    QStringLiteral("compartment:"));
        f.addPolicy(QStringLiteral("stale"), json("{\"notPulledForDays\": 30}"), Repo);
        RetentionPlan plan = planOf(f, QStringLiteral("stale"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({dev}));
        QCOMPARE(RetentionFixture::ruleOf(plan, v1.digest), RetentionRules::KeepTags);
        QCOMPARE(plan.repositories.first().kept.first().policy, QStringLiteral("releases"));
        // Planning the repository runs both policies' rules together.
        auto all = f.retention().planRepository(Repo);
        QVERIFY(all.ok());
        QCOMPARE(RetentionFixture::deleted(all.value()), digests({dev}));
        // A disabled keeping policy protects nothing.
        RetentionPolicy releases = f.retention().policies().get(QStringLiteral("releases")).value();
        releases.enabled = false;
        QVERIFY(f.retention().policies().update(QStringLiteral("releases"), releases).ok());
        QCOMPARE(RetentionFixture::deleted(planOf(f, QStringLiteral("stale"))), digests({dev, v1}));
    }

    void multiArchIndexAndChildren()
    {
        RetentionFixture f;
        const Blob amd = f.push(Repo, QString(), QStringLiteral("amd64"));
        const Blob arm = f.push(Repo, QString(), QStringLiteral("arm64"));
        const Blob index = f.pushIndex(Repo, {amd, arm}, QStringLiteral("multi"));
        f.daysPass(40);
        f.addPolicy(QStringLiteral("p"), json("{\"notPulledForDays\": 30, \"untaggedOlderThanDays\": 0}"),
                    Repo);
        RetentionPlan plan = planOf(f, QStringLiteral("p"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({index, amd, arm}));
        QCOMPARE(plan.repositories.first().deleted.first().digest, index.digest); // the index goes first
        QCOMPARE(RetentionFixture::ruleOf(plan, amd.digest), RetentionPlan::ChildOfDeletedIndex);

        // Pulled: the index stays and so do its children (the untagged rule does not touch them).
        f.pull(Repo, QStringLiteral("multi"));
        plan = planOf(f, QStringLiteral("p"));
        QVERIFY(RetentionFixture::deleted(plan).isEmpty());
        QCOMPARE(RetentionFixture::ruleOf(plan, arm.digest), RetentionPlan::ListedByKeptIndex);

        // A second index, kept by a pattern, lists amd64: when "multi" goes, amd64 stays.
        f.daysPass(40);
        const Blob other = f.pushIndex(Repo, {amd}, QStringLiteral("stable"));
        f.daysPass(40);
        f.addPolicy(QStringLiteral("keep-stable"),
                    json("{\"untaggedOlderThanDays\": 3650, \"keepTags\": [\"stable\"]}"), Repo);
        plan = planOf(f, QStringLiteral("p"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({index, arm}));
        QCOMPARE(RetentionFixture::kept(plan), digests({other, amd}));
        QCOMPARE(RetentionFixture::ruleOf(plan, amd.digest), RetentionPlan::ListedByKeptIndex);
    }

    void sharedDigestLosesOnlyTheOldTag()
    {
        RetentionFixture f;
        const Blob m = f.push(Repo, QStringLiteral("a"), QStringLiteral("m"));
        f.daysPass(50);
        QVERIFY(f.putManifest(Repo, m, QStringLiteral("b"),
                              QStringLiteral("application/vnd.oci.image.manifest.v1+json")));
        f.daysPass(10);
        f.addPolicy(QStringLiteral("p"), json("{\"notTaggedForDays\": 30}"), Repo);
        RetentionPlan plan = planOf(f, QStringLiteral("p"));
        QVERIFY(RetentionFixture::deleted(plan).isEmpty());
        QCOMPARE(RetentionFixture::kept(plan), digests({m}));
        QCOMPARE(RetentionFixture::removedTags(plan), QStringList{QStringLiteral("a")});
        QVERIFY(plan.repositories.first().removedTags.first().reason.contains(QStringLiteral("tag b keeps")));
        QCOMPARE(plan.reclaimableBytes, qint64(0));
        // Both old: the image goes with both tags.
        f.daysPass(30);
        plan = planOf(f, QStringLiteral("p"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({m}));
        QVERIFY(RetentionFixture::removedTags(plan).isEmpty());
        QCOMPARE(plan.repositories.first().deleted.first().tagNames(),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    }

    void referrersGoWithTheirSubjectOrKeepIt()
    {
        RetentionFixture f;
        const Blob subject = f.push(Repo, QStringLiteral("app"), QStringLiteral("s"));
        const Blob signature = f.push(Repo, QString(), QStringLiteral("sig"), subject);
        const Blob sbom = f.push(Repo, QString(), QStringLiteral("sbom"), subject);
        const Blob onSignature = f.push(Repo, QString(), QStringLiteral("sig-of-sig"), signature);
        f.daysPass(40);
        f.addPolicy(QStringLiteral("with"), json("{\"notPulledForDays\": 30}"), Repo);
        RetentionPlan plan = planOf(f, QStringLiteral("with"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({subject, signature, sbom, onSignature}));
        const auto& order = plan.repositories.first().deleted;
        QCOMPARE(order.first().digest, subject.digest);
        QCOMPARE(order.last().digest, onSignature.digest); // after its own subject
        QCOMPARE(RetentionFixture::ruleOf(plan, sbom.digest), RetentionPlan::ReferrerOfDeleted);

        f.addPolicy(QStringLiteral("without"), json("{\"notPulledForDays\": 30, \"deleteReferrers\": false}"),
                    Repo);
        plan = planOf(f, QStringLiteral("without"));
        QVERIFY(RetentionFixture::deleted(plan).isEmpty());
        QCOMPARE(RetentionFixture::ruleOf(plan, subject.digest), RetentionPlan::HasReferrers);
        QCOMPARE(RetentionFixture::ruleOf(plan, onSignature.digest), RetentionPlan::ReferrerOfKept);

        // The untagged rule never takes the referrers of a kept image.
        f.pull(Repo, QStringLiteral("app"));
        f.addPolicy(QStringLiteral("untagged"), json("{\"untaggedOlderThanDays\": 0}"), Repo);
        plan = planOf(f, QStringLiteral("untagged"));
        QVERIFY(RetentionFixture::deleted(plan).isEmpty());
        QCOMPARE(RetentionFixture::ruleOf(plan, sbom.digest), RetentionPlan::ReferrerOfKept);
    }

    void immutableTagsStay()
    {
        RetentionFixture f;
        const Blob release = f.push(Repo, QStringLiteral("v1"), QStringLiteral("v1"));
        const Blob latest = f.push(Repo, QStringLiteral("latest"), QStringLiteral("latest"));
        f.daysPass(40);
        auto set = f.service().metadata().transaction([&]() -> Result<void> {
            auto q = f.service().metadata().exec(
                QStringLiteral("UPDATE repositories SET immutable_tags = 1, immutable_tag_exclusions = "
                               "'[\"lat.*\"]' WHERE name = ?"),
                {Repo});
            if (!q)
                return q.error();
            return {};
        });
        QVERIFY(set.ok());
        f.addPolicy(QStringLiteral("p"), json("{\"notPulledForDays\": 30}"), Repo);
        RetentionPlan plan = planOf(f, QStringLiteral("p"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({latest}));
        QCOMPARE(RetentionFixture::ruleOf(plan, release.digest), RetentionPlan::ImmutableTag);
    }

    void reclaimableBytes()
    {
        RetentionFixture f;
        const Blob layer = blob(QByteArray("shared layer ").repeated(100));
        const Blob configA = blob("{\"a\":1}");
        const Blob configB = blob("{\"b\":2}");
        const Blob a = f.pushImage(QStringLiteral("a/one"), configA, {layer}, QStringLiteral("v1"));
        const Blob b = f.pushImage(QStringLiteral("b/two"), configB, {layer}, QStringLiteral("v1"));
        f.daysPass(40);
        f.addPolicy(QStringLiteral("only-a"), json("{\"notPulledForDays\": 30}"), QStringLiteral("a/one"));
        RetentionPlan plan = planOf(f, QStringLiteral("only-a"));
        QCOMPARE(RetentionFixture::deleted(plan), digests({a}));
        // b/two still uses the layer: only a's manifest and config come back.
        QCOMPARE(plan.reclaimableBytes, qint64(a.bytes.size() + configA.bytes.size()));
        QCOMPARE(plan.reclaimableBlobs, 2);
        // A policy over both repositories releases the shared layer too, counted once.
        f.addPolicy(QStringLiteral("all"), json("{\"notPulledForDays\": 30}"),
                    QStringLiteral("compartment:"));
        plan = planOf(f, QStringLiteral("all"));
        QCOMPARE(plan.repositories.size(), qsizetype(2));
        QCOMPARE(plan.reclaimableBytes, qint64(a.bytes.size() + configA.bytes.size() + b.bytes.size() +
                                               configB.bytes.size() + layer.bytes.size()));
        QCOMPARE(plan.reclaimableBlobs, 5);
    }
};

QTEST_GUILESS_MAIN(tst_RetentionPlanner)
#include "tst_retentionplanner.moc"
