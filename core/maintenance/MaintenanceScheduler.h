#pragma once

#include "jobs/Job.h"
#include "util/Clock.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace berth {

class JobRunner;
class MaintenanceLog;

/// Runs maintenance (garbage collection, scrub, ...) on a schedule, as jobs on a JobRunner. Each kind has
/// an interval; a kind is due when its last run in the MaintenanceLog started at least an interval ago
/// (or it never ran). Because the last run is read from the log, a restart does not run everything again.
/// A kind that is still queued or running is not submitted twice.
///
/// Time comes from the clock: tests advance a ManualClock and call tick(). start() makes a timer call
/// tick() every checkIntervalMs in the thread the scheduler lives in. Thread-safe.
class MaintenanceScheduler : public QObject
{
    Q_OBJECT
public:
    /// One scheduled kind of maintenance.
    struct Task
    {
        QString kind; ///< MaintenanceLog::Gc, Scrub, ...
        JobKind jobKind = JobKind::Other;
        QString title;              ///< the job's title, for people ("Scheduled garbage collection")
        qint64 intervalSeconds = 0; ///< 0: not scheduled (the task can still be run with runNow())
        /// Makes the work for one run. The task itself records its run in the MaintenanceLog with
        /// trigger MaintenanceLog::Scheduled (or Manual for runNow()); the argument says which.
        std::function<JobTask(const QString& trigger)> make;
    };

    /// What the schedule looks like for one kind.
    struct Entry
    {
        QString kind;
        qint64 intervalSeconds = 0;
        QDateTime lastStartedAt; ///< invalid when it never ran
        QDateTime nextRunAt;     ///< invalid when not scheduled
        quint64 activeJob = 0;   ///< the job queued or running for this kind, 0 when none
    };

    MaintenanceScheduler(JobRunner& jobs, MaintenanceLog& log, Clock& clock, QObject* parent = nullptr);
    ~MaintenanceScheduler() override;

    /// Adds the task, or replaces the one of the same kind.
    void add(Task task);
    /// Changes a kind's interval (0 turns the schedule off); false for an unknown kind.
    bool setInterval(const QString& kind, qint64 seconds);
    QList<Entry> schedule() const;

    /// Submits the kind's job now with trigger Manual (or returns the job already active); 0 for an
    /// unknown kind.
    quint64 runNow(const QString& kind);
    /// Submits every kind that is due; returns the ids of the jobs submitted.
    QList<quint64> tick();
    /// Calls tick() every checkIntervalMs from now on.
    void start(int checkIntervalMs = 60 * 1000);

signals:
    /// A scheduled or manual run was submitted.
    void submitted(const QString& kind, quint64 jobId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace berth
