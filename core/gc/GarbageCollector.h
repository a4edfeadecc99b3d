#pragma once

#include "gc/GcRunSummary.h"
#include "gc/GcTypes.h"
#include "registry/RegistryTypes.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <functional>
#include <mutex>
#include <optional>

namespace berth {

class BlobStore;
class JobContext;
class MaintenanceLog;
class MetadataStore;
class RegistryService;

/// Online garbage collection: removes the blobs nothing references (and, when asked, untagged
/// manifests) while the registry keeps serving. There is no read-only window: every removal re-checks,
/// inside a metadata transaction (the single writer lock), that the blob is still unreferenced and was
/// not touched since the cutoff; uploads and manifest pushes that reuse a blob touch it and verify it is
/// present in their own transaction, so a push never ends up referencing a removed blob.
///
/// A run reports progress (candidates considered of all) to a JobContext and stops between removals
/// when it is cancelled. Each run that is not a dry run is recorded in the MaintenanceLog (when set), and
/// what it deleted is published as registry events (BlobCollected, ManifestDeleted) after each commit.
///
/// Thread-safe; one run at a time (a second caller waits).
class GarbageCollector
{
public:
    /// Receives the events of what a run deleted (called from the running thread).
    using EventSink = std::function<void(const RegistryEvent&)>;

    GarbageCollector(MetadataStore& metadata, BlobStore& store, Clock& clock);
    /// Works on the service's metadata and blob store, with its clock, and publishes its events through
    /// the service's registryEvent() signal like every other deletion.
    explicit GarbageCollector(RegistryService& registry);

    /// Where runs are recorded and the last run is read from (survives a restart). Null: kept in memory.
    void setMaintenanceLog(MaintenanceLog* log);
    void setEventSink(EventSink sink);

    /// Runs (or with options.dryRun, works out) a collection. The lists are sorted (manifests by
    /// repository and digest, blobs by digest). With a context: progress is reported to it and a
    /// cancelled run stops before the next removal and returns what it did with `cancelled` set.
    /// `trigger` is recorded with the run (MaintenanceLog::Manual or Scheduled).
    Result<GcResult> run(const GcOptions& options, JobContext* context = nullptr,
                         const QString& trigger = QStringLiteral("manual"));
    /// Bytes and blobs a run with default options (and this grace period) would free now.
    Result<GcReclaimable> reclaimableNow(qint64 gracePeriodSeconds = GcOptions().gracePeriodSeconds) const;
    /// The last run that was not a dry run: from the MaintenanceLog when set (so also one before a
    /// restart, or by another collector), else the last one of this collector.
    std::optional<GcRunSummary> lastRun() const;

private:
    void record(const GcRunSummary& summary);
    void publish(RegistryEventType type, const QString& repository, const Digest& digest, qint64 bytes);

    Result<void> deleteUntaggedManifests(const GcOptions& options, const QDateTime& cutoff, GcResult& result,
                                         JobContext* context);

    Result<void> removeBlobs(const QList<GcBlob>& garbage, const QDateTime& cutoff, GcResult& result,
                             JobContext* context);

    MetadataStore& m_metadata;
    BlobStore& m_store;
    Clock& m_clock;
    MaintenanceLog* m_log = nullptr;
    EventSink m_sink;
    std::mutex m_runMutex;
    mutable std::mutex m_lastMutex;
    std::optional<GcRunSummary> m_last;
};

} // namespace berth
