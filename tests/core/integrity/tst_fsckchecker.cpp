// fsck on a real registry (RegistryService in a temporary directory), healthy and then damaged: every
// kind of damage is reported exactly, --repair fixes what it can, a second run finds only what it can't.
#include "core/gc/GcFixture.h"
#include "integrity/FsckChecker.h"
#include "integrity/FsckReportJson.h"
#include "maintenance/MaintenanceLog.h"
#include "metadata/MetadataStore.h"
#include "oci/MediaTypes.h"
#include "storage/BlobStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>
#include <fcntl.h>
#include <sys/stat.h>

using namespace berth;
using namespace berth::test;

namespace {

/// Sets a file's (or directory's) modification time two hours back.
bool makeOld(const QString& path)
{
    struct timespec times[2];
    times[0].tv_sec = QDateTime::currentSecsSinceEpoch() - 7200;
    times[0].tv_nsec = 0;
    times[1] = times[0];
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QStringList objects(const FsckReport& report, FsckFindingKind kind)
{
    QStringList out;
    for (const FsckFinding& f : report.ofKind(kind))
        out << f.object;
    out.sort();
    return out;
}

QString describe(const FsckReport& report)
{
    QStringList lines;
    for (const FsckFinding& f : report.findings)
        lines << FsckReportJson::kindName(f.kind) + u' ' + f.object + QStringLiteral(": ") + f.detail +
                     (f.repaired ? QStringLiteral(" [repaired]") : QString());
    return lines.join(QStringLiteral(" | "));
}

} // namespace

class TestFsckChecker : public QObject
{
    Q_OBJECT

    Result<FsckReport> fsck(GcFixture& f, bool repair, bool removeUnreferenced = false)
    {
        FsckOptions options;
        options.repair = repair;
        options.removeUnreferenced = removeUnreferenced;
        return FsckChecker(f.service()).run(options);
    }

    static int links(GcFixture& f, const Digest& digest)
    {
        auto q = f.service().metadata().exec(
            QStringLiteral("SELECT COUNT(*) FROM repository_blobs WHERE digest = ?"), {digest.toString()});
        return q && q->next() ? q->value(0).toInt() : -1;
    }

    static QString dataDir(GcFixture& f) { return QFileInfo(f.service().metadata().path()).absolutePath(); }

    static bool sql(GcFixture& f, const QString& statement, const QVariantList& values = {})
    {
        auto done = f.service().metadata().transaction([&]() -> Result<void> {
            auto q = f.service().metadata().exec(statement, values);
            if (!q)
                return q.error();
            return {};
        });
        if (!done)
            qWarning("%s", qPrintable(done.error().message));
        return done.ok();
    }

private slots:
    void healthyRegistryReportsNothing()
    {
        GcFixture f;
        const Blob shared = blob("shared layer");
        const Blob m1 = f.pushImage(QStringLiteral("app"), blob("config 1"), {shared, blob("layer a")},
                                    QStringLiteral("v1"));
        const Blob m2 = f.pushImage(QStringLiteral("app"), blob("config 2"), {shared}, QStringLiteral("v2"));
        const Blob index = indexManifest({m1, m2});
        QVERIFY(
            f.putManifest(QStringLiteral("app"), index, QStringLiteral("multi"), MediaTypes::OciImageIndex));
        f.pushImage(QStringLiteral("web"), blob("config 3"), {shared}, QStringLiteral("latest"));
        f.clock().advance(7200); // everything is older than the grace period now: still nothing to say

        auto report = fsck(f, false);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QVERIFY2(report->findings.isEmpty(), qPrintable(describe(report.value())));
        QCOMPARE(report->manifestsChecked, 4);
        QCOMPARE(report->problemsRemaining(), 0);
        QVERIFY(report->blobsChecked > 0);

        auto repaired = fsck(f, true, true);
        QVERIFY(repaired.ok());
        QVERIFY2(repaired->findings.isEmpty(), qPrintable(describe(repaired.value())));

        auto last = MaintenanceLog(f.service().metadata()).last(MaintenanceLog::Fsck);
        QVERIFY(last.ok() && last.value());
        QCOMPARE(last.value()->outcome, MaintenanceLog::Succeeded);
        QCOMPARE(last.value()->summary.value(QStringLiteral("repair")).toBool(), true);
        QCOMPARE(last.value()->summary.value(QStringLiteral("problems")).toInt(), 0);
    }

