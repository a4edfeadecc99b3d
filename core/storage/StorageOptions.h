#pragma once

#include <QString>
#include <QStringList>

namespace berth {

/// Where and how the blob store keeps its copies.
struct StorageOptions
{
    /// The fault domains: one directory each, normally on different disks. Every blob is kept once in
    /// each. Empty: a single domain, <data>/blobs/0 (the layout of a store made before replication).
    QStringList domains;
    /// How many copies must be durable (written, fsynced, renamed into place) before a write is
    /// acknowledged; 0 means every domain. A write that reached at least this many but not all domains
    /// succeeds and is counted as degraded; scrub makes the missing copies later.
    int writeQuorum = 0;
    /// Blobs up to this size are re-hashed before a read serves them unless the copy was verified since it
    /// last changed (ReplicaReader), so a corrupt copy is never sent: another copy is served and the bad
    /// one repaired. Larger blobs are verified while they stream. Bit rot under an unchanged file is
    /// found by scrub.
    qint64 verifyBeforeServeBytes = 4 * 1024 * 1024;
};

} // namespace berth
