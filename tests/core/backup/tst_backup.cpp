#include "GcFixture.h"
#include "audit/AuditLog.h"
#include "backup/BackupManifest.h"
#include "backup/BackupRestorer.h"
#include "backup/BackupWriter.h"
#include "gc/BlobRemovalHold.h"
#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"
#include "metadata/MetadataStore.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "storage/BlobStore.h"
#include "storage/ReplicatedBlobStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace berth;
using namespace berth::test;

namespace {

/// A JobContext whose progress calls a hook (to act in the middle of a backup) and that can be cancelled.
class HookedContext : public JobContext
{
public:
    std::function<void(qint64)> onProgress;
    bool cancelled = false;
    qint64 calls = 0;
    bool isCancelled() const override { return cancelled; }
    void setProgress(qint64 done, qint64) override
    {
        ++calls;
        if (onProgress)
            onProgress(done);
    }
    void setStatus(const QString&) override {}
};

QString dataDirectoryOf(RegistryService& registry)
{
    return QFileInfo(registry.metadata().path()).absolutePath();
}

QByteArray readAll(std::unique_ptr<QIODevice> device)
{
    return device ? device->readAll() : QByteArray();
}

struct Pushed
{
    QString repository;
    QString tag;
    Blob manifest;
    QList<Blob> blobs; ///< config and layers
};

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

private:
    QList<Pushed> pushSome(GcFixture& f, const QString& salt)
    {
        QList<Pushed> out;
        const Blob c1 = blob("config-a-" + salt.toUtf8()), l1 = blob(QByteArray(300000, 'a') + salt.toUtf8());
        const Blob l2 = blob("shared layer");
        const Blob m1 = f.pushImage(QStringLiteral("team/app"), c1, {l1, l2}, QStringLiteral("v1"));
        out.append({QStringLiteral("team/app"), QStringLiteral("v1"), m1, {c1, l1, l2}});
        const Blob c2 = blob("config-b-" + salt.toUtf8()), l3 = blob("layer b " + salt.toUtf8());
        const Blob m2 = f.pushImage(QStringLiteral("base/os"), c2, {l3, l2}, QString());
        const Blob index = indexManifest({m2});
        if (!f.putManifest(QStringLiteral("base/os"), index, QStringLiteral("multi"),
                           MediaTypes::OciImageIndex))
            qFatal("index push failed");
        out.append({QStringLiteral("base/os"), QString(), m2, {c2, l3, l2}});
        out.append({QStringLiteral("base/os"), QStringLiteral("multi"), index, {}});
        return out;
    }

    BackupResult backup(GcFixture& f, const QString& destination, JobContext& context,
                        MaintenanceLog* log = nullptr)
    {
        const QString data = dataDirectoryOf(f.service());
        BackupWriter writer(BackupWriter::sourceOf(f.service(), data, nullptr, log));
        auto result = writer.write(destination, context);
        if (!result)
            qFatal("backup failed: %s", qPrintable(result.error().message));
        return result.value();
    }

