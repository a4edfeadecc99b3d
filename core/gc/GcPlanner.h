#pragma once

#include "gc/GcSnapshot.h"
#include "gc/GcTypes.h"
#include "storage/BlobStore.h"

#include <QSet>

namespace berth {

/// Decides what garbage collection removes, from a metadata snapshot and the blobs stored. Pure
/// functions: the dry run and the real run ask the same questions.
class GcPlanner
{
public:
    /// Ids of the manifests deleteUntagged removes: those no tag keeps, pushed before `cutoff`, that no
    /// kept index lists as a child (recursively). Referrers (manifests with a subject) are kept unless
    /// deleteReferrers is set, in which case a referrer stays only while its subject stays.
    static QSet<qint64> untaggedManifests(const GcSnapshot& snapshot, const GcOptions& options,
                                          const QDateTime& cutoff);

    /// The stored blobs nothing keeps once `deletedManifests` are gone: not a manifest in any repository,
    /// not referenced by any manifest, not linked into a repository at or after `cutoff`, and last touched
    /// before `cutoff`. In the order of `stored`.
    static QList<GcBlob> garbageBlobs(const GcSnapshot& snapshot, const QSet<qint64>& deletedManifests,
                                      const QList<StoredBlob>& stored, const QDateTime& cutoff);
};

} // namespace berth
