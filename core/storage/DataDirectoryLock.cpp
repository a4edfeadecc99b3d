#include "storage/DataDirectoryLock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace berth {

namespace {

/// The pid written in an open lock file, or 0.
qint64 readPid(int fd)
{
    char buffer[32] = {};
    const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
    if (n <= 0)
        return 0;
    bool ok = false;
    const qint64 pid = QByteArray(buffer, int(n)).trimmed().toLongLong(&ok);
    return ok && pid > 0 ? pid : 0;
}

QString tr(const char* text)
{
    return QCoreApplication::translate("DataDirectoryLock", text);
}

} // namespace

DataDirectoryLock::~DataDirectoryLock()
{
    release();
}

QString DataDirectoryLock::lockFilePath(const QString& dataDirectory)
{
    return QDir(dataDirectory).filePath(QStringLiteral("berth.lock"));
}

Result<void> DataDirectoryLock::acquire(const QString& dataDirectory)
{
    if (m_fd >= 0)
        return {};
    const QString path = lockFilePath(dataDirectory);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int saved = errno;
        return Error(ErrorCode::Internal, tr("Could not create the lock file %1 (%2). Check that the data "
                                             "directory is writable by this user.")
                                              .arg(path, QString::fromLocal8Bit(std::strerror(saved))));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int saved = errno;
        const qint64 pid = readPid(fd);
        ::close(fd);
        if (saved != EWOULDBLOCK) {
            return Error(ErrorCode::Internal, tr("Could not lock the data directory %1 (%2).")
                                                  .arg(QDir::toNativeSeparators(dataDirectory),
                                                       QString::fromLocal8Bit(std::strerror(saved))));
        }
        if (pid > 0) {
            return Error(ErrorCode::Internal,
                         tr("The data directory %1 is in use by another Berth process (pid %2). Stop that "
                            "process (berthd or the console) first, or use another data directory.")
                             .arg(QDir::toNativeSeparators(dataDirectory))
                             .arg(pid));
        }
        return Error(ErrorCode::Internal,
                     tr("The data directory %1 is in use by another Berth process. Stop that process "
                        "(berthd or the console) first, or use another data directory.")
                         .arg(QDir::toNativeSeparators(dataDirectory)));
    }
    // Ours now: record who holds it, for the message another process shows.
    const QByteArray pid = QByteArray::number(qint64(::getpid())) + '\n';
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.constData(), size_t(pid.size()), 0) != pid.size())
        qWarning("berth: could not record the pid in %s", qPrintable(path));
    m_fd = fd;
    return {};
}

void DataDirectoryLock::release()
{
    if (m_fd < 0)
        return;
    // The file stays (removing it would race with a process opening it right now); only the pid goes.
    const int truncated = ::ftruncate(m_fd, 0);
    Q_UNUSED(truncated);
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
    m_fd = -1;
}

qint64 DataDirectoryLock::holder(const QString& dataDirectory)
{
    const int fd = ::open(QFile::encodeName(lockFilePath(dataDirectory)).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    qint64 pid = 0;
    if (::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK)
        pid = readPid(fd);
    else
        ::flock(fd, LOCK_UN);
    ::close(fd);
    return pid;
}

} // namespace berth
