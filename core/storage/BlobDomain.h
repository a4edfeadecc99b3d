#pragma once

#include "oci/Digest.h"
#include "storage/BlobStore.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QString>
#include <optional>

namespace berth {

/// One fault domain of the replicated blob store: a directory laid out as
/// <directory>/<algorithm>/<first two hex>/<hex>, with <directory>/incoming/ for copies being written
/// and <directory>/quarantine/ for copies found corrupt. Only file-level operations; no policy.
class BlobDomain
{
public:
    explicit BlobDomain(QString directory);

    const QString& directory() const { return m_directory; }
    QString copyPath(const Digest& digest) const;
    QString incomingDirectory() const;
    QString quarantineDirectory() const;

    /// Creates the directory and incoming/, and removes files interrupted writes left in incoming/.
    Result<void> initialize() const;

    /// Size of the domain's copy, or -1 when there is none.
    qint64 copySize(const Digest& digest) const;
    /// When the copy was last committed or touched, or nothing when there is none.
    std::optional<QDateTime> touchedAt(const Digest& digest) const;
    /// Sets the copy's modification time; false when there is no copy.
    bool stamp(const Digest& digest, const QDateTime& now) const;
    static bool stampPath(const QString& path, const QDateTime& now);
    /// Removes the copy (and syncs its directory); true if it was there.
    bool remove(const Digest& digest) const;
    /// Moves the copy to quarantine/ (kept for a person to look at); true when it was moved or removed.
    bool quarantine(const Digest& digest, const QDateTime& now) const;
    /// Every copy the domain holds.
    QList<StoredBlob> storedBlobs() const;

    /// A fresh path in incoming/ for a copy being written (the directory is created if needed).
    Result<QString> newIncomingPath() const;
    /// Renames `written` (a file in incoming/ the caller has fsynced) to the copy's path, creating the
    /// fan-out directory, and syncs the directory.
    Result<void> moveIntoPlace(const QString& written, const Digest& digest) const;

private:
    QString m_directory;
};

} // namespace berth
