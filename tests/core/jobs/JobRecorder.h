#pragma once

#include "jobs/JobRunner.h"

#include <QList>
#include <QMutex>
#include <QObject>

namespace berth::jobtest {

/// Every snapshot a runner signalled, in order (direct connection: recorded on the emitting thread).
class Recorder
{
public:
    explicit Recorder(JobRunner& runner)
    {
        QObject::connect(
            &runner, &JobRunner::jobChanged, &runner,
            [this](const JobSnapshot& s) {
                QMutexLocker lock(&m_mutex);
                m_changes.append(s);
            },
            Qt::DirectConnection);
        QObject::connect(
            &runner, &JobRunner::jobRemoved, &runner,
            [this](quint64 id) {
                QMutexLocker lock(&m_mutex);
                m_removed.append(id);
            },
            Qt::DirectConnection);
    }
    QList<JobSnapshot> changesOf(quint64 id) const
    {
        QMutexLocker lock(&m_mutex);
        QList<JobSnapshot> out;
        for (const JobSnapshot& s : m_changes)
            if (s.id == id)
                out.append(s);
        return out;
    }
    QList<quint64> removed() const
    {
        QMutexLocker lock(&m_mutex);
        return m_removed;
    }

private:
    mutable QMutex m_mutex;
    QList<JobSnapshot> m_changes;
    QList<quint64> m_removed;
};

inline JobRunner::Options options(int threads, int history = 200, Clock* clock = nullptr)
{
    JobRunner::Options o;
    o.maxConcurrentJobs = threads;
    o.historySize = history;
    if (clock)
        o.clock = clock;
    return o;
}

} // namespace berth::jobtest
