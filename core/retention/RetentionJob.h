#pragma once

#include "jobs/Job.h"
#include "retention/RetentionRunner.h"

#include <memory>
#include <mutex>
#include <optional>

namespace berth {

/// Retention as a job (JobRunner, JobKind::Retention): the API, the console and the maintenance schedule
/// run it this way, so every run shows in the jobs list with progress and can be cancelled.
class RetentionJob
{
public:
    /// Where a job leaves its full result for whoever started it; thread-safe.
    class Outcome
    {
    public:
        void set(Result<RetentionRunResult> result);
        /// Empty until the task has finished (it stays empty for a job cancelled while queued).
        std::optional<Result<RetentionRunResult>> get() const;

    private:
        mutable std::mutex m_mutex;
        std::optional<Result<RetentionRunResult>> m_result;
    };

    /// The task of one run: RetentionRunner::run of one policy (all enabled policies when `policy` is
    /// empty); returns RetentionRunResult::describe(), or Error(Cancelled) when it was cancelled.
    static JobTask make(std::shared_ptr<RetentionRunner> runner, const QString& policy,
                        const QString& trigger, std::shared_ptr<Outcome> outcome = nullptr);
    /// "Retention policy NAME", "Scheduled retention".
    static QString title(const QString& policy, const QString& trigger);
};

} // namespace berth
