#include "backup/BackupRestorer.h"

#include "audit/AuditSchema.h"
#include "backup/BackupFiles.h"
#include "backup/SqliteSnapshot.h"
#include "jobs/JobContext.h"
#include "metadata/MetadataStore.h"
#include "storage/BlobStore.h"
#include "storage/DataDirectoryLock.h"
#include "storage/FileSystem.h"
#include "storage/ReplicatedBlobStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <memory>

namespace berth {

namespace {

constexpr qint64 ChunkBytes = 1024 * 1024;

Error refused(const QString& message)
{
    return Error(ErrorCode::Unsupported, message);
}

/// Streams the backup's copy of the blob into the store; the store's commit verifies the digest.
Result<void> restoreBlob(const QString& backupDirectory, const BackupBlob& blob, BlobStore& store,
                         qint64 serial, JobContext& context, const std::function<void(qint64)>& progress)
{
    const QString path = BackupManifest::blobPath(backupDirectory, blob.digest);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::BlobUnknown,
                     QStringLiteral("The backup is damaged: blob %1 is missing from it (%2). Restore another "
                                    "backup.")
                         .arg(blob.digest.toString(), path));
    if (file.size() != blob.size)
        return Error(
            ErrorCode::DigestInvalid,
            QStringLiteral("The backup is damaged: blob %1 has %2 bytes, backup.json says %3. Restore "
                           "another backup.")
                .arg(blob.digest.toString())
                .arg(file.size())
                .arg(blob.size));
    const QString uploadId = QStringLiteral("restore-%1").arg(serial);
    auto writer = store.openUpload(uploadId, false);
    if (!writer)
        return writer.error();
    QByteArray buffer(int(ChunkBytes), Qt::Uninitialized);
    qint64 copied = 0;
    for (;;) {
        if (context.isCancelled()) {
            writer.value()->abort();
            store.discardUpload(uploadId);
            return Error(ErrorCode::Cancelled, QStringLiteral("The restore was cancelled."));
        }
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0) {
            writer.value()->abort();
            store.discardUpload(uploadId);
            return Error(ErrorCode::Internal,
                         QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
        }
        if (n == 0)
            break;
        auto written = writer.value()->write(buffer.constData(), n);
        if (!written) {
            writer.value()->abort();
            store.discardUpload(uploadId);
            return written.error();
        }
        copied += n;
        progress(copied);
    }
    auto committed = writer.value()->commit(blob.digest);
    store.discardUpload(uploadId);
    if (!committed) {
        if (committed.error().code == ErrorCode::DigestInvalid)
            return Error(
                ErrorCode::DigestInvalid,
                QStringLiteral("The backup is damaged: blob %1 does not hash to its digest (%2). Restore "
                               "another backup.")
                    .arg(blob.digest.toString(), path));
        return committed.error();
    }
    return {};
}

} // namespace

BackupRestorer::BackupRestorer(Options options) : m_options(std::move(options)) {}

Result<BackupManifest> BackupRestorer::check() const
{
    if (!QFileInfo(m_options.backupDirectory).isDir())
        return refused(QStringLiteral("%1 is not a folder; give the folder a backup was written to.")
                           .arg(m_options.backupDirectory));
    auto manifest = BackupManifest::read(m_options.backupDirectory);
    if (!manifest)
        return manifest.error();
    const BackupManifest& m = manifest.value();
    if (m.formatVersion > BackupManifest::CurrentFormatVersion)
        return refused(
            QStringLiteral("The backup in %1 has format version %2, newer than this Berth reads (%3). "
                           "Restore it with Berth %4 or newer.")
                .arg(m_options.backupDirectory)
                .arg(m.formatVersion)
                .arg(BackupManifest::CurrentFormatVersion)
                .arg(m.berthVersion));
    if (m.schemaVersion > MetadataStore::latestVersion())
        return refused(
            QStringLiteral("The backup in %1 comes from a newer Berth (%2, metadata schema %3; this "
                           "Berth knows schema %4). Restore it with Berth %2 or newer.")
                .arg(m_options.backupDirectory, m.berthVersion)
                .arg(m.schemaVersion)
                .arg(MetadataStore::latestVersion()));
    if (m.hasAudit && m.auditSchemaVersion > AuditSchema::latestVersion())
        return refused(QStringLiteral("The backup in %1 comes from a newer Berth (%2, audit schema %3; this "
                                      "Berth knows schema %4). Restore it with Berth %2 or newer.")
                           .arg(m_options.backupDirectory, m.berthVersion)
                           .arg(m.auditSchemaVersion)
                           .arg(AuditSchema::latestVersion()));
    if (!QFile::exists(BackupManifest::metadataPath(m_options.backupDirectory)))
        return refused(
            QStringLiteral("The backup in %1 is damaged: metadata/berth.db is missing. Restore another "
                           "backup.")
                .arg(m_options.backupDirectory));
    if (m_options.dataDirectory.isEmpty())
        return refused(QStringLiteral("Say which data directory to restore into."));
    const QFileInfo target(m_options.dataDirectory);
    if (target.exists() && !target.isDir())
        return refused(QStringLiteral("%1 is a file, not a folder.").arg(m_options.dataDirectory));
    auto storage = ReplicatedBlobStore::validate(m_options.dataDirectory, m_options.storage);
    if (!storage)
        return storage.error();
    for (const QString& folder : targetFolders()) {
        if (!m_options.overwrite && !BackupFiles::isEmptyOrMissing(folder, {lockFileName()}))
            return refused(
                QStringLiteral("%1 is not empty. Restore into an empty (or new) data directory and "
                               "fault domains, or pass the overwrite option to replace what is there.")
                    .arg(folder));
    }
    return manifest;
}

