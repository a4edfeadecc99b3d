#pragma once

#include "gc/GcTypes.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <mutex>
#include <optional>

namespace berth {

class BlobStore;
class MetadataStore;
class RegistryService;

/// Online garbage collection: removes the blobs nothing references (and, when asked, untagged
/// manifests) while the registry keeps serving. There is no read-only window: every removal re-checks,
/// inside a metadata transaction (the single writer lock), that the blob is still unreferenced and was
/// not touched since the cutoff; uploads and manifest pushes that reuse a blob touch it and verify it is
/// present in their own transaction, so a push never ends up referencing a removed blob.
///
/// Thread-safe; one run at a time (a second caller waits).
class GarbageCollector
{
public:
    GarbageCollector(MetadataStore& metadata, BlobStore& store, Clock& clock);
    /// Works on the service's metadata and blob store, with its clock.
    explicit GarbageCollector(RegistryService& registry);

    /// Runs (or with options.dryRun, works out) a collection. The lists are sorted (manifests by
    /// repository and digest, blobs by digest).
    Result<GcResult> run(const GcOptions& options);
    /// Bytes and blobs a run with default options (and this grace period) would free now.
    Result<GcReclaimable> reclaimableNow(qint64 gracePeriodSeconds = GcOptions().gracePeriodSeconds) const;
    /// The last run that was not a dry run, since this collector was made.
    std::optional<GcResult> lastRun() const;

private:
    Result<void> deleteUntaggedManifests(const GcOptions& options, const QDateTime& cutoff, GcResult& result);
    Result<void> removeBlobs(const QList<GcBlob>& garbage, const QDateTime& cutoff, GcResult& result);

    MetadataStore& m_metadata;
    BlobStore& m_store;
    Clock& m_clock;
    std::mutex m_runMutex;
    mutable std::mutex m_lastMutex;
    std::optional<GcResult> m_last;
};

} // namespace berth