    /// Opens the restored data directory and checks every pushed image is there, byte for byte.
    void verifyRestored(const QString& dataDirectory, const QList<Pushed>& pushed,
                        const StorageOptions& storage = {})
    {
        RegistryService::Options options;
        options.dataDirectory = dataDirectory;
        options.storage = storage;
        RegistryService restored(options);
        QVERIFY2(restored.open().ok(), "the restored data directory opens");
        for (const Pushed& p : pushed) {
            const Reference ref =
                p.tag.isEmpty() ? Reference::fromDigest(p.manifest.digest) : Reference::fromTag(p.tag);
            auto m = restored.getManifest(p.repository, ref, false);
            QVERIFY2(m.ok(), qPrintable(p.repository + u':' + p.tag));
            QCOMPARE(m->bytes, p.manifest.bytes);
            for (const Blob& b : p.blobs) {
                auto opened = restored.openBlob(p.repository, b.digest);
                QVERIFY2(opened.ok(), qPrintable(b.digest.toString()));
                QCOMPARE(readAll(std::move(opened).value()), b.bytes);
            }
        }
    }

private slots:
    void roundTripRestoresEveryImageByteIdentical()
    {
        GcFixture f;
        const QList<Pushed> pushed = pushSome(f, QStringLiteral("1"));
        const QString data = dataDirectoryOf(f.service());
        QVERIFY(QDir(data).mkpath(QStringLiteral("keys")));
        QFile key(data + QStringLiteral("/keys/token-signing.pem"));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write("not really a key");
        key.close();
        AuditLog audit(data, f.clock());
        QVERIFY(audit.open().ok());
        AuditRecord record;
        record.actor = QStringLiteral("admin");
        record.action = QStringLiteral("repository.create");
        record.target = QStringLiteral("team/app");
        audit.append(record);
        QVERIFY(audit.flush().ok());

        QTemporaryDir dest;
        MaintenanceLog log(f.service().metadata());
        NullJobContext context;
        BackupWriter writer(BackupWriter::sourceOf(f.service(), data, &audit, &log));
        auto result = writer.write(dest.path() + QStringLiteral("/b"), context);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        // Distinct blobs: 2 configs, 3 layers (one shared), 3 manifests.
        QCOMPARE(result->manifest.blobs.size(), 8);
        QCOMPARE(result->blobsCopied, 8);
        QCOMPARE(result->blobsReused, 0);
        QCOMPARE(result->manifest.repositories, 2);
        QCOMPARE(result->manifest.manifests, 3);
        QCOMPARE(result->manifest.tags, 2);
        QVERIFY(result->manifest.hasAudit);
        QCOMPARE(result->manifest.keyFiles, QStringList{QStringLiteral("token-signing.pem")});
        QCOMPARE(
            int(QFileInfo(dest.path() + QStringLiteral("/b/keys/token-signing.pem")).permissions() & 0x0777),
            int(QFileDevice::ReadUser | QFileDevice::WriteUser));
        auto last = log.last(MaintenanceLog::Backup);
        QVERIFY(last.ok() && last.value());
        QCOMPARE(last.value()->outcome, MaintenanceLog::Succeeded);
        QCOMPARE(last.value()->summary.value(QStringLiteral("blobsCopied")).toInteger(), 8);
        QCOMPARE(BlobRemovalHold::activeHolds(), 0);

        QTemporaryDir target;
        const QString restoredData = target.path() + QStringLiteral("/data");
        BackupRestorer restorer({dest.path() + QStringLiteral("/b"), restoredData, false, {}});
        auto restored = restorer.restore(context);
        QVERIFY2(restored.ok(), restored.ok() ? "" : qPrintable(restored.error().message));
        QCOMPARE(restored->blobsRestored, 8);
        verifyRestored(restoredData, pushed);
        QFile restoredKey(restoredData + QStringLiteral("/keys/token-signing.pem"));
        QVERIFY(restoredKey.open(QIODevice::ReadOnly));
        QCOMPARE(restoredKey.readAll(), QByteArray("not really a key"));
        AuditLog restoredAudit(restoredData, f.clock());
        QVERIFY(restoredAudit.open().ok());
        QVERIFY(restoredAudit.verify().ok);
        QCOMPARE(restoredAudit.lastSequence(), audit.lastSequence());
    }

    void secondBackupCopiesOnlyNewBlobs()
    {
        GcFixture f;
        QList<Pushed> pushed = pushSome(f, QStringLiteral("1"));
        QTemporaryDir dest;
        NullJobContext context;
        const BackupResult first = backup(f, dest.path(), context);
        QCOMPARE(first.blobsCopied, 8);

        const Blob c = blob("config-new"), l = blob(QByteArray(123456, 'n'));
        const Blob m = f.pushImage(QStringLiteral("team/app"), c, {l}, QStringLiteral("v2"));
        pushed.append({QStringLiteral("team/app"), QStringLiteral("v2"), m, {c, l}});
        const BackupResult second = backup(f, dest.path(), context);
        QCOMPARE(second.blobsCopied, 3);
        QCOMPARE(second.bytesCopied, c.bytes.size() + l.bytes.size() + m.bytes.size());
        QCOMPARE(second.blobsReused, 8);
        QCOMPARE(second.bytesReused, first.bytesCopied);

        // A deleted image's blobs leave the next backup of the same destination.
        QVERIFY(f.service().deleteTag(QStringLiteral("team/app"), QStringLiteral("v2")).ok());
        QVERIFY(f.service().deleteManifest(QStringLiteral("team/app"), m.digest).ok());
        const BackupResult third = backup(f, dest.path(), context);
        QCOMPARE(third.blobsCopied, 0);
        QCOMPARE(third.manifest.blobs.size(), 10); // c and l stay linked to the repository; m goes
        QCOMPARE(third.blobsPruned, 1);
        QVERIFY(!QFile::exists(BackupManifest::blobPath(dest.path(), m.digest)));

        QTemporaryDir target;
        BackupRestorer restorer({dest.path(), target.path(), false, {}});
        QVERIFY(restorer.restore(context).ok());
        pushed.removeLast();
        verifyRestored(target.path(), pushed);
    }

