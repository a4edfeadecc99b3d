#pragma once

#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"

#include <QElapsedTimer>
#include <QMap>
#include <QMutex>
#include <QRecursiveMutex>
#include <QThreadPool>
#include <QTimer>
#include <QWaitCondition>
#include <atomic>
#include <memory>

namespace berth {

/// JobRunner's state. Internal to core/jobs: nothing outside JobRunner includes it.
///
/// Two locks: `mutex` guards the jobs; `signalMutex` orders the signals. Whatever changes a job in a way
/// someone must hear about takes signalMutex first, then mutex, changes the job, copies the snapshot,
/// releases mutex and emits while still holding signalMutex. So signals leave in the order the
/// snapshots were taken, the last one a receiver sees for a job is its latest state, and slots
/// connected directly may call back into the runner (mutex is free while they run).
struct JobRunner::Private
{
    /// The JobContext a task sees. Cancellation is an atomic flag (tasks poll it often); progress and
    /// status go into the job's snapshot and are signalled at most once per coalescing interval.
    class Context final : public JobContext
    {
    public:
        Context(Private& runner, quint64 id) : m_runner(runner), m_id(id) {}
        bool isCancelled() const override { return m_cancelled.load(std::memory_order_acquire); }
        void setProgress(qint64 done, qint64 total) override;
        void setStatus(const QString& text) override;
        void requestCancel() { m_cancelled.store(true, std::memory_order_release); }

    private:
        Private& m_runner;
        const quint64 m_id;
        std::atomic<bool> m_cancelled{false};
    };

    struct Entry
    {
        JobSnapshot snapshot;
        JobTask task; ///< released once it has run or was cancelled
        std::shared_ptr<Context> context;
        QRunnable* runnable = nullptr; ///< meaningful only while the job is queued
        QElapsedTimer sinceSignal;     ///< time since jobChanged was last emitted for it
        bool unsignalled = false;      ///< progress or status changed since the last jobChanged
    };

    /// Progress signals for one job are at least this far apart.
    static constexpr qint64 CoalesceMs = 100;

    Private(JobRunner& owner, Options opts);

    JobRunner& q;
    Options options;
    QThreadPool pool;
    QTimer flushTimer; ///< in the runner's thread: signals progress a quiet task left unsignalled

    mutable QMutex mutex;
    QWaitCondition idle;       ///< woken whenever a job finishes
    QMap<quint64, Entry> jobs; ///< by id, so oldest first
    quint64 nextId = 1;
    /// Jobs whose final signal has not gone out yet (waitForIdle waits for 0).
    int unsettled = 0;
    QRecursiveMutex signalMutex;

    /// The worker's side: runs the task of job `id` unless it was cancelled while queued.
    void run(quint64 id);
    /// Records progress or status from a task; signals it when the coalescing interval allows.
    void report(quint64 id, qint64 done, qint64 total, const QString* status);
    /// Emits jobChanged with the job's current snapshot (nothing when it is gone).
    void publish(quint64 id);
    /// Signals every job whose progress has been waiting longer than the coalescing interval.
    void flushPending();
    /// Marks a job finished (caller holds signalMutex and mutex).
    void finishLocked(Entry& entry, JobState state, const QString& result);
    /// Drops the oldest finished jobs beyond the history size (caller holds mutex); returns their ids.
    QList<quint64> trimLocked();
    /// Emits the final snapshot and the removals, then counts the job as settled (holding signalMutex).
    void settle(const JobSnapshot& final, const QList<quint64>& removed);
    /// Cancels one job; emits under signalMutex. False when it is unknown or already finished.
    bool cancel(quint64 id);
};

} // namespace berth
