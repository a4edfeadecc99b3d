#pragma once

#include "retention/RetentionPlan.h"
#include "retention/RetentionPolicyStore.h"

#include <QJsonObject>
#include <mutex>

namespace berth {

class JobContext;
class MaintenanceLog;
class RegistryService;

/// What one retention run did: the plan it carried out and what applying it did.
struct RetentionRunResult
{
    QString trigger; ///< MaintenanceLog::Manual or Scheduled
    QDateTime startedAt;
    QDateTime finishedAt;
    RetentionPlan plan;
    RetentionApplyResult applied; ///< summed over the repositories

    /// The figures the maintenance history keeps (kind "retention").
    QJsonObject summary() const;
    /// One sentence for people (the job's result).
    QString describe() const;
};

/// Plans and runs retention over the registry: loads each repository with a few queries, plans it in
/// memory (RetentionPlanner) and applies through RegistryService::applyRetention, which re-checks every
/// step against concurrent pushes. Runs are recorded in the MaintenanceLog (kind "retention"). One run at
/// a time applies (a second waits). Thread-safe.
class RetentionRunner
{
public:
    static inline const QString LogKind = QStringLiteral("retention");

    RetentionRunner(RegistryService& registry, MaintenanceLog* log = nullptr);

    RetentionPolicyStore& policies() { return m_policies; }

    /// The plan of one policy over every repository it covers. Its delete rules run; the keep rules of
    /// every enabled policy that applies to a repository protect too (keep always wins).
    Result<RetentionPlan> planPolicy(const QString& name, JobContext* context = nullptr);
    /// The plan of one repository under every enabled policy that applies to it.
    Result<RetentionPlan> planRepository(const QString& repository);
    /// The plan of every repository that an enabled policy covers (what the schedule runs).
    Result<RetentionPlan> planAll(JobContext* context = nullptr);

    /// Plans (one policy, or all when `policy` is empty) and applies; records the run in the log.
    /// Error(Cancelled) is not returned: a cancelled run says so in result.applied.cancelled.
    Result<RetentionRunResult> run(const QString& policy, const QString& trigger,
                                   JobContext* context = nullptr);

private:
    Result<RepositoryRetentionPlan> planOne(const QString& repository, const QList<RetentionPolicy>& deleting,
                                            bool alsoKeepWith);
    void record(const RetentionRunResult& result, const QString& outcome, const QString& error);

    RegistryService& m_registry;
    MaintenanceLog* m_log = nullptr;
    RetentionPolicyStore m_policies;
    std::mutex m_runMutex;
};

} // namespace berth
