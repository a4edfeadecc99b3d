#pragma once

#include "oci/Digest.h"
#include "util/Result.h"

#include <QByteArray>
#include <QFileDevice>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <functional>

namespace berth {

/// File operations backup and restore share: durable writes and copies that hash what they copy.
namespace BackupFiles {

/// Called with the bytes copied so far; returning false stops the copy (Cancelled).
using CopyProgress = std::function<bool(qint64 bytes)>;

/// Writes the bytes to <path>.tmp, fsyncs, renames over <path> and fsyncs the folder.
Result<void> writeDurably(const QString& path, const QByteArray& bytes,
                          QFileDevice::Permissions permissions = QFileDevice::Permissions());
/// Copies a file to <to> durably (as writeDurably), keeping the permissions given.
Result<void> copyDurably(const QString& from, const QString& to,
                         QFileDevice::Permissions permissions = QFileDevice::Permissions());
/// Streams `source` into <to>.tmp while hashing it with the digest's algorithm; when the content hashes
/// to `expected` and has `expectedSize` bytes (-1: any), fsyncs and renames it to <to>. Otherwise
/// removes the temporary file and fails with DigestInvalid naming the blob. Creates <to>'s folder.
Result<void> copyVerified(QIODevice& source, const QString& to, const Digest& expected, qint64 expectedSize,
                          const CopyProgress& progress = {});
/// Hashes the file; true when it is `expected` with `expectedSize` bytes.
Result<bool> fileHasDigest(const QString& path, const Digest& expected, qint64 expectedSize,
                           const CopyProgress& progress = {});
/// Removes everything inside the directory (not the directory itself) but the entries named in `keep`.
Result<void> removeContents(const QString& directory, const QStringList& keep = {});
/// True when the path does not exist or is a directory holding nothing but the entries named in `ignore`.
bool isEmptyOrMissing(const QString& directory, const QStringList& ignore = {});

} // namespace BackupFiles

} // namespace berth