    void cancelledBackupLeavesNoBackupJson()
    {
        GcFixture f;
        pushSome(f, QStringLiteral("1"));
        QTemporaryDir dest;
        NullJobContext plain;
        backup(f, dest.path(), plain); // a complete one first: cancel must also withdraw it
        QVERIFY(QFile::exists(dest.path() + QStringLiteral("/backup.json")));
        pushSome(f, QStringLiteral("2")); // new blobs for the cancelled backup to copy
        HookedContext context;
        context.onProgress = [&](qint64 done) {
            if (done > 0)
                context.cancelled = true;
        };
        MaintenanceLog log(f.service().metadata());
        BackupWriter writer(BackupWriter::sourceOf(f.service(), dataDirectoryOf(f.service()), nullptr, &log));
        auto result = writer.write(dest.path(), context);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
        QVERIFY(!QFile::exists(dest.path() + QStringLiteral("/backup.json")));
        QCOMPARE(log.last(MaintenanceLog::Backup).value()->outcome, MaintenanceLog::Cancelled);
        QCOMPARE(BlobRemovalHold::activeHolds(), 0);

        QTemporaryDir target;
        BackupRestorer restorer({dest.path(), target.path(), false, {}});
        auto restored = restorer.restore(plain);
        QVERIFY(!restored.ok());
        QVERIFY2(restored.error().message.contains(QStringLiteral("not a complete backup")),
                 qPrintable(restored.error().message));
        QVERIFY(QDir(target.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    }

    void corruptOrMissingBlobIsRefusedAndTargetLeftEmpty()
    {
        GcFixture f;
        const QList<Pushed> pushed = pushSome(f, QStringLiteral("1"));
        QTemporaryDir dest;
        NullJobContext context;
        backup(f, dest.path(), context);
        const Digest victim = pushed.first().blobs.at(1).digest; // the big layer
        const QString path = BackupManifest::blobPath(dest.path(), victim);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.seek(1000);
            file.write("X");
        }
        QTemporaryDir target;
        BackupRestorer restorer({dest.path(), target.path(), false, {}});
        auto restored = restorer.restore(context);
        QVERIFY(!restored.ok());
        QVERIFY2(restored.error().message.contains(victim.toString()), qPrintable(restored.error().message));
        QVERIFY(QDir(target.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));

        QVERIFY(QFile::remove(path));
        auto missing = restorer.restore(context);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(victim.toString()), qPrintable(missing.error().message));
        QVERIFY2(missing.error().message.contains(QStringLiteral("missing")),
                 qPrintable(missing.error().message));
        QVERIFY(QDir(target.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));

        // The next backup into the same destination puts the blob back.
        const BackupResult again = backup(f, dest.path(), context);
        QCOMPARE(again.blobsCopied, 1);
        QVERIFY(restorer.restore(context).ok());
        verifyRestored(target.path(), pushed);
    }

