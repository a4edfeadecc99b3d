#include "api/BackupEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiErrors.h"
#include "api/ApiSchema.h"
#include "api/JobJson.h"
#include "backup/BackupWriter.h"
#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"

#include <QFileInfo>
#include <QJsonArray>

namespace berth {

namespace {

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject runJson(const MaintenanceRun& run)
{
    return QJsonObject{{QStringLiteral("id"), run.id},
                       {QStringLiteral("trigger"), run.trigger},
                       {QStringLiteral("startedAt"), timeOrNull(run.startedAt)},
                       {QStringLiteral("finishedAt"), timeOrNull(run.finishedAt)},
                       {QStringLiteral("outcome"), run.outcome},
                       {QStringLiteral("summary"), run.summary}};
}

ApiReply history(ApiCall& call)
{
    auto runs = call.services().maintenance->history(MaintenanceLog::Backup, MaintenanceLog::keepPerKind);
    if (!runs)
        return ApiReply::error(runs.error());
    QJsonArray items;
    for (const MaintenanceRun& run : runs.value())
        items.append(runJson(run));
    return ApiReply::ok(QJsonObject{{QStringLiteral("items"), items}});
}

ApiReply start(ApiCall& call)
{
    const QJsonValue destinationValue = call.body().value(QStringLiteral("destination"));
    if (!destinationValue.isString() || destinationValue.toString().isEmpty())
        return ApiReply::invalidArgument(
            QStringLiteral("\"destination\" must name a folder on the server, as an absolute path."));
    const QString destination = destinationValue.toString();
    const ApiServices& services = call.services();
    RegistryService& registry = *services.registry;
    const QString dataDirectory = QFileInfo(registry.metadata().path()).absolutePath();
    auto writer = std::make_shared<BackupWriter>(
        BackupWriter::sourceOf(registry, dataDirectory, services.audit, services.maintenance));
    auto checked = writer->checkDestination(destination);
    if (!checked)
        return ApiReply::invalidArgument(checked.error().message);
    const quint64 id = services.jobs->submit(JobKind::Backup, QStringLiteral("Backup to %1").arg(destination),
                                             [writer, destination](JobContext& context) -> Result<QString> {
                                                 auto result = writer->write(destination, context);
                                                 if (!result)
                                                     return result.error();
                                                 return result->summaryText();
                                             });
    const std::optional<JobSnapshot> job = services.jobs->job(id);
    if (!job)
        return ApiReply::error(500, ApiErrors::Internal,
                               QStringLiteral("The backup job vanished; try again."));
    return JobJson::accepted(*job);
}

} // namespace

void BackupEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    JobJson::addSchemas(table);
    const QString tag = QStringLiteral("backups");
    const QString path = QStringLiteral("/api/v1/backups");
    table.schemas.insert(
        QStringLiteral("BackupRun"),
        S::object(
            {{QStringLiteral("id"), S::integer()},
             {QStringLiteral("trigger"), S::stringEnum({MaintenanceLog::Manual, MaintenanceLog::Scheduled})},
             {QStringLiteral("startedAt"), S::dateTime()},
             {QStringLiteral("finishedAt"), S::dateTime()},
             {QStringLiteral("outcome"),
              S::stringEnum({MaintenanceLog::Succeeded, MaintenanceLog::Failed, MaintenanceLog::Cancelled})},
             {QStringLiteral("summary"),
              S::object({}, {},
                        QStringLiteral("destination, createdAt, repositories, manifests, tags, blobs, "
                                       "bytes, blobsCopied, bytesCopied, blobsReused, bytesReused, "
                                       "blobsPruned; or error when it failed."))}},
            {QStringLiteral("id"), QStringLiteral("outcome"), QStringLiteral("summary")}));

    ApiOperation list = ApiOperation::make(
        "GET", path, QStringLiteral("listBackups"), tag,
        QStringLiteral("The backups taken (succeeded, failed or cancelled), newest first, with what each "
                       "copied."),
        ApiAccess::administrator(), history);
    list.responseSchema =
        S::object({{QStringLiteral("items"), S::arrayOf(S::ref(QStringLiteral("BackupRun")))}},
                  {QStringLiteral("items")});
    table.operations.append(list);

    ApiOperation post = ApiOperation::make(
        "POST", path, QStringLiteral("startBackup"), tag,
        QStringLiteral("Starts an online, consistent backup of the metadata, audit log, keys and every "
                       "referenced blob into a folder on the server (absolute, outside the data directory), "
                       "as a job. Blobs already in that folder from an earlier backup are not copied again. "
                       "The backup is complete once the folder holds backup.json; restore it with "
                       "berthd restore."),
        ApiAccess::administrator(), start);
    post.requestSchema = S::object({{QStringLiteral("destination"),
                                     S::string(QStringLiteral("An absolute folder path on the server."))}},
                                   {QStringLiteral("destination")});
    post.status = 202;
    post.responseSchema = S::ref(QStringLiteral("JobAccepted"));
    table.operations.append(post);
}

} // namespace berth
