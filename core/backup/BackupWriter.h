#pragma once

#include "backup/BackupManifest.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QString>

namespace berth {

class AuditLog;
class BlobStore;
class JobContext;
class MaintenanceLog;
class MetadataStore;
class RegistryService;

/// What a backup did.
struct BackupResult
{
    QString destination;
    BackupManifest manifest;
    qint64 blobsCopied = 0;
    qint64 bytesCopied = 0;
    qint64 blobsReused = 0; ///< already in the destination with the right digest (an earlier backup)
    qint64 bytesReused = 0;
    qint64 blobsPruned = 0; ///< in the destination from an earlier backup, no longer referenced

    /// The figures for the maintenance history and the API.
    QJsonObject summaryJson() const;
    /// "Backed up 3 repositories, 12 blobs (4.1 MB copied, 1.2 MB already there) to /x".
    QString summaryText() const;
};

/// Takes an online, consistent backup of a registry into a directory (see BackupManifest for the
/// layout) while the registry keeps serving:
///
/// 1. removes <dest>/backup.json, so the directory reads as incomplete until this backup is done;
/// 2. holds off garbage collection (BlobRemovalHold) and snapshots the metadata with SQLite's
///    VACUUM INTO, one read transaction, consistent under WAL (upload sessions are left out: their
///    data is not part of a backup); the audit database likewise, its anchor read first;
/// 3. narrows the hold to the blobs the snapshot references (manifests' own bytes, configs, layers,
///    blobs held by repositories) and copies each one through BlobStore::openRead into
///    <dest>/blobs/<algorithm>/<xx>/<hex>, hashing while copying (a corrupt or missing blob fails the
///    backup with a message naming it), fsynced; a blob already in <dest> with the right digest is
///    reused, not copied (incremental); blobs of earlier backups no longer referenced are pruned;
/// 4. copies the keys folder (0600) and writes backup.json last.
///
/// Progress is reported in bytes of blobs; cancel (JobContext) stops between and within blobs and
/// leaves no backup.json. Each run, succeeded or not, is recorded in the MaintenanceLog when given.
class BackupWriter
{
public:
    struct Source
    {
        MetadataStore* metadata = nullptr;
        BlobStore* blobs = nullptr;
        QString dataDirectory;
        QString auditDatabase; ///< empty: no audit database
        QString auditAnchor;
        QString keysDirectory; ///< empty or missing: no keys
        Clock* clock = &Clock::system();
        MaintenanceLog* log = nullptr;
    };

    explicit BackupWriter(Source source);
    /// The registry's metadata, blobs, <data>/keys and (when given) the audit log's database.
    static Source sourceOf(RegistryService& registry, const QString& dataDirectory, AuditLog* audit,
                           MaintenanceLog* log);

    /// Checks a destination: absolute, not inside the data directory (nor the data directory inside it).
    Result<void> checkDestination(const QString& destination) const;
    Result<BackupResult> write(const QString& destination, JobContext& context,
                               const QString& trigger = QStringLiteral("manual"));

private:
    Result<BackupResult> writeUnrecorded(const QString& destination, JobContext& context);

    Source m_source;
};

} // namespace berth
