#pragma once

#include "oci/Digest.h"

#include <QSet>
#include <QString>
#include <mutex>
#include <optional>

namespace berth {

/// Keeps garbage collection away from blobs that someone needs to stay put for a while: a backup
/// holds every blob while it takes its metadata snapshot, then narrows the hold to the blobs that
/// snapshot references until it has copied them.
///
/// Garbage collection asks lockForRemoval() before it re-checks and removes a blob, and keeps the
/// returned lock until its removal transaction has committed. A hold is taken under the same lock, so a
/// snapshot started after holdEverything() returned never sees a blob that a removal then takes away.
///
/// Holds are process-wide (one registry per process is the normal case; in tests with several
/// registries a hold only makes collection more careful). Thread-safe; a hold is released when it is
/// destroyed.
class BlobRemovalHold
{
public:
    BlobRemovalHold() = default;
    ~BlobRemovalHold();
    BlobRemovalHold(BlobRemovalHold&& other) noexcept;
    BlobRemovalHold& operator=(BlobRemovalHold&& other) noexcept;
    BlobRemovalHold(const BlobRemovalHold&) = delete;
    BlobRemovalHold& operator=(const BlobRemovalHold&) = delete;

    /// Holds off the removal of every blob until narrowTo() or release().
    static BlobRemovalHold holdEverything();
    /// From now on only these digests ("sha256:...") are held.
    void narrowTo(const QSet<QString>& digests);
    void release();
    bool isActive() const { return m_id != 0; }

    /// For garbage collection: the lock to keep while removing `digest`, or nothing when a hold covers
    /// the blob (leave it for a later run).
    static std::optional<std::unique_lock<std::mutex>> lockForRemoval(const Digest& digest);
    /// Holds active now (tests).
    static int activeHolds();

private:
    explicit BlobRemovalHold(quint64 id) : m_id(id) {}
    quint64 m_id = 0;
};

} // namespace berth
