#include "backup/BackupFiles.h"

#include "oci/Digester.h"
#include "storage/FileSystem.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <unistd.h>

namespace berth::BackupFiles {

namespace {

constexpr qint64 ChunkBytes = 1024 * 1024;

Result<void> syncAndClose(QFile& file)
{
    if (!file.flush() || ::fsync(file.handle()) != 0) {
        const int error = errno;
        file.close();
        return FileSystem::errorFromErrno(error, QStringLiteral("writing %1").arg(file.fileName()));
    }
    file.close();
    return {};
}

Result<void> renameIntoPlace(const QString& temporary, const QString& path)
{
    if (::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        const int error = errno;
        QFile::remove(temporary);
        return FileSystem::errorFromErrno(error, QStringLiteral("renaming %1 to %2").arg(temporary, path));
    }
    return FileSystem::syncDirectory(QFileInfo(path).absolutePath());
}

Result<QFile*> openTemporary(QFile& file, const QString& path, QFileDevice::Permissions permissions)
{
    auto made = FileSystem::makePath(QFileInfo(path).absolutePath());
    if (!made)
        return made.error();
    file.setFileName(path + QStringLiteral(".tmp"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error(ErrorCode::Internal,
                     QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    if (permissions != QFileDevice::Permissions())
        file.setPermissions(permissions);
    return &file;
}

} // namespace

Result<void> writeDurably(const QString& path, const QByteArray& bytes, QFileDevice::Permissions permissions)
{
    QFile file;
    auto opened = openTemporary(file, path, permissions);
    if (!opened)
        return opened.error();
    if (file.write(bytes) != bytes.size()) {
        const int error = errno;
        file.close();
        QFile::remove(file.fileName());
        return FileSystem::errorFromErrno(error, QStringLiteral("writing %1").arg(path));
    }
    auto synced = syncAndClose(file);
    if (!synced) {
        QFile::remove(file.fileName());
        return synced;
    }
    return renameIntoPlace(file.fileName(), path);
}

Result<void> copyDurably(const QString& from, const QString& to, QFileDevice::Permissions permissions)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal,
                     QStringLiteral("Cannot read %1: %2").arg(from, source.errorString()));
    QFile file;
    auto opened = openTemporary(file, to, permissions);
    if (!opened)
        return opened.error();
    while (!source.atEnd()) {
        const QByteArray chunk = source.read(ChunkBytes);
        if (chunk.isEmpty() && source.error() != QFileDevice::NoError)
            break;
        if (file.write(chunk) != chunk.size()) {
            const int error = errno;
            file.close();
            QFile::remove(file.fileName());
            return FileSystem::errorFromErrno(error, QStringLiteral("writing %1").arg(to));
        }
    }
    if (source.error() != QFileDevice::NoError) {
        file.close();
        QFile::remove(file.fileName());
        return Error(ErrorCode::Internal,
                     QStringLiteral("Cannot read %1: %2").arg(from, source.errorString()));
    }
    auto synced = syncAndClose(file);
    if (!synced) {
        QFile::remove(file.fileName());
        return synced;
    }
    return renameIntoPlace(file.fileName(), to);
}

Result<void> copyVerified(QIODevice& source, const QString& to, const Digest& expected, qint64 expectedSize,
                          const CopyProgress& progress)
{
    QFile file;
    auto opened = openTemporary(file, to, QFileDevice::Permissions());
    if (!opened)
        return opened.error();
    auto fail = [&](Error error) -> Result<void> {
        file.close();
        QFile::remove(file.fileName());
        return error;
    };
    Digester digester(expected.algorithm());
    qint64 copied = 0;
    QByteArray buffer(int(ChunkBytes), Qt::Uninitialized);
    for (;;) {
        const qint64 n = source.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(Error(
                ErrorCode::Internal,
                QStringLiteral("Reading blob %1 failed: %2").arg(expected.toString(), source.errorString())));
        if (n == 0) {
            if (!source.atEnd() && source.isSequential() && source.waitForReadyRead(30000))
                continue;
            break;
        }
        digester.update(buffer.constData(), n);
        if (file.write(buffer.constData(), n) != n)
            return fail(FileSystem::errorFromErrno(errno, QStringLiteral("writing %1").arg(to)));
        copied += n;
        if (progress && !progress(copied))
            return fail(Error(ErrorCode::Cancelled, QStringLiteral("Cancelled.")));
    }
    const Digest actual = digester.finish();
    if (actual != expected || (expectedSize >= 0 && copied != expectedSize)) {
        return fail(Error(ErrorCode::DigestInvalid,
                          QStringLiteral("Blob %1 is corrupt: its %2 bytes hash to %3 (expected %4 bytes).")
                              .arg(expected.toString())
                              .arg(copied)
                              .arg(actual.toString())
                              .arg(expectedSize)));
    }
    auto synced = syncAndClose(file);
    if (!synced)
        return fail(synced.error());
    return renameIntoPlace(file.fileName(), to);
}

Result<bool> fileHasDigest(const QString& path, const Digest& expected, qint64 expectedSize,
                           const CopyProgress& progress)
{
    QFile file(path);
    if (!file.exists())
        return false;
    if (expectedSize >= 0 && file.size() != expectedSize)
        return false;
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    Digester digester(expected.algorithm());
    qint64 done = 0;
    QByteArray buffer(int(ChunkBytes), Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return Error(ErrorCode::Internal,
                         QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        digester.update(buffer.constData(), n);
        done += n;
        if (progress && !progress(done))
            return Error(ErrorCode::Cancelled, QStringLiteral("Cancelled."));
    }
    return digester.finish() == expected;
}

Result<void> removeContents(const QString& directory, const QStringList& keep)
{
    QDir dir(directory);
    if (!dir.exists())
        return {};
    const QFileInfoList entries =
        dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo& entry : entries) {
        if (keep.contains(entry.fileName()))
            continue;
        const bool removed = entry.isDir() && !entry.isSymLink() ? QDir(entry.filePath()).removeRecursively()
                                                                 : QFile::remove(entry.filePath());
        if (!removed)
            return Error(ErrorCode::Internal,
                         QStringLiteral("Cannot remove %1; remove it by hand.").arg(entry.filePath()));
    }
    return FileSystem::syncDirectory(directory);
}

bool isEmptyOrMissing(const QString& directory, const QStringList& ignore)
{
    const QFileInfo info(directory);
    if (!info.exists())
        return true;
    if (!info.isDir())
        return false;
    const QStringList entries =
        QDir(directory).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        if (!ignore.contains(entry))
            return false;
    }
    return true;
}

} // namespace berth::BackupFiles