    void restoreRefusesNonEmptyTargetNewerSchemaAndBadDestinations()
    {
        GcFixture f;
        pushSome(f, QStringLiteral("1"));
        QTemporaryDir dest;
        NullJobContext context;
        backup(f, dest.path(), context);

        QTemporaryDir target;
        QFile stray(target.path() + QStringLiteral("/berth.db"));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.write("someone's data");
        stray.close();
        auto refused = BackupRestorer({dest.path(), target.path(), false, {}}).restore(context);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("not empty")),
                 qPrintable(refused.error().message));
        QVERIFY(stray.open(QIODevice::ReadOnly));
        QCOMPARE(stray.readAll(), QByteArray("someone's data"));
        stray.close();
        QVERIFY(BackupRestorer({dest.path(), target.path(), true, {}}).restore(context).ok());
        QVERIFY(QFileInfo(target.path() + QStringLiteral("/berth.db")).size() > 1000);

        // A backup from a newer schema.
        QFile json(dest.path() + QStringLiteral("/backup.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QJsonObject o = QJsonDocument::fromJson(json.readAll()).object();
        json.close();
        o.insert(QStringLiteral("schemaVersion"), MetadataStore::latestVersion() + 1);
        QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
        json.write(QJsonDocument(o).toJson());
        json.close();
        QTemporaryDir empty;
        auto newer = BackupRestorer({dest.path(), empty.path(), false, {}}).restore(context);
        QVERIFY(!newer.ok());
        QVERIFY2(newer.error().message.contains(QStringLiteral("newer")), qPrintable(newer.error().message));

        // Destinations: relative, inside the data directory.
        const QString data = dataDirectoryOf(f.service());
        BackupWriter writer(BackupWriter::sourceOf(f.service(), data, nullptr, nullptr));
        QVERIFY(!writer.write(QStringLiteral("relative/dir"), context).ok());
        auto inside = writer.write(data + QStringLiteral("/backups"), context);
        QVERIFY(!inside.ok());
        QVERIFY2(inside.error().message.contains(QStringLiteral("overlaps")),
                 qPrintable(inside.error().message));
        QVERIFY(!QFileInfo::exists(data + QStringLiteral("/backups")));
    }

    void gcDuringBackupRemovesNothingTheSnapshotNeeds()
    {
        GcFixture f;
        QList<Pushed> pushed = pushSome(f, QStringLiteral("1"));
        const Pushed doomed = pushed.first(); // team/app:v1, deleted while the backup copies blobs
        QTemporaryDir dest;
        HookedContext context;
        bool acted = false;
        GcResult during;
        context.onProgress = [&](qint64 done) {
            if (acted || done == 0)
                return;
            acted = true;
            QVERIFY(f.service().deleteManifest(doomed.repository, doomed.manifest.digest).ok());
            QVERIFY(f.service().deleteBlob(doomed.repository, doomed.blobs.at(0).digest).ok());
            QVERIFY(f.service().deleteBlob(doomed.repository, doomed.blobs.at(1).digest).ok());
            f.clock().advance(7200);
            GcOptions options;
            options.gracePeriodSeconds = 0;
            auto r = f.gc().run(options);
            QVERIFY(r.ok());
            during = r.value();
        };
        const BackupResult result = backup(f, dest.path(), context);
        QVERIFY(acted);
        QCOMPARE(during.blobs.size(), 0);
        QVERIFY(during.skipped >= 3); // manifest, config, big layer: held by the backup
        QCOMPARE(result.manifest.blobs.size(), 8);
        QVERIFY(f.stored(doomed.manifest.digest));

        QTemporaryDir target;
        QVERIFY(BackupRestorer({dest.path(), target.path(), false, {}}).restore(context).ok());
        verifyRestored(target.path(), pushed);

        // With the backup done, the next collection takes them.
        GcOptions options;
        options.gracePeriodSeconds = 0;
        auto after = f.gc().run(options);
        QVERIFY(after.ok());
        QCOMPARE(after->blobs.size(), 3);
        QVERIFY(!f.stored(doomed.manifest.digest));
    }

    void restoreFillsEveryFaultDomain()
    {
        GcFixture f;
        const QList<Pushed> pushed = pushSome(f, QStringLiteral("1"));
        QTemporaryDir dest;
        NullJobContext context;
        const BackupResult backedUp = backup(f, dest.path(), context);

        QTemporaryDir target;
        BackupRestorer::Options options{dest.path(), target.path() + QStringLiteral("/data"), false, {}};
        options.storage.domains =
            QStringList{target.path() + QStringLiteral("/disk1"), target.path() + QStringLiteral("/disk2"),
                        target.path() + QStringLiteral("/disk3")};
        // A fault domain that already holds something is refused like a non-empty data directory.
        QVERIFY(QDir().mkpath(target.path() + QStringLiteral("/disk2/sha256")));
        auto refused = BackupRestorer(options).restore(context);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("disk2")),
                 qPrintable(refused.error().message));
        QVERIFY(QDir(target.path() + QStringLiteral("/disk2")).removeRecursively());

        auto restored = BackupRestorer(options).restore(context);
        QVERIFY2(restored.ok(), restored.ok() ? "" : qPrintable(restored.error().message));
        ReplicatedBlobStore store(options.dataDirectory, options.storage);
        for (const BackupBlob& b : backedUp.manifest.blobs) {
            for (int domain = 0; domain < 3; ++domain)
                QVERIFY2(
                    QFileInfo(store.copyPath(domain, b.digest)).size() == b.size,
                    qPrintable(QStringLiteral("domain %1 lacks %2").arg(domain).arg(b.digest.toString())));
        }
        QVERIFY(!QFileInfo::exists(options.dataDirectory + QStringLiteral("/blobs/0")));
        verifyRestored(options.dataDirectory, pushed, options.storage);
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
