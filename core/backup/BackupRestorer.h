#pragma once

#include "backup/BackupManifest.h"
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
    };

    explicit BackupRestorer(Options options);

    /// Checks the backup and the target without changing anything (what restore() checks first).
    Result<BackupManifest> check() const;
    /// Restores into the target's default blob store (a single fault domain, <data>/blobs/0), or into
    /// `store` when given (one built for the target's data directory with its storage options).
    Result<RestoreResult> restore(JobContext& context, BlobStore* store = nullptr);

private:
    /// The data directory's lock file (berth.lock): held during the restore, ignored when checking the
    /// target is empty.
    static QString lockFileName();
    Result<RestoreResult> restoreInto(const BackupManifest& manifest, BlobStore& store, JobContext& context);

    Options m_options;
};

} // namespace berth
