#include "maintenance/MaintenanceScheduler.h"

#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"

#include <QTimer>
#include <map>
#include <mutex>

namespace berth {

struct MaintenanceScheduler::Private
{
    Private(JobRunner& j, MaintenanceLog& l, Clock& c) : jobs(j), log(l), clock(c) {}

    JobRunner& jobs;
    MaintenanceLog& log;
    Clock& clock;
    mutable std::mutex mutex;
    std::map<QString, Task> tasks;
    std::map<QString, quint64> active; ///< kind -> job queued or running
    QTimer* timer = nullptr;

    /// The kind's active job, forgetting it once finished. Call with the mutex held.
    quint64 activeJob(const QString& kind)
    {
        const auto it = active.find(kind);
        if (it == active.end())
            return 0;
        const std::optional<JobSnapshot> job = jobs.job(it->second);
        if (!job || job->isFinished()) {
            active.erase(it);
            return 0;
        }
        return it->second;
    }

    QDateTime lastStart(const QString& kind) const
    {
        auto last = log.last(kind);
        if (!last || !last.value())
            return QDateTime();
        return last.value()->startedAt;
    }

    /// Submits the task's job. Call with the mutex held.
    quint64 submit(const Task& task, const QString& trigger)
    {
        const quint64 id = jobs.submit(task.jobKind, task.title, task.make(trigger));
        active[task.kind] = id;
        return id;
    }
};

MaintenanceScheduler::MaintenanceScheduler(JobRunner& jobs, MaintenanceLog& log, Clock& clock,
                                           QObject* parent)
    : QObject(parent), d(std::make_unique<Private>(jobs, log, clock))
{}

MaintenanceScheduler::~MaintenanceScheduler() = default;

void MaintenanceScheduler::add(Task task)
{
    std::lock_guard lock(d->mutex);
    const QString kind = task.kind;
    d->tasks[kind] = std::move(task);
}

bool MaintenanceScheduler::setInterval(const QString& kind, qint64 seconds)
{
    std::lock_guard lock(d->mutex);
    const auto it = d->tasks.find(kind);
    if (it == d->tasks.end())
        return false;
    it->second.intervalSeconds = qMax<qint64>(0, seconds);
    return true;
}

QList<MaintenanceScheduler::Entry> MaintenanceScheduler::schedule() const
{
    std::lock_guard lock(d->mutex);
    QList<Entry> out;
    for (const auto& [kind, task] : d->tasks) {
        Entry entry;
        entry.kind = kind;
        entry.intervalSeconds = task.intervalSeconds;
        entry.lastStartedAt = d->lastStart(kind);
        if (task.intervalSeconds > 0) {
            entry.nextRunAt = entry.lastStartedAt.isValid()
                                  ? entry.lastStartedAt.addSecs(task.intervalSeconds)
                                  : d->clock.now();
        }
        entry.activeJob = d->activeJob(kind);
        out.append(entry);
    }
    return out;
}

quint64 MaintenanceScheduler::runNow(const QString& kind)
{
    quint64 id = 0;
    {
        std::lock_guard lock(d->mutex);
        const auto it = d->tasks.find(kind);
        if (it == d->tasks.end())
            return 0;
        if (const quint64 running = d->activeJob(kind))
            return running;
        id = d->submit(it->second, MaintenanceLog::Manual);
    }
    emit submitted(kind, id);
    return id;
}

QList<quint64> MaintenanceScheduler::tick()
{
    QList<std::pair<QString, quint64>> started;
    {
        std::lock_guard lock(d->mutex);
        const QDateTime now = d->clock.now();
        for (const auto& [kind, task] : d->tasks) {
            if (task.intervalSeconds <= 0 || d->activeJob(kind))
                continue;
            const QDateTime last = d->lastStart(kind);
            if (last.isValid() && last.addSecs(task.intervalSeconds) > now)
                continue;
            started.append({kind, d->submit(task, MaintenanceLog::Scheduled)});
        }
    }
    QList<quint64> ids;
    for (const auto& [kind, id] : started) {
        emit submitted(kind, id);
        ids.append(id);
    }
    return ids;
}

void MaintenanceScheduler::start(int checkIntervalMs)
{
    if (!d->timer) {
        d->timer = new QTimer(this);
        connect(d->timer, &QTimer::timeout, this, [this] { tick(); });
    }
    d->timer->start(checkIntervalMs);
}

} // namespace berth
