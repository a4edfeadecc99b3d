#include "gc/GcJob.h"

#include "gc/GarbageCollector.h"
#include "gc/GcRunSummary.h"
#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"

#include <QCoreApplication>

namespace berth {

void GcJob::Outcome::set(Result<GcResult> result)
{
    std::lock_guard lock(m_mutex);
    m_result = std::move(result);
}

std::optional<Result<GcResult>> GcJob::Outcome::get() const
{
    std::lock_guard lock(m_mutex);
    return m_result;
}

JobTask GcJob::make(std::shared_ptr<GarbageCollector> gc, const GcOptions& options, const QString& trigger,
                    std::shared_ptr<Outcome> outcome)
{
    return [gc, options, trigger, outcome](JobContext& context) -> Result<QString> {
        Result<GcResult> result = gc->run(options, &context, trigger);
        if (outcome)
            outcome->set(result);
        if (!result)
            return result.error();
        const GcRunSummary summary = GcRunSummary::of(result.value(), trigger);
        if (result.value().cancelled)
            return Error(ErrorCode::Cancelled, summary.describe());
        return summary.describe();
    };
}

QString GcJob::title(const GcOptions& options, const QString& trigger)
{
    if (options.dryRun)
        return QCoreApplication::translate("GarbageCollector", "Garbage collection (dry run)");
    if (trigger == MaintenanceLog::Scheduled)
        return QCoreApplication::translate("GarbageCollector", "Scheduled garbage collection");
    return QCoreApplication::translate("GarbageCollector", "Garbage collection");
}

} // namespace berth