    void damageIsReportedExactlyAndRepaired()
    {
        GcFixture f;
        const QString data = dataDir(f);
        BlobStore& store = f.service().blobStore();
        MetadataStore& metadata = f.service().metadata();

        const Blob lostLayer = blob("layer that will be lost");
        const Blob m1 = f.pushImage(QStringLiteral("app"), blob("config 1"), {blob("layer a"), lostLayer},
                                    QStringLiteral("v1"));
        const Blob m2 =
            f.pushImage(QStringLiteral("app"), blob("config 2"), {blob("layer b")}, QStringLiteral("v2"));
        const Blob index = indexManifest({m1, m2});
        QVERIFY(
            f.putManifest(QStringLiteral("app"), index, QStringLiteral("multi"), MediaTypes::OciImageIndex));
        const Blob web =
            f.pushImage(QStringLiteral("web"), blob("config 3"), {blob("layer c")}, QStringLiteral("latest"));
        const Blob old =
            f.pushImage(QStringLiteral("old"), blob("config 4"), {blob("layer d")}, QStringLiteral("v1"));
        const Blob unreferenced = blob("a blob no manifest references");
        QVERIFY(f.pushBlob(QStringLiteral("app"), unreferenced));

        // A session whose data will vanish, started before the clock moves on.
        auto session = f.service().startUpload(QStringLiteral("app"));
        QVERIFY(session.ok());
        f.clock().advance(7200);

        // 1. a layer file deleted; 2. a manifest's bytes deleted; 3. a manifest's bytes corrupted.
        QVERIFY(store.remove(lostLayer.digest));
        QVERIFY(store.remove(old.digest));
        const QString webPath = store.localPath(web.digest);
        QVERIFY(!webPath.isEmpty());
        QVERIFY(writeFile(webPath, web.bytes.left(web.bytes.size() - 5) + "xxxxx"));
        // 4. a manifest row whose stored bytes hash right but do not parse.
        const QByteArray junk = "this is not a manifest";
        auto junkDigest = store.put(junk);
        QVERIFY(junkDigest.ok());
        QVERIFY(
            sql(f,
                QStringLiteral("INSERT INTO manifests (repository_id, digest, media_type, size, pushed_at)"
                               " SELECT id, ?, ?, ?, 0 FROM repositories WHERE name = 'app'"),
                {junkDigest->toString(), MediaTypes::OciImageManifest, junk.size()}));
        // 5. manifest_blobs rows of app:v2 and the manifest_children row of app:multi deleted.
        QVERIFY(sql(f,
                    QStringLiteral("DELETE FROM manifest_blobs WHERE manifest_id ="
                                   " (SELECT id FROM manifests WHERE digest = ?)"),
                    {m2.digest.toString()}));
        QVERIFY(sql(f, QStringLiteral("DELETE FROM manifest_children WHERE child_digest = ?"),
                    {m1.digest.toString()}));
        // 6. a tag pointing at a manifest that does not exist (foreign keys off to get it in).
        QVERIFY(metadata.exec(QStringLiteral("PRAGMA foreign_keys = OFF")).ok());
        QVERIFY(
            sql(f, QStringLiteral("INSERT INTO tags (repository_id, name, manifest_id, updated_at)"
                                  " SELECT id, 'ghost', 999999, 0 FROM repositories WHERE name = 'app'")));
        QVERIFY(metadata.exec(QStringLiteral("PRAGMA foreign_keys = ON")).ok());
        // 7. upload data without a row, and a row without data.
        const QString orphanId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY(
            writeFile(data + QStringLiteral("/uploads/") + orphanId + QStringLiteral("/data"), "partial"));
        QVERIFY(makeOld(data + QStringLiteral("/uploads/") + orphanId));
        QVERIFY(QDir(data + QStringLiteral("/uploads/") + session->id).removeRecursively());
        // 8. stray temporary files.
        const QString tmp1 = data + QStringLiteral("/uploads/put-1234.tmp");
        const QString tmp2 = data + QStringLiteral("/blobs/0/sha256/ab/half-written.tmp");
        const QString freshTmp = data + QStringLiteral("/uploads/put-in-progress.tmp");
        QVERIFY(writeFile(tmp1, "x") && writeFile(tmp2, "yy") && writeFile(freshTmp, "z"));
        QVERIFY(makeOld(tmp1) && makeOld(tmp2));

        auto report = fsck(f, false);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        const QString all = describe(report.value());
        using K = FsckFindingKind;
        QCOMPARE(objects(report.value(), K::MissingBlob), QStringList{lostLayer.digest.toString()});
        QVERIFY2(report->ofKind(K::MissingBlob).first().detail.contains(QStringLiteral("app:v1")),
                 qPrintable(all));
        QVERIFY(report->ofKind(K::MissingBlob).first().detail.contains(QStringLiteral("app:multi")) == false);
        QCOMPARE(objects(report.value(), K::MissingManifest), QStringList{old.digest.toString()});
        QVERIFY(report->ofKind(K::MissingManifest).first().detail.contains(QStringLiteral("old:v1")));
        QCOMPARE(objects(report.value(), K::CorruptManifest), QStringList{web.digest.toString()});
        QVERIFY(report->ofKind(K::CorruptManifest).first().detail.contains(QStringLiteral("web:latest")));
        QCOMPARE(objects(report.value(), K::UnparsableManifest), QStringList{junkDigest->toString()});
        QStringList references{QStringLiteral("app@") + m2.digest.toString(),
                               QStringLiteral("app@") + index.digest.toString()};
        references.sort();
        QCOMPARE(objects(report.value(), K::ManifestReferences), references);
        QCOMPARE(report->count(K::DanglingRow), 1);
        QVERIFY2(report->ofKind(K::DanglingRow).first().object.startsWith(QStringLiteral("tags row")),
                 qPrintable(all));
        QCOMPARE(objects(report.value(), K::UploadWithoutData), QStringList{session->id});
        QCOMPARE(objects(report.value(), K::UploadDataWithoutRow),
                 QStringList{QStringLiteral("uploads/") + orphanId});
        QStringList temps{QStringLiteral("blobs/0/sha256/ab/half-written.tmp"),
                          QStringLiteral("uploads/put-1234.tmp")};
        QCOMPARE(objects(report.value(), K::StrayTemporaryFile), temps);
        // Only the blob nothing references is reclaimable: not app:v2's layers, whose rows are missing.
        QCOMPARE(objects(report.value(), K::ReclaimableBlob), QStringList{unreferenced.digest.toString()});
        QCOMPARE(report->count(K::DatabaseIntegrity), 0);
        if (report->findings.size() != 12)
            qWarning("%s", qPrintable(all));
        QCOMPARE(report->findings.size(), 12);
        QCOMPARE(report->problemsRemaining(), 11);
        QCOMPARE(report->repairedCount(), 0);
        // Reporting changed nothing.
        QVERIFY(QFile::exists(tmp1));
        QVERIFY(QFile::exists(data + QStringLiteral("/uploads/") + orphanId));

        auto repaired = fsck(f, true);
        QVERIFY2(repaired.ok(), qPrintable(repaired.error().message));
        QCOMPARE(repaired->findings.size(), 12);
        for (const FsckFinding& finding : repaired->findings) {
            const bool shouldRepair =
                finding.kind == K::ManifestReferences || finding.kind == K::DanglingRow ||
                finding.kind == K::UploadWithoutData || finding.kind == K::UploadDataWithoutRow ||
                finding.kind == K::StrayTemporaryFile;
            QVERIFY2(finding.repaired == shouldRepair, qPrintable(describe(repaired.value())));
        }
        QCOMPARE(repaired->problemsRemaining(), 4);
        QVERIFY(!QFile::exists(tmp1) && !QFile::exists(tmp2));
        QVERIFY(QFile::exists(freshTmp)); // too young to judge
        QVERIFY(!QFile::exists(data + QStringLiteral("/uploads/") + orphanId));
        auto rows = metadata.manifestBlobs(
            metadata.manifestByDigest(*metadata.repositoryId(QStringLiteral("app")).value(), m2.digest)
                .value()
                ->id);
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 2);
        QVERIFY(
            f.service().getManifest(QStringLiteral("app"), Reference::fromTag(QStringLiteral("v2"))).ok());

