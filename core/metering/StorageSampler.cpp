#include "metering/StorageSampler.h"

#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"
#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"
#include "metering/StorageUsage.h"
#include "metering/UsageMeter.h"
#include "registry/RegistryService.h"

#include <QJsonObject>

namespace berth {

Result<int> StorageSampler::sample()
{
    int sampled = 0;
    auto done = m_metadata.transaction([&]() -> Result<void> {
        const QDateTime now = m_clock.now();
        const QString day = UsageMeter::dayOf(now);
        auto repositories = StorageUsage(m_metadata).repositories();
        if (!repositories)
            return repositories.error();
        for (const RepositoryStorage& r : repositories.value()) {
            auto q = m_metadata.exec(
                QStringLiteral("INSERT INTO storage_samples (day, repository, compartment_id, stored_bytes,"
                               " unique_bytes, sampled_at) VALUES (?, ?, ?, ?, ?, ?)"
                               " ON CONFLICT (day, repository) DO UPDATE SET"
                               " compartment_id = excluded.compartment_id,"
                               " stored_bytes = excluded.stored_bytes, unique_bytes = excluded.unique_bytes,"
                               " sampled_at = excluded.sampled_at"),
                {day, r.repository, r.compartmentId, r.storedBytes, r.uniqueBytes,
                 StoredTime::toColumn(now)});
            if (!q)
                return q.error();
            ++sampled;
        }
        return {};
    });
    if (!done)
        return done.error();
    return sampled;
}

JobTask StorageSampler::task(RegistryService& registry, const QString& trigger)
{
    return [&registry, trigger](JobContext& context) -> Result<QString> {
        context.setStatus(QStringLiteral("Sampling stored bytes per repository"));
        MaintenanceRun run;
        run.kind = Kind;
        run.trigger = trigger;
        run.startedAt = registry.clock().now().toUTC();
        auto sampled = StorageSampler(registry.metadata(), registry.clock()).sample();
        run.finishedAt = registry.clock().now().toUTC();
        if (sampled) {
            run.outcome = MaintenanceLog::Succeeded;
            run.summary.insert(QStringLiteral("repositories"), sampled.value());
        } else {
            run.outcome = MaintenanceLog::Failed;
            run.summary.insert(QStringLiteral("error"), sampled.error().message);
        }
        auto recorded = MaintenanceLog(registry.metadata()).record(run);
        if (!recorded)
            qWarning("berth: could not record the storage sample run: %s",
                     qPrintable(recorded.error().message));
        if (!sampled)
            return sampled.error();
        return QStringLiteral("Sampled the stored bytes of %1 repositories").arg(sampled.value());
    };
}

} // namespace berth
