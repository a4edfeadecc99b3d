#include "backup/BackupWriter.h"

#include "audit/AuditLog.h"
#include "backup/BackupFiles.h"
#include "backup/SqliteSnapshot.h"
#include "gc/BlobRemovalHold.h"
#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"
#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"
#include "storage/BlobStore.h"
#include "storage/FileSystem.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLockFile>
#include <algorithm>

namespace berth {

namespace {

QString canonical(const QString& path)
{
    const QFileInfo info(path);
    const QString c = info.canonicalFilePath();
    return QDir::cleanPath(c.isEmpty() ? info.absoluteFilePath() : c);
}

bool isInside(const QString& path, const QString& directory)
{
    return path == directory || path.startsWith(directory + QLatin1Char('/'));
}

Error cancelled()
{
    return Error(ErrorCode::Cancelled,
                 QStringLiteral("The backup was cancelled; the destination has no backup.json, so it is not "
                                "restorable (the blobs copied so far are reused by the next backup)."));
}

/// Copies the keys folder's files (0600) into <dest>/keys; returns their relative paths.
Result<QStringList> copyKeys(const QString& keysDirectory, const QString& destination)
{
    QStringList copied;
    if (keysDirectory.isEmpty() || !QFileInfo(keysDirectory).isDir())
        return copied;
    const QString target = BackupManifest::keysPath(destination);
    auto cleared = BackupFiles::removeContents(target);
    if (!cleared)
        return cleared.error();
    const QDir root(keysDirectory);
    QDirIterator it(keysDirectory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString relative = root.relativeFilePath(file);
        auto done = BackupFiles::copyDurably(file, QDir(target).filePath(relative),
                                             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!done)
            return done.error();
        copied << relative;
    }
    copied.sort();
    return copied;
}

/// Removes blob files under <dest>/blobs that the new backup does not list.
qint64 pruneBlobs(const QString& destination, const QSet<QString>& keep)
{
    qint64 pruned = 0;
    const QString blobsDir = QDir(destination).filePath(QStringLiteral("blobs"));
    QDirIterator it(blobsDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo file(it.next());
        const QString algorithm = file.dir().absolutePath().section(QLatin1Char('/'), -2, -2);
        const QString digest = algorithm + QLatin1Char(':') + file.fileName();
        if (!keep.contains(digest) && QFile::remove(file.filePath()))
            ++pruned;
    }
    return pruned;
}

} // namespace

QJsonObject BackupResult::summaryJson() const
{
    return QJsonObject{{QStringLiteral("destination"), destination},
                       {QStringLiteral("createdAt"), manifest.createdAt.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("schemaVersion"), manifest.schemaVersion},
                       {QStringLiteral("repositories"), manifest.repositories},
                       {QStringLiteral("manifests"), manifest.manifests},
                       {QStringLiteral("tags"), manifest.tags},
                       {QStringLiteral("blobs"), manifest.blobs.size()},
                       {QStringLiteral("bytes"), manifest.blobBytes},
                       {QStringLiteral("blobsCopied"), blobsCopied},
                       {QStringLiteral("bytesCopied"), bytesCopied},
                       {QStringLiteral("blobsReused"), blobsReused},
                       {QStringLiteral("bytesReused"), bytesReused},
                       {QStringLiteral("blobsPruned"), blobsPruned}};
}

QString BackupResult::summaryText() const
{
    const QLocale locale;
    return QStringLiteral(
               "Backed up %1 repositories, %2 manifests and %3 blobs to %4: %5 copied, %6 already there.")
        .arg(manifest.repositories)
        .arg(manifest.manifests)
        .arg(manifest.blobs.size())
        .arg(destination, locale.formattedDataSize(bytesCopied), locale.formattedDataSize(bytesReused));
}

BackupWriter::BackupWriter(Source source) : m_source(std::move(source)) {}

BackupWriter::Source BackupWriter::sourceOf(RegistryService& registry, const QString& dataDirectory,
                                            AuditLog* audit, MaintenanceLog* log)
{
    Source s;
    s.metadata = &registry.metadata();
    s.blobs = &registry.blobStore();
    s.dataDirectory = dataDirectory;
    if (audit) {
        s.auditDatabase = audit->databasePath();
        s.auditAnchor = audit->anchorPath();
    }
    s.keysDirectory = QDir(dataDirectory).filePath(QStringLiteral("keys"));
    s.clock = &registry.clock();
    s.log = log;
    return s;
}

Result<void> BackupWriter::checkDestination(const QString& destination) const
{
    if (destination.isEmpty() || !QDir::isAbsolutePath(destination))
        return Error(
            ErrorCode::NameInvalid,
            QStringLiteral("The backup destination \"%1\" must be an absolute path, like /var/backups/berth.")
                .arg(destination));
    const QString dest = canonical(destination);
    const QString data = canonical(m_source.dataDirectory);
    if (isInside(dest, data) || isInside(data, dest))
        return Error(
            ErrorCode::NameInvalid,
            QStringLiteral("The backup destination %1 overlaps the data directory %2: choose a folder "
                           "outside it, preferably on another disk.")
                .arg(destination, m_source.dataDirectory));
    if (QFileInfo(destination).exists() && !QFileInfo(destination).isDir())
        return Error(ErrorCode::NameInvalid,
                     QStringLiteral("The backup destination %1 is a file, not a folder.").arg(destination));
    return {};
}

Result<BackupResult> BackupWriter::write(const QString& destination, JobContext& context,
                                         const QString& trigger)
{
    MaintenanceRun run;
    run.kind = MaintenanceLog::Backup;
    run.trigger = trigger;
    run.startedAt = m_source.clock->now();
    auto result = writeUnrecorded(destination, context);
    run.finishedAt = m_source.clock->now();
    if (result) {
        run.outcome = MaintenanceLog::Succeeded;
        run.summary = result->summaryJson();
    } else {
        run.outcome =
            result.error().code == ErrorCode::Cancelled ? MaintenanceLog::Cancelled : MaintenanceLog::Failed;
        run.summary = QJsonObject{{QStringLiteral("destination"), destination},
                                  {QStringLiteral("error"), result.error().message}};
    }
    if (m_source.log) {
        auto recorded = m_source.log->record(run);
        if (!recorded)
            qWarning("Could not record the backup in the maintenance history: %s",
                     qPrintable(recorded.error().message));
    }
    return result;
}

Result<BackupResult> BackupWriter::writeUnrecorded(const QString& destination, JobContext& context)
{
    auto checked = checkDestination(destination);
    if (!checked)
        return checked.error();
    const QString dest = QDir::cleanPath(destination);
    auto made = FileSystem::makePath(QDir(dest).filePath(QStringLiteral("metadata")));
    if (!made)
        return made.error();
    QLockFile lock(QDir(dest).filePath(QStringLiteral(".backup.lock")));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return Error(
            ErrorCode::TooManyRequests,
            QStringLiteral("Another backup is writing to %1 right now; wait for it to finish.").arg(dest));

    // 1. From here until backup.json is written again, the destination reads as incomplete.
    if (QFile::exists(QDir(dest).filePath(BackupManifest::fileName()))) {
        if (!QFile::remove(QDir(dest).filePath(BackupManifest::fileName())))
            return Error(ErrorCode::Internal, QStringLiteral("Cannot replace %1/backup.json.").arg(dest));
        auto synced = FileSystem::syncDirectory(dest);
        if (!synced)
            return synced.error();
    }

    BackupResult out;
    out.destination = dest;
    BackupManifest& manifest = out.manifest;
    manifest.berthVersion = QStringLiteral(BERTH_VERSION);

    // 2. The metadata snapshot, with garbage collection held off everything until we know what it needs.
    context.setStatus(QStringLiteral("Taking a snapshot of the metadata"));
    BlobRemovalHold hold = BlobRemovalHold::holdEverything();
    manifest.createdAt = m_source.clock->now().toUTC();
    const QString metadataTarget = BackupManifest::metadataPath(dest);
    const QString metadataTemporary = metadataTarget + QStringLiteral(".tmp");
    auto snapshot = SqliteSnapshot::take(m_source.metadata->path(), metadataTemporary);
    if (!snapshot)
        return snapshot.error();
    SqliteSnapshot::MetadataContents contents;
    auto read = SqliteSnapshot::withDatabase(metadataTemporary, [&](QSqlDatabase& db) -> Result<void> {
        auto version = SqliteSnapshot::schemaVersion(db);
        if (!version)
            return version.error();
        manifest.schemaVersion = version.value();
        auto dropped = SqliteSnapshot::dropUploadSessions(db);
        if (!dropped)
            return dropped;
        auto c = SqliteSnapshot::readMetadata(db);
        if (!c)
            return c.error();
        contents = c.value();
        return {};
    });
    if (!read)
        return read.error();
    hold.narrowTo(contents.blobs);
    manifest.repositories = contents.repositories;
    manifest.manifests = contents.manifests;
    manifest.tags = contents.tags;
    auto synced = SqliteSnapshot::syncFile(metadataTemporary);
    if (!synced)
        return synced.error();
    if (QFile::exists(metadataTarget))
        QFile::remove(metadataTarget);
    if (!QFile::rename(metadataTemporary, metadataTarget))
        return Error(ErrorCode::Internal,
                     QStringLiteral("Cannot rename %1 to %2.").arg(metadataTemporary, metadataTarget));

    // The audit database: the anchor first, so the snapshot holds at least what the anchor covers.
    if (!m_source.auditDatabase.isEmpty() && QFile::exists(m_source.auditDatabase)) {
        context.setStatus(QStringLiteral("Taking a snapshot of the audit log"));
        if (QFile::exists(m_source.auditAnchor)) {
            auto anchor =
                BackupFiles::copyDurably(m_source.auditAnchor, BackupManifest::auditAnchorPath(dest));
            if (!anchor)
                return anchor.error();
        }
        const QString auditTemporary = BackupManifest::auditPath(dest) + QStringLiteral(".tmp");
        auto audit = SqliteSnapshot::take(m_source.auditDatabase, auditTemporary);
        if (!audit)
            return audit.error();
        auto version = SqliteSnapshot::withDatabase(auditTemporary, [&](QSqlDatabase& db) -> Result<void> {
            auto v = SqliteSnapshot::schemaVersion(db);
            if (!v)
                return v.error();
            manifest.auditSchemaVersion = v.value();
            return {};
        });
        if (!version)
            return version.error();
        QFile::remove(BackupManifest::auditPath(dest));
        if (!QFile::rename(auditTemporary, BackupManifest::auditPath(dest)))
            return Error(ErrorCode::Internal, QStringLiteral("Cannot rename %1.").arg(auditTemporary));
        manifest.hasAudit = true;
    }

    auto keys = copyKeys(m_source.keysDirectory, dest);
    if (!keys)
        return keys.error();
    manifest.keyFiles = keys.value();

    // 3. The blobs the snapshot references.
    QStringList digests(contents.blobs.cbegin(), contents.blobs.cend());
    std::sort(digests.begin(), digests.end());
    for (const QString& text : digests) {
        const auto digest = Digest::parse(text);
        if (!digest)
            return Error(
                ErrorCode::Internal,
                QStringLiteral("The metadata references \"%1\", which is not a digest; run berthd fsck.")
                    .arg(text));
        const qint64 size = m_source.blobs->size(*digest);
        if (size < 0)
            return Error(ErrorCode::BlobUnknown,
                         QStringLiteral(
                             "Blob %1 is referenced by the metadata but missing from the blob store, so "
                             "the backup would be incomplete. Run berthd fsck (or scrub) and back up again.")
                             .arg(text));
        manifest.blobs.append(BackupBlob{*digest, size});
        manifest.blobBytes += size;
    }
    qint64 done = 0;
    context.setProgress(0, manifest.blobBytes);
    for (qsizetype i = 0; i < manifest.blobs.size(); ++i) {
        if (context.isCancelled())
            return cancelled();
        const BackupBlob& blob = manifest.blobs[i];
        context.setStatus(QStringLiteral("Copying blob %1 of %2").arg(i + 1).arg(manifest.blobs.size()));
        const qint64 before = done;
        auto progress = [&](qint64 bytes) {
            context.setProgress(before + bytes, manifest.blobBytes);
            return !context.isCancelled();
        };
        const QString target = BackupManifest::blobPath(dest, blob.digest);
        auto present = BackupFiles::fileHasDigest(target, blob.digest, blob.size, progress);
        if (!present)
            return present.error().code == ErrorCode::Cancelled ? cancelled() : present.error();
        if (present.value()) {
            ++out.blobsReused;
            out.bytesReused += blob.size;
        } else {
            std::unique_ptr<QIODevice> source = m_source.blobs->openRead(blob.digest);
            if (!source)
                return Error(
                    ErrorCode::BlobUnknown,
                    QStringLiteral("Blob %1 could not be read from the blob store; run berthd fsck (or "
                                   "scrub) and back up again.")
                        .arg(blob.digest.toString()));
            auto copied = BackupFiles::copyVerified(*source, target, blob.digest, blob.size, progress);
            if (!copied) {
                if (copied.error().code == ErrorCode::Cancelled)
                    return cancelled();
                if (copied.error().code == ErrorCode::DigestInvalid)
                    return Error(
                        ErrorCode::Internal,
                        copied.error().message +
                            QStringLiteral(" The registry's copy is damaged; run scrub or berthd fsck, then "
                                           "back up again."));
                return copied.error();
            }
            ++out.blobsCopied;
            out.bytesCopied += blob.size;
        }
        done = before + blob.size;
        context.setProgress(done, manifest.blobBytes);
    }
    if (context.isCancelled())
        return cancelled();
    out.blobsPruned = pruneBlobs(dest, contents.blobs);

    // 4. Written last: now the backup is complete.
    auto written = manifest.write(dest);
    if (!written)
        return written.error();
    hold.release();
    return out;
}

} // namespace berth
