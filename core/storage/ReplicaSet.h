#pragma once

#include "storage/BlobDomain.h"
#include "storage/ReplicatedBlobStore.h"

#include <QHash>
#include <QMap>
#include <atomic>
#include <functional>
#include <mutex>

namespace berth {

/// The fault domains of a ReplicatedBlobStore and what works on copies across them: writing copies
/// (hashed while written), verifying, quarantining and repairing, the record of which copies were
/// verified since they last changed, and the counters. Shared with the read devices the store hands
/// out (they report a corrupt stream back here). Thread-safe.
class ReplicaSet
{
public:
    using CopyState = ReplicatedBlobStore::CopyState;
    using Counters = ReplicatedBlobStore::Counters;

    ReplicaSet(QList<BlobDomain> domains, int writeQuorum, qint64 verifyBeforeServeBytes);

    int count() const { return int(m_domains.size()); }
    int writeQuorum() const { return m_writeQuorum; }
    qint64 verifyBeforeServeBytes() const { return m_verifyBeforeServeBytes; }
    const BlobDomain& domain(int index) const { return m_domains.at(index); }
    void setClock(Clock* clock) { m_clock = clock ? clock : &Clock::system(); }
    QDateTime now() const { return m_clock->now(); }

    /// What writing copies into some domains came to.
    struct CopyOutcome
    {
        QList<int> placed;                ///< domains that now hold a durable, verified copy
        QMap<int, Error> failed;          ///< domains that could not be written, and why
        bool sourceCorrupt = false;       ///< the source did not hash to the digest: nothing was placed
        std::optional<Error> sourceError; ///< the source could not be read: nothing was placed
    };
    /// Copies the file at `source` into each target domain, hashing while reading; each copy is fsynced
    /// and renamed into place only when the content hashed to `digest`.
    CopyOutcome copyFile(const QString& source, const Digest& digest, const QList<int>& targets) const;
    /// The same for content held in memory (already known to hash to `digest`).
    CopyOutcome writeBytes(QByteArrayView content, const Digest& digest, const QList<int>& targets) const;
    /// Hard-links `source` as the domain's copy (same filesystem only); true when it worked.
    bool linkInto(const QString& source, const Digest& digest, int domain) const;

    /// Re-hashes the domain's copy; Good copies are remembered as verified. With `content`, the bytes read
    /// are also kept there (for small blobs served from memory once verified).
    Result<CopyState> verify(int domain, const Digest& digest,
                             const std::function<bool(qint64)>& progress = {},
                             QByteArray* content = nullptr) const;
    /// Makes the domain's copy good from a good copy elsewhere (see ReplicatedBlobStore::repairCopy).
    Result<void> repair(int domain, const Digest& digest) const;
    /// Moves the domain's copy to quarantine and forgets it was verified.
    void quarantine(int domain, const Digest& digest) const;
    /// A read device found the copy corrupt while streaming: quarantine it (if it is still the same file)
    /// and repair it.
    void streamFoundCorrupt(int domain, const Digest& digest, const QString& identity) const;

    /// True when the copy was verified and has not changed since.
    bool isVerified(int domain, const Digest& digest) const;
    void markVerified(int domain, const Digest& digest) const;
    /// Sets the copy's modification time to `now` (garbage collection's grace period). Our own touch
    /// changes the times but not the bytes, so a copy verified before stays verified (sendfile keeps
    /// serving it). False when the domain has no copy.
    bool touch(int domain, const Digest& digest, const QDateTime& now) const;
    /// "device:inode:size:mtime" of the domain's copy, or empty when there is none.
    QString identityOf(int domain, const Digest& digest) const;

    mutable std::atomic<qint64> missingCopiesFound{0};
    mutable std::atomic<qint64> corruptCopiesFound{0};
    mutable std::atomic<qint64> copiesRepaired{0};
    mutable std::atomic<qint64> degradedWrites{0};
    Counters counters() const;

private:
    CopyOutcome writeCopies(const std::function<qint64(char*, qint64)>& read, const Digest& digest,
                            const QList<int>& targets) const;
    static QString key(int domain, const Digest& digest);

    QList<BlobDomain> m_domains;
    int m_writeQuorum;
    qint64 m_verifyBeforeServeBytes;
    Clock* m_clock = &Clock::system();
    mutable std::mutex m_verifiedMutex;
    mutable QHash<QString, QString> m_verified; ///< key(domain, digest) -> identity when verified
    mutable std::mutex m_repairMutex;
};

} // namespace berth
