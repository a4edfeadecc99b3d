// Applying retention through RegistryService: what the plan deletes goes (events for every tag and
// manifest, the run recorded in the maintenance history, the bytes left to garbage collection), every
// step is re-checked against the plan (a new tag, a moved tag, a re-push, a new index or referrer makes
// it skip), a cancel stops between batches, and a run racing concurrent pushes and re-tags in other
// threads never deletes what was pushed or tagged after the plan was made.

#include "RetentionFixture.h"
#include "gc/GarbageCollector.h"
#include "governance/TagImmutability.h"
#include "jobs/JobContext.h"
#include "metadata/MetadataStore.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "retention/RetentionJob.h"

#include <QJsonDocument>
#include <QtTest>
#include <atomic>
#include <thread>

using namespace berth;
using namespace berth::test;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

const QString Repo = QStringLiteral("team/app");
const QString ManifestType = MediaTypes::OciImageManifest;

bool hasTag(RegistryService& s, const QString& tag)
{
    return s.getManifest(Repo, Reference::fromTag(tag), false).ok();
}

bool hasDigest(RegistryService& s, const Blob& m)
{
    return s.getManifest(Repo, Reference::fromDigest(m.digest), false).ok();
}

/// Cancelled once asked about `after` times.
class CancelAfter final : public JobContext
{
public:
    explicit CancelAfter(int after) : m_after(after) {}
    bool isCancelled() const override { return m_asked++ >= m_after; }
    void setProgress(qint64 done, qint64 total) override
    {
        m_done = done;
        m_total = total;
    }
    void setStatus(const QString&) override {}
    qint64 m_done = 0;
    qint64 m_total = 0;

private:
    int m_after;
    mutable std::atomic<int> m_asked{0};
};

} // namespace

class tst_RetentionApply : public QObject
{
    Q_OBJECT

private slots:
    void appliesThePlanAndLeavesBytesToGc()
    {
        RetentionFixture f;
        const Blob old = f.push(Repo, QStringLiteral("old"), QStringLiteral("old"));
        const Blob shared = f.push(Repo, QStringLiteral("a"), QStringLiteral("shared"));
        f.daysPass(50);
        QVERIFY(f.putManifest(Repo, shared, QStringLiteral("b"), ManifestType));
        const Blob fresh = f.push(Repo, QStringLiteral("fresh"), QStringLiteral("fresh"));
        f.daysPass(10);
        f.addPolicy(QStringLiteral("p"), json("{\"notTaggedForDays\": 30}"), Repo);

        QList<RegistryEvent> events;
        connect(
            &f.service(), &RegistryService::registryEvent, this,
            [&events](const RegistryEvent& e) { events << e; }, Qt::DirectConnection);
        auto run = f.retention().run(QStringLiteral("p"), MaintenanceLog::Manual);
        QVERIFY2(run.ok(), qPrintable(run.error().message));
        QCOMPARE(run->applied.deletedImages, 1);
        QCOMPARE(run->applied.removedTags, 1);
        QVERIFY(run->applied.skipped.isEmpty());
        QVERIFY(!hasDigest(f.service(), old));
        QVERIFY(!hasTag(f.service(), QStringLiteral("a")));
        QVERIFY(hasTag(f.service(), QStringLiteral("b")));
        QVERIFY(hasTag(f.service(), QStringLiteral("fresh")));
        QVERIFY(hasDigest(f.service(), fresh));

        int tagDeleted = 0, manifestDeleted = 0;
        for (const RegistryEvent& e : events) {
            tagDeleted += e.type == RegistryEventType::TagDeleted;
            manifestDeleted += e.type == RegistryEventType::ManifestDeleted && e.digest == old.digest;
        }
        QCOMPARE(tagDeleted, 2); // "old" with its image, "a" alone
        QCOMPARE(manifestDeleted, 1);
        QVERIFY(run->describe().contains(QStringLiteral("garbage collection")));

        // Recorded in the history with its figures.
        auto last = f.log().last(RetentionRunner::LogKind);
        QVERIFY(last.ok() && last.value());
        QCOMPARE(last.value()->outcome, MaintenanceLog::Succeeded);
        QCOMPARE(last.value()->trigger, MaintenanceLog::Manual);
        QCOMPARE(last.value()->summary.value(QStringLiteral("deletedImages")).toInt(), 1);
        QCOMPARE(last.value()->summary.value(QStringLiteral("removedTags")).toInt(), 1);

        // The bytes are still there until garbage collection takes them.
        QVERIFY(f.stored(old.digest));
        GcOptions gc;
        gc.gracePeriodSeconds = 0;
        auto collected = f.gc().run(gc);
        QVERIFY(collected.ok());
        QVERIFY(!f.stored(old.digest));
        QVERIFY(f.stored(shared.digest));
        QCOMPARE(collected->bytes, run->plan.reclaimableBytes);
    }