        auto again = fsck(f, false);
        QVERIFY(again.ok());
        QCOMPARE(again->problemsRemaining(), 4);
        QCOMPARE(again->findings.size(), 5);
        QCOMPARE(again->count(K::MissingBlob) + again->count(K::MissingManifest) +
                     again->count(K::CorruptManifest) + again->count(K::UnparsableManifest),
                 4);
        QCOMPARE(again->count(K::ReclaimableBlob), 1);
        QVERIFY(store.contains(unreferenced.digest)); // left to garbage collection

        // Removing unreferenced blobs is asked for explicitly.
        auto removing = fsck(f, true, true);
        QVERIFY(removing.ok());
        QCOMPARE(removing->ofKind(K::ReclaimableBlob).size(), 1);
        QVERIFY(removing->ofKind(K::ReclaimableBlob).first().repaired);
        QVERIFY(!store.contains(unreferenced.digest));
        QVERIFY(store.contains(blob("layer b").digest)); // app:v2's layers stay
        QVERIFY(store.contains(blob("config 2").digest));

        auto history = MaintenanceLog(metadata).history(MaintenanceLog::Fsck);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 4);
        QCOMPARE(history->first().summary.value(QStringLiteral("problems")).toInt(), 4);
    }

    void linkToAMissingBlobIsRemovedOnRepair()
    {
        GcFixture f;
        const Blob lone = blob("linked but never used by a manifest");
        QVERIFY(f.pushBlob(QStringLiteral("app"), lone));
        QVERIFY(f.service().blobStore().remove(lone.digest));
        auto report = fsck(f, false);
        QVERIFY(report.ok());
        QCOMPARE(objects(report.value(), FsckFindingKind::MissingBlob), QStringList{lone.digest.toString()});
        QVERIFY(report->findings.first().repairable);
        QCOMPARE(links(f, lone.digest), 1);
        auto repaired = fsck(f, true);
        QVERIFY(repaired.ok() && repaired->findings.first().repaired);
        QCOMPARE(links(f, lone.digest), 0);
        auto clean = fsck(f, false);
        QVERIFY(clean.ok() && clean->findings.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFsckChecker)
#include "tst_fsckchecker.moc"
