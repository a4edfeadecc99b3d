#include "jobs/JobRunner.h"

#include "jobs/JobRunnerPrivate.h"

#include <QDeadlineTimer>

namespace berth {

JobRunner::JobRunner(Options options, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>(*this, std::move(options)))
{
    qRegisterMetaType<berth::JobSnapshot>();
}

JobRunner::JobRunner(QObject* parent) : JobRunner(Options(), parent) {}

JobRunner::~JobRunner()
{
    QList<quint64> unfinished;
    {
        QMutexLocker lock(&d->mutex);
        for (auto it = d->jobs.cbegin(); it != d->jobs.cend(); ++it)
            if (!it->snapshot.isFinished())
                unfinished.append(it.key());
    }
    for (quint64 id : std::as_const(unfinished))
        d->cancel(id);
    d->pool.waitForDone();
}

quint64 JobRunner::submit(JobKind kind, const QString& title, JobTask task)
{
    quint64 id = 0;
    {
        QMutexLocker signalLock(&d->signalMutex);
        JobSnapshot copy;
        QRunnable* runnable = nullptr;
        {
            QMutexLocker lock(&d->mutex);
            id = d->nextId++;
            Private::Entry entry;
            entry.snapshot.id = id;
            entry.snapshot.kind = kind;
            entry.snapshot.title = title;
            entry.snapshot.state = JobState::Queued;
            entry.snapshot.queuedAt = d->options.clock->now();
            entry.task = std::move(task);
            entry.context = std::make_shared<Private::Context>(*d, id);
            Private* priv = d.get();
            runnable = QRunnable::create([priv, id] { priv->run(id); });
            entry.runnable = runnable;
            copy = entry.snapshot;
            d->jobs.insert(id, std::move(entry));
            ++d->unsettled;
        }
        emit jobAdded(copy);
        // Started while signalMutex is held, so jobAdded always goes out before the job's first change.
        d->pool.start(runnable);
    }
    QTimer* timer = &d->flushTimer;
    QMetaObject::invokeMethod(timer, [timer] {
        if (!timer->isActive())
            timer->start();
    });
    return id;
}

bool JobRunner::cancel(quint64 id)
{
    return d->cancel(id);
}

QList<JobSnapshot> JobRunner::jobs() const
{
    QMutexLocker lock(&d->mutex);
    QList<JobSnapshot> list;
    list.reserve(d->jobs.size());
    for (const Private::Entry& e : std::as_const(d->jobs))
        list.append(e.snapshot);
    return list;
}

std::optional<JobSnapshot> JobRunner::job(quint64 id) const
{
    QMutexLocker lock(&d->mutex);
    auto it = d->jobs.constFind(id);
    if (it == d->jobs.cend())
        return std::nullopt;
    return it->snapshot;
}

int JobRunner::activeCount() const
{
    QMutexLocker lock(&d->mutex);
    int count = 0;
    for (const Private::Entry& e : std::as_const(d->jobs))
        if (!e.snapshot.isFinished())
            ++count;
    return count;
}

void JobRunner::clearHistory()
{
    QMutexLocker signalLock(&d->signalMutex);
    QList<quint64> removed;
    {
        QMutexLocker lock(&d->mutex);
        for (auto it = d->jobs.begin(); it != d->jobs.end();) {
            if (it->snapshot.isFinished()) {
                removed.append(it.key());
                it = d->jobs.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (quint64 id : std::as_const(removed))
        emit jobRemoved(id);
}

bool JobRunner::waitForIdle(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever)
                                          : QDeadlineTimer(timeoutMs));
    QMutexLocker lock(&d->mutex);
    while (d->unsettled > 0) {
        if (!d->idle.wait(&d->mutex, deadline))
            return d->unsettled == 0;
    }
    return true;
}

} // namespace berth