    void skipsWhatChangedSincePlanning()
    {
        RetentionFixture f;
        const Blob retagged = f.push(Repo, QStringLiteral("r1"), QStringLiteral("retagged"));
        const Blob repushed = f.push(Repo, QStringLiteral("r2"), QStringLiteral("repushed"));
        const Blob indexed = f.push(Repo, QString(), QStringLiteral("indexed"));
        const Blob referred = f.push(Repo, QStringLiteral("r3"), QStringLiteral("referred"));
        const Blob untouched = f.push(Repo, QStringLiteral("r4"), QStringLiteral("untouched"));
        const Blob moving = f.push(Repo, QStringLiteral("m1"), QStringLiteral("moving"));
        f.daysPass(50);
        QVERIFY(f.putManifest(Repo, moving, QStringLiteral("m2"),
                              ManifestType)); // keeps the image, m1 goes alone
        f.daysPass(40);
        f.addPolicy(QStringLiteral("p"), json("{\"notTaggedForDays\": 60, \"untaggedOlderThanDays\": 30}"),
                    Repo);
        auto plan = f.retention().planPolicy(QStringLiteral("p"));
        QVERIFY(plan.ok());
        QCOMPARE(RetentionFixture::deleted(plan.value()).size(), 5);
        QCOMPARE(RetentionFixture::removedTags(plan.value()), QStringList{QStringLiteral("m1")});

        // Meanwhile: a new tag, the same bytes pushed again, an index and a referrer pushed, a tag moved.
        QVERIFY(f.putManifest(Repo, retagged, QStringLiteral("new-tag"), ManifestType));
        QVERIFY(f.putManifest(Repo, repushed, QString(), ManifestType));
        f.pushIndex(Repo, {indexed}, QStringLiteral("multi"));
        const Blob signature = f.push(Repo, QString(), QStringLiteral("sig"), referred);
        QVERIFY(f.putManifest(Repo, retagged, QStringLiteral("m1"), ManifestType));

        auto applied = f.service().applyRetention(plan->repositories.first());
        QVERIFY2(applied.ok(), qPrintable(applied.error().message));
        QCOMPARE(applied->deletedImages, 1); // only "untouched"
        QCOMPARE(applied->removedTags, 0);
        QStringList reasons;
        for (const RetentionSkip& s : applied->skipped)
            reasons << s.what + QStringLiteral(": ") + s.reason;
        QCOMPARE(applied->skipped.size(), qsizetype(5));
        const QString all = reasons.join(QLatin1Char('\n'));
        // A new tag comes with a push of the manifest, which refreshes its link: "pushed again" for both.
        QVERIFY2(all.count(QStringLiteral("pushed again since the plan")) == 2, qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("lists it")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("The referrer ")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("tag m1: The tag was set again")), qPrintable(all));
        QVERIFY(hasDigest(f.service(), retagged));
        QVERIFY(hasDigest(f.service(), repushed));
        QVERIFY(hasDigest(f.service(), indexed));
        QVERIFY(hasDigest(f.service(), referred));
        QVERIFY(hasDigest(f.service(), signature));
        QVERIFY(hasTag(f.service(), QStringLiteral("m1")));
        QVERIFY(hasDigest(f.service(), moving));
        QVERIFY(!hasDigest(f.service(), untouched));
    }

    void skipsTagsMadeImmutableSincePlanning()
    {
        RetentionFixture f;
        const Blob locked = f.push(Repo, QStringLiteral("v1"), QStringLiteral("locked"));
        const Blob moving = f.push(Repo, QStringLiteral("m1"), QStringLiteral("moving"));
        const Blob free = f.push(Repo, QStringLiteral("latest"), QStringLiteral("free"));
        f.daysPass(50);
        QVERIFY(f.putManifest(Repo, moving, QStringLiteral("m2"), ManifestType)); // m1 goes alone
        f.daysPass(40);
        f.addPolicy(QStringLiteral("p"), json("{\"notTaggedForDays\": 60}"), Repo);
        auto plan = f.retention().planPolicy(QStringLiteral("p"));
        QVERIFY(plan.ok());
        QCOMPARE(RetentionFixture::deleted(plan.value()).size(), 2); // v1 and latest with their images
        QCOMPARE(RetentionFixture::removedTags(plan.value()), QStringList{QStringLiteral("m1")});

        // Between plan and apply an administrator makes the repository's tags immutable, except latest.
        auto immutability = TagImmutability::make(true, {QStringLiteral("latest")});
        QVERIFY(immutability.ok());
        auto saved = f.service().metadata().transaction([&]() -> Result<void> {
            auto id = f.service().metadata().repositoryId(Repo);
            if (!id)
                return id.error();
            return immutability->save(f.service().metadata(), *id.value());
        });
        QVERIFY2(saved.ok(), qPrintable(saved.error().message));

        auto applied = f.service().applyRetention(plan->repositories.first());
        QVERIFY2(applied.ok(), qPrintable(applied.error().message));
        QCOMPARE(applied->deletedImages, 1); // only the image tagged latest
        QCOMPARE(applied->removedTags, 0);
        QStringList reasons;
        for (const RetentionSkip& s : applied->skipped)
            reasons << s.what + QStringLiteral(": ") + s.reason;
        const QString all = reasons.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("tag m1: The tag is immutable.")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Its tag v1 is immutable.")), qPrintable(all));
        QVERIFY(hasTag(f.service(), QStringLiteral("v1")));
        QVERIFY(hasTag(f.service(), QStringLiteral("m1")));
        QVERIFY(hasDigest(f.service(), locked));
        QVERIFY(!hasDigest(f.service(), free));
    }

    void cancelStopsBetweenBatches()
    {
        RetentionFixture f;
        for (int i = 0; i < 210; ++i)
            f.push(Repo, QString(), QString::number(i));
        f.daysPass(10);
        f.addPolicy(QStringLiteral("p"), json("{\"untaggedOlderThanDays\": 1}"), Repo);
        CancelAfter context(3); // planning asks once, applying once per repository and once per batch
        auto run = f.retention().run(QStringLiteral("p"), MaintenanceLog::Manual, &context);
        QVERIFY(run.ok());
        QVERIFY(run->applied.cancelled);
        QCOMPARE(run->applied.deletedImages, 200);
        QCOMPARE(f.log().last(RetentionRunner::LogKind).value()->outcome, MaintenanceLog::Cancelled);
        // The next run takes the rest.
        auto again = f.retention().run(QStringLiteral("p"), MaintenanceLog::Manual);
        QVERIFY(again.ok());
        QCOMPARE(again->applied.deletedImages, 10);
    }

    void runRacingConcurrentPushes()
    {
        RetentionFixture f;
        constexpr int Old = 100;
        QList<Blob> old;
        for (int i = 0; i < Old; ++i)
            old << f.push(Repo, QStringLiteral("old-%1").arg(i), QStringLiteral("old %1").arg(i));
        f.daysPass(40);
        f.addPolicy(QStringLiteral("p"), json("{\"notPulledForDays\": 30}"), Repo);

        // One thread re-tags old images (from the end, so it meets the deletions) and pushes new ones
        // while retention runs again and again on this thread.
        std::atomic<bool> done{false};
        std::atomic<int> retagged{0};
        std::thread pusher([&] {
            for (int i = Old - 1; i >= 0; i -= 2) {
                if (f.putManifest(Repo, old[i], QStringLiteral("fresh-%1").arg(i), ManifestType))
                    ++retagged;
                f.push(Repo, QStringLiteral("new-%1").arg(i), QStringLiteral("new %1").arg(i));
            }
            done = true;
        });
        int runs = 0;
        int deleted = 0;
        int skipped = 0;
        while (!done || runs < 2) {
            auto run = f.retention().run(QStringLiteral("p"), MaintenanceLog::Scheduled);
            QVERIFY2(run.ok(), qPrintable(run.error().message));
            deleted += run->applied.deletedImages;
            skipped += int(run->applied.skipped.size());
            ++runs;
        }
        pusher.join();
        qInfo("%d runs deleted %d images and skipped %d that changed meanwhile; %d re-tags", runs, deleted,
              skipped, retagged.load());

        // Every image re-tagged successfully and every new one is still there, with its tag.
        int freshKept = 0;
        for (int i = Old - 1; i >= 0; i -= 2) {
            QVERIFY2(hasTag(f.service(), QStringLiteral("new-%1").arg(i)), qPrintable(QString::number(i)));
            if (hasTag(f.service(), QStringLiteral("fresh-%1").arg(i))) {
                ++freshKept;
                QVERIFY(hasDigest(f.service(), old[i]));
            }
        }
        // Every re-tag succeeded (an image retention had deleted first is pushed again by its bytes) and
        // every re-tagged image survived every later run.
        QCOMPARE(retagged.load(), Old / 2);
        QCOMPARE(freshKept, retagged.load());
        // Untouched old images are gone.
        for (int i = Old - 2; i >= 0; i -= 2)
            QVERIFY(!hasTag(f.service(), QStringLiteral("old-%1").arg(i)));
        QVERIFY(deleted >= Old / 2);
    }

    void jobOnARunner()
    {
        RetentionFixture f;
        f.push(Repo, QString(), QStringLiteral("u"));
        f.daysPass(3);
        f.addPolicy(QStringLiteral("p"), json("{\"untaggedOlderThanDays\": 1}"), Repo);
        auto runner = std::shared_ptr<RetentionRunner>(&f.retention(), [](RetentionRunner*) {});
        auto outcome = std::make_shared<RetentionJob::Outcome>();
        NullJobContext context;
        Result<QString> said =
            RetentionJob::make(runner, QStringLiteral("p"), MaintenanceLog::Manual, outcome)(context);
        QVERIFY(said.ok());
        QVERIFY2(said.value().contains(QStringLiteral("deleted 1 image")), qPrintable(said.value()));
        QVERIFY(outcome->get().has_value());
        QCOMPARE(outcome->get()->value().applied.deletedImages, 1);
        QCOMPARE(RetentionJob::title(QStringLiteral("p"), MaintenanceLog::Manual),
                 QStringLiteral("Retention policy p"));
    }
};

QTEST_GUILESS_MAIN(tst_RetentionApply)
#include "tst_retentionapply.moc"
