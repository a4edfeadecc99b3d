#pragma once

#include "oci/Digest.h"
#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace berth {

/// One blob in a backup.
struct BackupBlob
{
    Digest digest;
    qint64 size = 0;
};

/// What <backup>/backup.json says about a backup. The file is written last, after every other file of
/// the backup is durable, so a directory without it is an incomplete backup (interrupted or cancelled)
/// and is never restored.
///
/// Layout of a backup directory:
///   backup.json                      this manifest
///   metadata/berth.db                the metadata database (a consistent snapshot, no upload sessions)
///   metadata/audit.db, audit.anchor  the audit database and its anchor (when the registry has one)
///   keys/...                         the token-signing key and the local certificate authority (0600)
///   blobs/<algorithm>/<xx>/<hex>     every blob the metadata references, content-addressed
struct BackupManifest
{
    /// The layout version this build writes and reads; a backup with a higher one is refused.
    static constexpr int CurrentFormatVersion = 1;

    int formatVersion = CurrentFormatVersion;
    QString berthVersion;
    int schemaVersion = 0;      ///< of the metadata database
    int auditSchemaVersion = 0; ///< 0 when the backup has no audit database
    QDateTime createdAt;        ///< UTC, when the metadata snapshot was taken
    qint64 repositories = 0;
    qint64 manifests = 0;
    qint64 tags = 0;
    qint64 blobBytes = 0; ///< the sum of the blobs' sizes
    bool hasAudit = false;
    QStringList keyFiles; ///< paths under keys/, '/'-separated
    QList<BackupBlob> blobs;

    QJsonObject toJson() const;
    static Result<BackupManifest> fromJson(const QJsonObject& json);

    /// Reads <backupDirectory>/backup.json; an error that says the backup is incomplete when it is absent.
    static Result<BackupManifest> read(const QString& backupDirectory);
    /// Writes <backupDirectory>/backup.json durably (temporary file, fsync, rename, fsync the folder).
    Result<void> write(const QString& backupDirectory) const;

    static QString fileName() { return QStringLiteral("backup.json"); }
    /// <backup>/blobs/<algorithm>/<first two hex>/<hex>
    static QString blobPath(const QString& backupDirectory, const Digest& digest);
    static QString metadataPath(const QString& backupDirectory);
    static QString auditPath(const QString& backupDirectory);
    static QString auditAnchorPath(const QString& backupDirectory);
    static QString keysPath(const QString& backupDirectory);
};

} // namespace berth
