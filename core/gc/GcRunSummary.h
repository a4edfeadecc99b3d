#pragma once

#include "gc/GcTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace berth {

struct MaintenanceRun;

/// The figures of one garbage collection run without its lists: what the maintenance history keeps
/// (MaintenanceRun::summary), what "last run" shows after a restart, and what the API and console list.
struct GcRunSummary
{
    GcOptions options;
    QString trigger; ///< MaintenanceLog::Manual or Scheduled
    QString outcome; ///< MaintenanceLog::Succeeded, Failed or Cancelled
    QDateTime startedAt;
    QDateTime finishedAt;
    int blobCount = 0;
    int manifestCount = 0;
    qint64 bytes = 0;
    int skipped = 0;
    QString error; ///< why it failed

    static GcRunSummary of(const GcResult& result, const QString& trigger);
    /// The MaintenanceRun the history records (kind gc).
    MaintenanceRun toRun() const;
    static GcRunSummary fromRun(const MaintenanceRun& run);

    /// MaintenanceRun::summary: dryRun, deleteUntagged, deleteReferrers, gracePeriodSeconds, blobCount,
    /// manifestCount, bytes, skipped (and error).
    QJsonObject figures() const;
    /// One sentence for people (a job's result): "Removed 3 blobs and 1 manifest, freeing 4.2 MiB."
    QString describe() const;
};

} // namespace berth
