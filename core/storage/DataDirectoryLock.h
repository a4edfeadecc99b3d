#pragma once

#include "util/Result.h"

#include <QString>

namespace berth {

/// Keeps a data directory to one process: an exclusive lock on <data>/berth.lock, held from acquire()
/// until destruction. A second process (another berthd, the console, an offline `berthd fsck`) is
/// refused with a message naming the directory and the pid holding it.
///
/// The lock is the kernel's (flock on an open file), so it goes with the process: a berthd killed with
/// SIGKILL leaves the file behind but no lock, and the next start takes it at once. Within one process
/// a second DataDirectoryLock on the same directory is refused too.
class DataDirectoryLock
{
public:
    DataDirectoryLock() = default;
    ~DataDirectoryLock();
    DataDirectoryLock(const DataDirectoryLock&) = delete;
    DataDirectoryLock& operator=(const DataDirectoryLock&) = delete;

    /// Takes the lock (the directory must exist). Fails when another process or another lock holds it,
    /// or when the lock file cannot be created.
    Result<void> acquire(const QString& dataDirectory);
    /// Releases the lock early (destruction does it too).
    void release();
    bool isHeld() const { return m_fd >= 0; }

    /// The lock file of a data directory.
    static QString lockFilePath(const QString& dataDirectory);
    /// The pid recorded by the process holding the directory's lock, or 0 when it is not locked (or the
    /// holder is unknown).
    static qint64 holder(const QString& dataDirectory);

private:
    int m_fd = -1;
};

} // namespace berth
