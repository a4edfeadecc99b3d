#include "storage/FileSystem.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::FileSystem {

Error errorFromErrno(int error, const QString& what)
{
    const QString reason = QString::fromLocal8Bit(std::strerror(error));
    if (error == ENOSPC || error == EDQUOT) {
        return Error(ErrorCode::InsufficientStorage,
                     QStringLiteral("The registry's disk is full: %1 failed (%2). Free some space and retry.")
                         .arg(what, reason));
    }
    return Error(ErrorCode::Internal, QStringLiteral("%1 failed: %2").arg(what, reason));
}

Result<void> syncDirectory(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errorFromErrno(errno, QStringLiteral("opening directory %1 to sync it").arg(path));
    int rc;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    const int saved = errno;
    ::close(fd);
    if (rc != 0 && saved != EINVAL) // some filesystems cannot fsync directories; nothing to do there
        return errorFromErrno(saved, QStringLiteral("syncing directory %1").arg(path));
    return {};
}

Result<void> makePath(const QString& path)
{
    if (path.isEmpty())
        return {};
    struct stat st;
    const QByteArray native = QFile::encodeName(path);
    if (::stat(native.constData(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return {};
        return Error(ErrorCode::Internal, QStringLiteral("%1 exists but is not a directory").arg(path));
    }
    const qsizetype slash = path.lastIndexOf(u'/');
    if (slash > 0) {
        auto parent = makePath(path.left(slash));
        if (!parent)
            return parent;
    }
    // EEXIST: a concurrent caller just made it, and may not have synced the parent yet.
    if (::mkdir(native.constData(), 0755) != 0 && errno != EEXIST)
        return errorFromErrno(errno, QStringLiteral("creating directory %1").arg(path));
    // The new directory's entry lives in its parent: sync that too, or a blob renamed into the new
    // directory (whose own sync the caller does) could vanish with it after a power loss.
    return syncDirectory(slash > 0 ? path.left(slash) : QString(slash == 0 ? u'/' : u'.'));
}

} // namespace berth::FileSystem
