#pragma once

#include "integrity/ScrubReport.h"
#include "jobs/Job.h"
#include "util/Clock.h"
#include "util/Result.h"

namespace berth {

class JobContext;
class MetadataStore;
class RegistryService;
class ReplicatedBlobStore;

/// Scrub: re-hashes every copy of every blob in every fault domain (the union of what the domains hold
/// and every blob the metadata references), repairs missing, corrupt and unreadable copies from a good
/// one, and reports what could not be repaired (with the repositories and manifests that need it).
/// Progress goes to the JobContext in bytes; a cancel stops between blobs (or inside a large one) and
/// leaves the store consistent, since each repair is a verified copy renamed into place. Each run is
/// recorded in the maintenance history (kind scrub). One scrub runs at a time per process.
class Scrubber
{
public:
    Scrubber(ReplicatedBlobStore& store, MetadataStore& metadata, Clock& clock);
    explicit Scrubber(RegistryService& registry);

    /// Runs a scrub and records it (trigger: MaintenanceLog::Manual or Scheduled). Cancelled: an Error
    /// with ErrorCode::Cancelled (the partial figures are recorded).
    Result<ScrubReport> run(JobContext& context, const QString& trigger);
    /// The work of a scrub job, for JobRunner and MaintenanceScheduler: its result is the summary line.
    static JobTask task(RegistryService& registry, const QString& trigger);

private:
    Result<void> scrub(JobContext& context, ScrubReport& report);

    ReplicatedBlobStore& m_store;
    MetadataStore& m_metadata;
    Clock& m_clock;
};

} // namespace berth
