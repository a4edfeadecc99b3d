#include "gc/GcRunSummary.h"

#include "maintenance/MaintenanceLog.h"

#include <QCoreApplication>
#include <QLocale>

namespace berth {

GcRunSummary GcRunSummary::of(const GcResult& result, const QString& trigger)
{
    GcRunSummary s;
    s.options = result.options;
    s.trigger = trigger;
    s.outcome = result.cancelled ? MaintenanceLog::Cancelled : MaintenanceLog::Succeeded;
    s.startedAt = result.startedAt;
    s.finishedAt = result.finishedAt;
    s.blobCount = int(result.blobs.size());
    s.manifestCount = int(result.manifests.size());
    s.bytes = result.bytes;
    s.skipped = result.skipped;
    return s;
}

QJsonObject GcRunSummary::figures() const
{
    QJsonObject json{{QStringLiteral("dryRun"), options.dryRun},
                     {QStringLiteral("deleteUntagged"), options.deleteUntagged},
                     {QStringLiteral("deleteReferrers"), options.deleteReferrers},
                     {QStringLiteral("gracePeriodSeconds"), options.gracePeriodSeconds},
                     {QStringLiteral("blobCount"), blobCount},
                     {QStringLiteral("manifestCount"), manifestCount},
                     {QStringLiteral("bytes"), bytes},
                     {QStringLiteral("skipped"), skipped}};
    if (!error.isEmpty())
        json.insert(QStringLiteral("error"), error);
    return json;
}

MaintenanceRun GcRunSummary::toRun() const
{
    MaintenanceRun run;
    run.kind = MaintenanceLog::Gc;
    run.trigger = trigger;
    run.startedAt = startedAt;
    run.finishedAt = finishedAt;
    run.outcome = outcome;
    run.summary = figures();
    return run;
}

QString GcRunSummary::describe() const
{
    const QString bytesText = QLocale().formattedDataSize(bytes);
    const QString blobs = QCoreApplication::translate("GarbageCollector", "%n blob(s)", nullptr, blobCount);
    const QString manifests =
        QCoreApplication::translate("GarbageCollector", "%n manifest(s)", nullptr, manifestCount);
    if (options.dryRun)
        return QCoreApplication::translate("GarbageCollector", "A run would remove %1 and %2, freeing %3.")
            .arg(blobs, manifests, bytesText);
    if (outcome == MaintenanceLog::Cancelled)
        return QCoreApplication::translate("GarbageCollector",
                                           "Cancelled after removing %1 and %2, freeing %3.")
            .arg(blobs, manifests, bytesText);
    return QCoreApplication::translate("GarbageCollector", "Removed %1 and %2, freeing %3.")
        .arg(blobs, manifests, bytesText);
}

GcRunSummary GcRunSummary::fromRun(const MaintenanceRun& run)
{
    GcRunSummary s;
    const QJsonObject& f = run.summary;
    s.options.dryRun = f.value(QStringLiteral("dryRun")).toBool();
    s.options.deleteUntagged = f.value(QStringLiteral("deleteUntagged")).toBool();
    s.options.deleteReferrers = f.value(QStringLiteral("deleteReferrers")).toBool();
    s.options.gracePeriodSeconds =
        f.value(QStringLiteral("gracePeriodSeconds")).toInteger(GcOptions().gracePeriodSeconds);
    s.trigger = run.trigger;
    s.outcome = run.outcome;
    s.startedAt = run.startedAt;
    s.finishedAt = run.finishedAt;
    s.blobCount = int(f.value(QStringLiteral("blobCount")).toInteger());
    s.manifestCount = int(f.value(QStringLiteral("manifestCount")).toInteger());
    s.bytes = f.value(QStringLiteral("bytes")).toInteger();
    s.skipped = int(f.value(QStringLiteral("skipped")).toInteger());
    s.error = f.value(QStringLiteral("error")).toString();
    return s;
}

} // namespace berth
