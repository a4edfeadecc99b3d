#include "retention/RetentionJob.h"

#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"

#include <QCoreApplication>

namespace berth {

void RetentionJob::Outcome::set(Result<RetentionRunResult> result)
{
    std::lock_guard lock(m_mutex);
    m_result = std::move(result);
}

std::optional<Result<RetentionRunResult>> RetentionJob::Outcome::get() const
{
    std::lock_guard lock(m_mutex);
    return m_result;
}

JobTask RetentionJob::make(std::shared_ptr<RetentionRunner> runner, const QString& policy,
                           const QString& trigger, std::shared_ptr<Outcome> outcome)
{
    return [runner, policy, trigger, outcome](JobContext& context) -> Result<QString> {
        Result<RetentionRunResult> result = runner->run(policy, trigger, &context);
        if (outcome)
            outcome->set(result);
        if (!result)
            return result.error();
        if (result->applied.cancelled)
            return Error(ErrorCode::Cancelled, result->describe());
        return result->describe();
    };
}

QString RetentionJob::title(const QString& policy, const QString& trigger)
{
    if (!policy.isEmpty())
        return QCoreApplication::translate("RetentionJob", "Retention policy %1").arg(policy);
    if (trigger == MaintenanceLog::Scheduled)
        return QCoreApplication::translate("RetentionJob", "Scheduled retention");
    return QCoreApplication::translate("RetentionJob", "Retention");
}

} // namespace berth
