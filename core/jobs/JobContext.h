#pragma once

#include <QString>
#include <QtGlobal>

namespace berth {

/// What a long task sees of the job running it: where to report progress and whether the person who
/// started it has asked it to stop. Implementations are thread-safe; a task calls them from its own
/// thread as often as it likes (progress is coalesced before anyone is told).
class JobContext
{
public:
    virtual ~JobContext() = default;

    /// True once cancel was asked for. A task checks it between units of work and then returns an
    /// Error with ErrorCode::Cancelled after undoing what it had done.
    virtual bool isCancelled() const = 0;
    /// `done` of `total` units (bytes for imports and exports); total 0 = unknown.
    virtual void setProgress(qint64 done, qint64 total) = 0;
    /// One line for a person: what the task is doing now ("Writing layer 3 of 7").
    virtual void setStatus(const QString& text) = 0;
};

/// A JobContext for callers that run a task directly (tests, berthctl-side tools): never cancelled,
/// progress ignored.
class NullJobContext : public JobContext
{
public:
    bool isCancelled() const override { return false; }
    void setProgress(qint64, qint64) override {}
    void setStatus(const QString&) override {}
};

} // namespace berth
