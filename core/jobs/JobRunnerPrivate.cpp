#include "jobs/JobRunnerPrivate.h"

#include <exception>

namespace berth {

void JobRunner::Private::Context::setProgress(qint64 done, qint64 total)
{
    m_runner.report(m_id, done, total, nullptr);
}

void JobRunner::Private::Context::setStatus(const QString& text)
{
    m_runner.report(m_id, -1, -1, &text);
}

JobRunner::Private::Private(JobRunner& owner, Options opts) : q(owner), options(std::move(opts))
{
    if (!options.clock)
        options.clock = &Clock::system();
    options.maxConcurrentJobs = qMax(1, options.maxConcurrentJobs);
    options.historySize = qMax(0, options.historySize);
    pool.setMaxThreadCount(options.maxConcurrentJobs);
    flushTimer.setInterval(int(CoalesceMs));
    QObject::connect(&flushTimer, &QTimer::timeout, &flushTimer, [this] { flushPending(); });
}

void JobRunner::Private::run(quint64 id)
{
    JobTask task;
    std::shared_ptr<Context> context;
    {
        QMutexLocker signalLock(&signalMutex);
        JobSnapshot copy;
        {
            QMutexLocker lock(&mutex);
            auto it = jobs.find(id);
            if (it == jobs.end() || it->snapshot.state != JobState::Queued)
                return; // cancelled while queued: already settled
            it->runnable = nullptr;
            it->snapshot.state = JobState::Running;
            it->snapshot.startedAt = options.clock->now();
            it->sinceSignal.start();
            it->unsignalled = false;
            task = std::move(it->task);
            it->task = nullptr;
            context = it->context;
            copy = it->snapshot;
        }
        emit q.jobChanged(copy);
    }

    auto outcome = [&]() -> Result<QString> {
        try {
            if (!task)
                return Error(ErrorCode::Internal, JobRunner::tr("The job has nothing to run."));
            return task(*context);
        } catch (const std::exception& e) {
            return Error(ErrorCode::Internal, JobRunner::tr("The job stopped on an unexpected error: %1")
                                                  .arg(QString::fromLocal8Bit(e.what())));
        } catch (...) {
            return Error(ErrorCode::Internal, JobRunner::tr("The job stopped on an unexpected error."));
        }
    }();
    task = nullptr; // whatever the task captured goes now, on the worker thread

    JobState state = JobState::Succeeded;
    QString result;
    if (outcome.ok()) {
        result = outcome.value();
    } else if (outcome.error().code == ErrorCode::Cancelled) {
        state = JobState::Cancelled;
        result = outcome.error().message.isEmpty() ? JobRunner::tr("Cancelled.") : outcome.error().message;
    } else {
        state = JobState::Failed;
        result = outcome.error().message.isEmpty() ? JobRunner::tr("The job failed without saying why.")
                                                   : outcome.error().message;
    }

    QMutexLocker signalLock(&signalMutex);
    JobSnapshot copy;
    QList<quint64> removed;
    {
        QMutexLocker lock(&mutex);
        auto it = jobs.find(id);
        if (it == jobs.end())
            return; // cannot happen: running jobs are never trimmed
        finishLocked(*it, state, result);
        copy = it->snapshot;
        removed = trimLocked();
    }
    settle(copy, removed);
}

void JobRunner::Private::report(quint64 id, qint64 done, qint64 total, const QString* status)
{
    bool due = false;
    {
        QMutexLocker lock(&mutex);
        auto it = jobs.find(id);
        if (it == jobs.end() || it->snapshot.state != JobState::Running)
            return;
        JobSnapshot& s = it->snapshot;
        if (status) {
            if (s.status == *status)
                return;
            s.status = *status;
        } else {
            if (s.done == done && s.total == total)
                return;
            s.done = done;
            s.total = total;
        }
        if (!it->sinceSignal.isValid() || it->sinceSignal.elapsed() >= CoalesceMs) {
            it->sinceSignal.start(); // claimed here, so two reporting threads cannot both signal
            it->unsignalled = false;
            due = true;
        } else {
            it->unsignalled = true;
        }
    }
    if (due)
        publish(id);
}

void JobRunner::Private::publish(quint64 id)
{
    QMutexLocker signalLock(&signalMutex);
    JobSnapshot copy;
    {
        QMutexLocker lock(&mutex);
        auto it = jobs.find(id);
        if (it == jobs.end())
            return;
        it->sinceSignal.start();
        it->unsignalled = false;
        copy = it->snapshot;
    }
    emit q.jobChanged(copy);
}

void JobRunner::Private::flushPending()
{
    QList<quint64> due;
    bool busy = false;
    {
        QMutexLocker lock(&mutex);
        for (auto it = jobs.begin(); it != jobs.end(); ++it) {
            if (it->snapshot.state == JobState::Running && it->unsignalled &&
                it->sinceSignal.elapsed() >= CoalesceMs) {
                it->sinceSignal.start();
                it->unsignalled = false;
                due.append(it.key());
            }
        }
        busy = unsettled > 0;
    }
    for (quint64 id : std::as_const(due))
        publish(id);
    if (!busy)
        flushTimer.stop();
}

void JobRunner::Private::finishLocked(Entry& entry, JobState state, const QString& result)
{
    entry.snapshot.state = state;
    entry.snapshot.result = result;
    entry.snapshot.finishedAt = options.clock->now();
    entry.task = nullptr;
    entry.runnable = nullptr;
    entry.unsignalled = false;
}

QList<quint64> JobRunner::Private::trimLocked()
{
    qsizetype finished = 0;
    for (const Entry& e : std::as_const(jobs))
        if (e.snapshot.isFinished())
            ++finished;
    QList<quint64> removed;
    for (auto it = jobs.begin(); it != jobs.end() && finished > options.historySize;) {
        if (it->snapshot.isFinished()) {
            removed.append(it.key());
            it = jobs.erase(it);
            --finished;
        } else {
            ++it;
        }
    }
    return removed;
}

void JobRunner::Private::settle(const JobSnapshot& final, const QList<quint64>& removed)
{
    emit q.jobChanged(final);
    for (quint64 id : removed)
        emit q.jobRemoved(id);
    QMutexLocker lock(&mutex);
    --unsettled;
    idle.wakeAll();
}

bool JobRunner::Private::cancel(quint64 id)
{
    QMutexLocker signalLock(&signalMutex);
    JobSnapshot copy;
    QList<quint64> removed;
    bool settled = false;
    QRunnable* taken = nullptr;
    {
        QMutexLocker lock(&mutex);
        auto it = jobs.find(id);
        if (it == jobs.end() || it->snapshot.isFinished())
            return false;
        if (it->snapshot.cancelRequested)
            return true; // asked already; the task has not looked yet
        it->snapshot.cancelRequested = true;
        it->context->requestCancel();
        if (it->snapshot.state == JobState::Queued) {
            // While queued the runnable has not run, so the pointer is still the pool's to give back.
            if (it->runnable && pool.tryTake(it->runnable))
                taken = it->runnable;
            finishLocked(*it, JobState::Cancelled, JobRunner::tr("Cancelled before it started."));
            settled = true;
        }
        copy = it->snapshot;
        if (settled)
            removed = trimLocked();
    }
    delete taken;
    if (settled) {
        settle(copy, removed);
    } else {
        emit q.jobChanged(copy);
    }
    return true;
}

} // namespace berth
