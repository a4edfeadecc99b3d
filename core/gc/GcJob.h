#pragma once

#include "gc/GcTypes.h"
#include "jobs/Job.h"

#include <QString>
#include <memory>
#include <mutex>
#include <optional>

namespace berth {

class GarbageCollector;

/// Garbage collection as a job (JobRunner): the API, the console and the maintenance schedule all run
/// it this way, so every run shows in the jobs list with progress and can be cancelled.
class GcJob
{
public:
    /// Where a job leaves its full result (the lists) for whoever started it; thread-safe.
    class Outcome
    {
    public:
        void set(Result<GcResult> result);
        /// Empty until the task has finished (it stays empty for a job cancelled while queued).
        std::optional<Result<GcResult>> get() const;

    private:
        mutable std::mutex m_mutex;
        std::optional<Result<GcResult>> m_result;
    };

    /// The task of one run: GarbageCollector::run with the job's context (progress, cancel) and trigger;
    /// returns a sentence for people (GcRunSummary::describe), or Error(Cancelled) when it was cancelled
    /// (what it removed until then is recorded with the run). `outcome` receives the full result.
    static JobTask make(std::shared_ptr<GarbageCollector> gc, const GcOptions& options,
                        const QString& trigger, std::shared_ptr<Outcome> outcome = nullptr);
    /// "Garbage collection", "Garbage collection (dry run)", "Scheduled garbage collection".
    static QString title(const GcOptions& options, const QString& trigger);
};

} // namespace berth
