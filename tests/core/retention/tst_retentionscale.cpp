// A repository of 100,000 images is planned in seconds: the rows are written straight into the metadata
// database (pushing 100,000 images through the registry would take the test's whole budget), then one
// policy is planned and the time printed. The figures are checked (which images go, which stay, the
// bytes); the time is only printed, not asserted.

#include "RetentionFixture.h"
#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"
#include "retention/RetentionPlanner.h"
#include "retention/RetentionSnapshot.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

QString fakeDigest(const QByteArray& seed)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex());
}

} // namespace

class tst_RetentionScale : public QObject
{
    Q_OBJECT

private slots:
    void hundredThousandImages()
    {
        constexpr int Images = 100000;
        RetentionFixture f;
        const QString repo = QStringLiteral("big/repo");
        QVERIFY(f.service().createRepository(repo, CompartmentPath()).ok());
        MetadataStore& db = f.service().metadata();
        const qint64 repoId = *db.repositoryId(repo).value();
        const QDateTime start = f.clock().now();
        const QString config = fakeDigest("shared config");
        QElapsedTimer timer;
        timer.start();
        auto written = db.transaction([&]() -> Result<void> {
            // Prepared once, bound per row: the test's own writing should not dominate its time.
            QSqlDatabase c = db.connection();
            QSqlQuery manifest(c), link(c), ref(c), tag(c);
            manifest.prepare(
                QStringLiteral("INSERT INTO manifests (repository_id, digest, media_type, size, pushed_at)"
                               " VALUES (?, ?, 'application/vnd.oci.image.manifest.v1+json', 500, ?)"));
            link.prepare(QStringLiteral("INSERT INTO repository_blobs VALUES (?, ?, ?, ?)"));
            ref.prepare(QStringLiteral("INSERT INTO manifest_blobs VALUES (?, ?)"));
            tag.prepare(QStringLiteral("INSERT INTO tags VALUES (?, ?, ?, ?)"));
            const auto run = [](QSqlQuery& q, const QVariantList& values) {
                for (int v = 0; v < values.size(); ++v)
                    q.bindValue(v, values[v]);
                if (!q.exec())
                    qFatal("insert failed: %s", qPrintable(q.lastError().text()));
            };
            run(link, {repoId, config, 100, StoredTime::toColumn(start)});
            for (int i = 0; i < Images; ++i) {
                // Image i was pushed i minutes after the start; every second one has a tag.
                const qint64 pushed = StoredTime::toColumn(start.addSecs(qint64(i) * 60));
                const QString digest = fakeDigest("manifest " + QByteArray::number(i));
                const QString layer = fakeDigest("layer " + QByteArray::number(i));
                run(manifest, {repoId, digest, pushed});
                const qint64 id = manifest.lastInsertId().toLongLong();
                run(link, {repoId, digest, 500, pushed});
                run(link, {repoId, layer, 1000, pushed});
                run(ref, {id, config});
                run(ref, {id, layer});
                if (i % 2 == 0)
                    run(tag, {repoId, QStringLiteral("build-%1").arg(i), id, pushed});
            }
            return {};
        });
        QVERIFY2(written.ok(), qPrintable(written.error().message));
        qInfo("wrote %d images in %lld ms", Images, timer.elapsed());

        // 100,000 minutes is about 69 days. Now: day 100. Tagged images not used for 60 days go (those
        // pushed in the first 40 days), untagged ones older than 50 days go (the first 50 days), and the
        // newest 1000 tagged images stay whatever happens.
        f.clock().set(start.addDays(100));
        f.addPolicy(QStringLiteral("big"),
                    QJsonDocument::fromJson(
                        "{\"notPulledForDays\": 60, \"untaggedOlderThanDays\": 50, \"keepLastPushed\": 1000}")
                        .object(),
                    repo);
        // The two halves on their own (reading the rows, deciding in memory), then the whole.
        timer.restart();
        auto snapshot = RetentionSnapshot::load(db, repo);
        QVERIFY(snapshot.ok());
        const qint64 loadMs = timer.elapsed();
        timer.restart();
        const RetentionPolicy policy = f.retention().policies().get(QStringLiteral("big")).value();
        const RepositoryRetentionPlan inMemory =
            RetentionPlanner::plan(snapshot.value(), {policy}, {policy}, f.clock().now());
        const qint64 planMs = timer.elapsed();
        timer.restart();
        auto plan = f.retention().planPolicy(QStringLiteral("big"));
        const qint64 ms = timer.elapsed();
        QVERIFY2(plan.ok(), qPrintable(plan.error().message));
        qInfo("planned %d images in %lld ms (reading %lld ms, deciding %lld ms): %d to delete, %d to keep, "
              "%lld "
              "bytes back",
              Images, ms, loadMs, planMs, plan->deletedImages(), plan->keptImages(), plan->reclaimableBytes);
        QCOMPARE(inMemory.deleted.size(), qsizetype(plan->deletedImages()));

        const int minutesIn40Days = 40 * 24 * 60;
        const int minutesIn50Days = 50 * 24 * 60;
        const int taggedOld = (minutesIn40Days + 1) / 2; // even i below 40 days
        const int untaggedOld = minutesIn50Days / 2;     // odd i below 50 days
        QCOMPARE(plan->deletedImages(), taggedOld + untaggedOld);
        QCOMPARE(plan->keptImages(), Images - taggedOld - untaggedOld);
        // Each deleted image frees its manifest and its own layer; the shared config stays.
        QCOMPARE(plan->reclaimableBytes, qint64(taggedOld + untaggedOld) * 1500);
    }
};

QTEST_GUILESS_MAIN(tst_RetentionScale)
#include "tst_retentionscale.moc"
