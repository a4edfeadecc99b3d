#pragma once

#include "backup/BackupManifest.h"
#include "storage/StorageOptions.h"
#include "util/Result.h"

#include <QString>

namespace berth {

class BlobStore;
class JobContext;

/// What a restore did.
struct RestoreResult
{
    BackupManifest manifest;
    qint64 blobsRestored = 0;
    qint64 bytesRestored = 0;
};

/// Restores a backup written by BackupWriter into a data directory, offline: it holds the directory's
/// lock (DataDirectoryLock) throughout, so a berthd using the directory makes it fail, and no berthd can
/// start on it before the restore is done.
///
/// Refuses, and changes nothing: a backup without backup.json (incomplete: interrupted or cancelled), a
/// backup of a newer format or from a newer metadata or audit schema than this Berth knows, and a
/// target that is not empty unless `overwrite` is set (then its contents are removed first).
///
/// Every blob is written through the target's blob store (openUpload + commit, which hashes and
/// verifies it), so it lands where the store expects it. A blob that is missing from the backup or does
/// not hash to its digest stops the restore with a message naming the blob, and the target is emptied
/// again. Then the metadata database, the audit database with its anchor, and the keys (0600) are
/// copied, each fsynced.
class BackupRestorer
{
public:
    struct Options
    {
        QString backupDirectory;
        QString dataDirectory;
        bool overwrite = false;
        /// The target's fault domains, as berthd will be configured (default: <data>/blobs/0). Domain
        /// folders outside the data directory must be empty too (or are emptied with overwrite).
        StorageOptions storage;
    };

    explicit BackupRestorer(Options options);

    /// Checks the backup and the target without changing anything (what restore() checks first).
    Result<BackupManifest> check() const;
    /// Restores through a ReplicatedBlobStore on the target with Options::storage, so every blob lands
    /// in every fault domain where berthd expects it.
    Result<RestoreResult> restore(JobContext& context);

private:
    /// The data directory's lock file (berth.lock): held during the restore, ignored when checking the
    /// target is empty.
    static QString lockFileName();
    /// The folders that must be empty: the data directory and the fault domains outside it.
    QStringList targetFolders() const;
    Result<RestoreResult> restoreInto(const BackupManifest& manifest, BlobStore& store, JobContext& context);

    Options m_options;
};

} // namespace berth
