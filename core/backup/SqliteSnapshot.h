#pragma once

#include "util/Result.h"

#include <QSet>
#include <QString>
#include <functional>

class QSqlDatabase;

namespace berth {

/// A consistent copy of a live SQLite database, and what backup and restore read from one.
namespace SqliteSnapshot {

/// Copies the database at `source` into `target` with VACUUM INTO on a connection of its own: one read
/// transaction, so the copy is consistent even while others write (WAL). `target` must not exist (a
/// leftover is removed first). The copy is fsynced.
Result<void> take(const QString& source, const QString& target);
/// Runs `work` on a connection of its own to the database at `path` (closed afterwards).
Result<void> withDatabase(const QString& path, const std::function<Result<void>(QSqlDatabase&)>& work);
/// fsyncs a file.
Result<void> syncFile(const QString& path);
/// The highest version in the database's schema_version table (0 when there is none).
Result<int> schemaVersion(QSqlDatabase& db);

/// What a metadata snapshot holds.
struct MetadataContents
{
    qint64 repositories = 0;
    qint64 manifests = 0;
    qint64 tags = 0;
    /// Every blob it references: the manifests' own bytes, their configs and layers, and blobs held by
    /// repositories ("sha256:...").
    QSet<QString> blobs;
};
Result<MetadataContents> readMetadata(QSqlDatabase& db);
/// Deletes the upload sessions (their data is not in a backup) and checkpoints.
Result<void> dropUploadSessions(QSqlDatabase& db);

} // namespace SqliteSnapshot

} // namespace berth
