#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace berth {

class MetadataStore;

/// One finished maintenance run (garbage collection, scrub, fsck, backup) as the history keeps it.
struct MaintenanceRun
{
    qint64 id = 0;        ///< 0 until recorded
    QString kind;         ///< MaintenanceLog::Gc, Scrub, Fsck or Backup
    QString trigger;      ///< "manual" or "schedule"
    QDateTime startedAt;  ///< UTC
    QDateTime finishedAt; ///< UTC
    QString outcome;      ///< "succeeded", "failed" or "cancelled"
    QJsonObject summary;  ///< the kind's own figures (bytes freed, copies repaired, ...), or {"error": "..."}
};

/// The history of maintenance runs, kept in the metadata database (table maintenance_runs), so that
/// "last run" survives a restart and schedules know when each kind last ran. Thread-safe (writes go
/// through MetadataStore::transaction()).
class MaintenanceLog
{
public:
    static inline const QString Gc = QStringLiteral("gc");
    static inline const QString Scrub = QStringLiteral("scrub");
    static inline const QString Fsck = QStringLiteral("fsck");
    static inline const QString Backup = QStringLiteral("backup");

    static inline const QString Manual = QStringLiteral("manual");
    static inline const QString Scheduled = QStringLiteral("schedule");

    static inline const QString Succeeded = QStringLiteral("succeeded");
    static inline const QString Failed = QStringLiteral("failed");
    static inline const QString Cancelled = QStringLiteral("cancelled");

    explicit MaintenanceLog(MetadataStore& metadata);

    /// Appends a run; returns its id. Runs older than the newest `keepPerKind` of their kind are dropped.
    Result<qint64> record(const MaintenanceRun& run);
    /// The newest run of the kind (by start time), if any.
    Result<std::optional<MaintenanceRun>> last(const QString& kind) const;
    /// The newest runs of the kind, newest first, at most `limit`; an empty kind means every kind.
    Result<QList<MaintenanceRun>> history(const QString& kind, int limit = 50) const;

    static constexpr int keepPerKind = 200;

private:
    MetadataStore& m_metadata;
};

} // namespace berth
