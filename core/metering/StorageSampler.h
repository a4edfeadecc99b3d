#pragma once

#include "jobs/Job.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QString>

namespace berth {

class MetadataStore;
class RegistryService;

/// Writes today's storage_samples row for every repository (stored and unique bytes, from
/// StorageUsage), replacing an earlier sample of the same day: the last sample of a day wins. Runs as
/// the scheduled maintenance kind "usage-sample" (hourly by default) and on demand.
class StorageSampler
{
public:
    /// The MaintenanceLog kind of a sampling run.
    static inline const QString Kind = QStringLiteral("usage-sample");

    StorageSampler(MetadataStore& metadata, Clock& clock) : m_metadata(metadata), m_clock(clock) {}

    /// Samples every repository now, in one transaction; returns how many were sampled.
    Result<int> sample();
    /// A sampling run as a job; it records itself in the MaintenanceLog with `trigger`.
    static JobTask task(RegistryService& registry, const QString& trigger);

private:
    MetadataStore& m_metadata;
    Clock& m_clock;
};

} // namespace berth
