#pragma once

#include "jobs/Job.h"
#include "util/Clock.h"

#include <QList>
#include <QObject>
#include <memory>

namespace berth {

/// Runs jobs on its own worker threads and keeps their history. Submit a task, get an id; follow it
/// through jobChanged() (emitted from worker threads: connect with a queued connection, or rely on
/// Qt's automatic one for receivers in other threads). Progress signals are coalesced to at most one
/// per job every 100 ms, plus one for each state change.
///
/// Thread-safe. Destroying the runner cancels what is running and waits for it.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int maxConcurrentJobs = 2;
        int historySize = 200; ///< finished jobs remembered (oldest dropped first)
        Clock* clock = &Clock::system();
    };

    explicit JobRunner(Options options, QObject* parent = nullptr);
    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    /// Queues the task; it starts when a worker is free.
    quint64 submit(JobKind kind, const QString& title, JobTask task);
    /// Asks the job to stop: a queued job is cancelled at once, a running one when its task next
    /// checks JobContext::isCancelled(). False for an unknown or finished job.
    bool cancel(quint64 id);
    /// Every job still known (queued, running, and the history), oldest first.
    QList<JobSnapshot> jobs() const;
    std::optional<JobSnapshot> job(quint64 id) const;
    /// Jobs queued or running.
    int activeCount() const;
    /// Forgets finished jobs.
    void clearHistory();
    /// Blocks until every job submitted so far has finished, or timeoutMs passed (tests, shutdown).
    bool waitForIdle(int timeoutMs = -1);

signals:
    void jobAdded(const berth::JobSnapshot& job);
    void jobChanged(const berth::JobSnapshot& job);
    void jobRemoved(quint64 id);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace berth