Result<RestoreResult> BackupRestorer::restore(JobContext& context)
{
    auto manifest = check();
    if (!manifest)
        return manifest.error();
    const bool existed = QFileInfo::exists(m_options.dataDirectory);
    auto made = FileSystem::makePath(m_options.dataDirectory);
    if (!made)
        return made.error();
    // No berthd (or other restore) may use the directory meanwhile.
    DataDirectoryLock lock;
    auto locked = lock.acquire(m_options.dataDirectory);
    if (!locked) {
        if (!existed)
            QDir().rmdir(m_options.dataDirectory);
        return locked.error();
    }
    const QStringList keep{lockFileName()};
    auto clear = [&]() -> Result<void> {
        for (const QString& folder : targetFolders()) {
            auto cleared = BackupFiles::removeContents(folder, keep);
            if (!cleared)
                return cleared;
        }
        return {};
    };
    auto cleared = clear();
    if (!cleared)
        return cleared.error();
    Result<RestoreResult> result = Error(ErrorCode::Internal, QString());
    {
        ReplicatedBlobStore store(m_options.dataDirectory, m_options.storage);
        auto initialized = store.initialize();
        if (!initialized)
            result = initialized.error();
        else
            result = restoreInto(manifest.value(), store, context);
    }
    if (!result) { // leave the target as empty as it was
        (void)clear();
        lock.release();
        QFile::remove(DataDirectoryLock::lockFilePath(m_options.dataDirectory));
    }
    return result;
}

QStringList BackupRestorer::targetFolders() const
{
    QStringList folders{m_options.dataDirectory};
    const QString data = QDir::cleanPath(QDir(m_options.dataDirectory).absolutePath());
    for (const QString& domain :
         ReplicatedBlobStore::resolvedDomains(m_options.dataDirectory, m_options.storage)) {
        if (domain != data && !domain.startsWith(data + QLatin1Char('/')))
            folders << domain;
    }
    return folders;
}

QString BackupRestorer::lockFileName()
{
    return QFileInfo(DataDirectoryLock::lockFilePath(QStringLiteral("/x"))).fileName();
}

Result<RestoreResult> BackupRestorer::restoreInto(const BackupManifest& manifest, BlobStore& store,
                                                  JobContext& context)
{
    RestoreResult out;
    out.manifest = manifest;
    const QString& from = m_options.backupDirectory;
    const QDir data(m_options.dataDirectory);
    context.setProgress(0, manifest.blobBytes);
    qint64 serial = 0;
    for (const BackupBlob& blob : manifest.blobs) {
        context.setStatus(
            QStringLiteral("Restoring blob %1 of %2").arg(serial + 1).arg(manifest.blobs.size()));
        const qint64 before = out.bytesRestored;
        auto restored = restoreBlob(from, blob, store, serial++, context, [&](qint64 bytes) {
            context.setProgress(before + bytes, manifest.blobBytes);
        });
        if (!restored)
            return restored.error();
        ++out.blobsRestored;
        out.bytesRestored += blob.size;
    }

    context.setStatus(QStringLiteral("Restoring the metadata"));
    auto metadata = BackupFiles::copyDurably(BackupManifest::metadataPath(from),
                                             data.filePath(QStringLiteral("berth.db")),
                                             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!metadata)
        return metadata.error();
    auto version = SqliteSnapshot::withDatabase(
        data.filePath(QStringLiteral("berth.db")), [&](QSqlDatabase& db) -> Result<void> {
            auto v = SqliteSnapshot::schemaVersion(db);
            if (!v)
                return v.error();
            if (v.value() != manifest.schemaVersion)
                return Error(
                    ErrorCode::Internal,
                    QStringLiteral("The backup is damaged: its metadata database has schema %1, backup.json "
                                   "says %2. Restore another backup.")
                        .arg(v.value())
                        .arg(manifest.schemaVersion));
            return {};
        });
    if (!version)
        return version.error();
    if (manifest.hasAudit) {
        auto audit = BackupFiles::copyDurably(BackupManifest::auditPath(from),
                                              data.filePath(QStringLiteral("audit.db")),
                                              QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!audit)
            return audit.error();
        if (QFile::exists(BackupManifest::auditAnchorPath(from))) {
            auto anchor = BackupFiles::copyDurably(BackupManifest::auditAnchorPath(from),
                                                   data.filePath(QStringLiteral("audit.anchor")));
            if (!anchor)
                return anchor.error();
        }
    }
    for (const QString& key : manifest.keyFiles) {
        const QString target = data.filePath(QStringLiteral("keys/") + key);
        auto copied = BackupFiles::copyDurably(QDir(BackupManifest::keysPath(from)).filePath(key), target,
                                               QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!copied)
            return copied.error();
    }
    if (!manifest.keyFiles.isEmpty())
        QFile::setPermissions(data.filePath(QStringLiteral("keys")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return out;
}

} // namespace berth
