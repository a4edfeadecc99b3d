#include "api/ScrubEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiErrors.h"
#include "api/ApiSchema.h"
#include "api/JobJson.h"
#include "integrity/Scrubber.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "maintenance/MaintenanceScheduler.h"
#include "registry/RegistryService.h"
#include "storage/ReplicatedBlobStore.h"

#include <QJsonArray>

namespace berth {

namespace {

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject scheduleJson(const ApiServices& services)
{
    QJsonObject json{{QStringLiteral("intervalSeconds"), 0},
                     {QStringLiteral("nextRunAt"), QJsonValue()},
                     {QStringLiteral("activeJob"), QJsonValue()}};
    if (!services.scheduler)
        return json;
    for (const MaintenanceScheduler::Entry& entry : services.scheduler->schedule()) {
        if (entry.kind != MaintenanceLog::Scrub)
            continue;
        json.insert(QStringLiteral("intervalSeconds"), entry.intervalSeconds);
        json.insert(QStringLiteral("nextRunAt"), timeOrNull(entry.nextRunAt));
        json.insert(QStringLiteral("activeJob"),
                    entry.activeJob ? QJsonValue(qint64(entry.activeJob)) : QJsonValue());
    }
    return json;
}

QJsonObject storageJson(ReplicatedBlobStore& store)
{
    QJsonArray domains;
    for (int i = 0; i < store.domainCount(); ++i)
        domains.append(store.domainDirectory(i));
    const ReplicatedBlobStore::Counters c = store.counters();
    return QJsonObject{
        {QStringLiteral("domains"), domains},
        {QStringLiteral("writeQuorum"), store.writeQuorum()},
        {QStringLiteral("counters"), QJsonObject{{QStringLiteral("missingCopiesFound"), c.missingCopiesFound},
                                                 {QStringLiteral("corruptCopiesFound"), c.corruptCopiesFound},
                                                 {QStringLiteral("copiesRepaired"), c.copiesRepaired},
                                                 {QStringLiteral("degradedWrites"), c.degradedWrites}}}};
}

ApiReply status(ApiCall& call)
{
    const ApiServices& services = call.services();
    QJsonValue last;
    if (services.maintenance) {
        auto run = services.maintenance->last(MaintenanceLog::Scrub);
        if (!run)
            return ApiReply::error(run.error());
        if (run.value()) {
            last = QJsonObject{{QStringLiteral("id"), run.value()->id},
                               {QStringLiteral("trigger"), run.value()->trigger},
                               {QStringLiteral("startedAt"), timeOrNull(run.value()->startedAt)},
                               {QStringLiteral("finishedAt"), timeOrNull(run.value()->finishedAt)},
                               {QStringLiteral("outcome"), run.value()->outcome},
                               {QStringLiteral("report"), run.value()->summary}};
        }
    }
    return ApiReply::ok(
        QJsonObject{{QStringLiteral("lastRun"), last},
                    {QStringLiteral("schedule"), scheduleJson(services)},
                    {QStringLiteral("storage"), storageJson(services.registry->replicatedStore())}});
}

ApiReply start(ApiCall& call)
{
    const ApiServices& services = call.services();
    if (!call.body().isEmpty())
        return ApiReply::invalidArgument(
            QStringLiteral("A scrub takes no settings: send an empty body or {}."));
    JobRunner& jobs = *services.jobs;
    quint64 id = 0;
    if (services.scheduler)
        id = services.scheduler->runNow(MaintenanceLog::Scrub); // 0 when no scrub task is scheduled there
    if (id == 0)
        id = jobs.submit(JobKind::Scrub, QStringLiteral("Scrub"),
                         Scrubber::task(*services.registry, MaintenanceLog::Manual));
    const std::optional<JobSnapshot> job = jobs.job(id);
    if (!job)
        return ApiReply::error(500, ApiErrors::Internal,
                               QStringLiteral("The scrub job vanished; try again."));
    return JobJson::accepted(*job);
}

} // namespace

void ScrubEndpoints::add(ApiTable& table, const ApiServices& services)
{
    Q_UNUSED(services)
    using S = ApiSchema;
    JobJson::addSchemas(table);
    const QString tag = QStringLiteral("scrub");
    const QString path = QStringLiteral("/api/v1/scrub");

    const QJsonObject copy = S::object(
        {{QStringLiteral("digest"), S::string()},
         {QStringLiteral("domain"), S::string(QStringLiteral("The domain's directory."))},
         {QStringLiteral("problem"), S::stringEnum({QStringLiteral("missing"), QStringLiteral("corrupt"),
                                                    QStringLiteral("unreadable")})},
         {QStringLiteral("error"), S::string(QStringLiteral("Why the repair failed."))}},
        {QStringLiteral("digest"), QStringLiteral("domain"), QStringLiteral("problem")});
    const QJsonObject lost =
        S::object({{QStringLiteral("digest"), S::string()},
                   {QStringLiteral("repositories"),
                    S::arrayOf(S::string(), QStringLiteral("Repositories that hold or use it."))},
                   {QStringLiteral("manifests"),
                    S::arrayOf(S::string(), QStringLiteral("repository@digest of manifests that "
                                                           "are or reference it."))}},
                  {QStringLiteral("digest"), QStringLiteral("repositories"), QStringLiteral("manifests")});
    table.schemas.insert(
        QStringLiteral("ScrubReport"),
        S::object(
            {{QStringLiteral("domains"), S::arrayOf(S::string())},
             {QStringLiteral("blobsChecked"), S::integer()},
             {QStringLiteral("copiesChecked"), S::integer(QStringLiteral("Copies present and re-hashed."))},
             {QStringLiteral("bytesHashed"), S::integer()},
             {QStringLiteral("repairedCount"), S::integer()},
             {QStringLiteral("repaired"),
              S::arrayOf(copy, QStringLiteral("The first 1000 copies repaired."))},
             {QStringLiteral("notRepairedCount"), S::integer()},
             {QStringLiteral("notRepaired"),
              S::arrayOf(copy,
                         QStringLiteral("Copies with a good copy elsewhere that could not be written."))},
             {QStringLiteral("unrepairableCount"), S::integer()},
             {QStringLiteral("unrepairable"),
              S::arrayOf(lost, QStringLiteral("Blobs with no good copy in any domain (the first 1000)."))},
             {QStringLiteral("cancelled"), S::boolean()},
             {QStringLiteral("error"), S::string(QStringLiteral("Why the run failed, when it did."))}},
            {QStringLiteral("blobsChecked"), QStringLiteral("copiesChecked"), QStringLiteral("repairedCount"),
             QStringLiteral("unrepairableCount")}));

    ApiOperation get = ApiOperation::make(
        "GET", path, QStringLiteral("getScrub"), tag,
        QStringLiteral(
            "The last scrub (null when none ran yet), the schedule, and the blob store's fault "
            "domains, write quorum and what reads and writes have had to work around since start."),
        ApiAccess::administrator(), status);
    QJsonObject lastRun = S::object(
        {{QStringLiteral("id"), S::integer()},
         {QStringLiteral("trigger"), S::stringEnum({MaintenanceLog::Manual, MaintenanceLog::Scheduled})},
         {QStringLiteral("startedAt"), S::dateTime()},
         {QStringLiteral("finishedAt"), S::dateTime()},
         {QStringLiteral("outcome"),
          S::stringEnum({MaintenanceLog::Succeeded, MaintenanceLog::Failed, MaintenanceLog::Cancelled})},
         {QStringLiteral("report"), S::ref(QStringLiteral("ScrubReport"))}},
        {QStringLiteral("outcome"), QStringLiteral("report")});
    lastRun.insert(QStringLiteral("nullable"), true);
    get.responseSchema = S::object(
        {{QStringLiteral("lastRun"), lastRun},
         {QStringLiteral("schedule"),
          S::object({{QStringLiteral("intervalSeconds"), S::integer(QStringLiteral("0: not scheduled."))},
                     {QStringLiteral("nextRunAt"), S::nullableDateTime()},
                     {QStringLiteral("activeJob"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                  {QStringLiteral("nullable"), true},
                                  {QStringLiteral("description"),
                                   QStringLiteral("The scrub job queued or running now.")}}}},
                    {QStringLiteral("intervalSeconds"), QStringLiteral("nextRunAt")})},
         {QStringLiteral("storage"),
          S::object(
              {{QStringLiteral("domains"),
                S::arrayOf(S::string(), QStringLiteral("The fault domains' directories."))},
               {QStringLiteral("writeQuorum"), S::integer(QStringLiteral("Copies a write needs before it is "
                                                                         "acknowledged."))},
               {QStringLiteral("counters"),
                S::object(
                    {{QStringLiteral("missingCopiesFound"), S::integer()},
                     {QStringLiteral("corruptCopiesFound"), S::integer()},
                     {QStringLiteral("copiesRepaired"), S::integer()},
                     {QStringLiteral("degradedWrites"),
                      S::integer(QStringLiteral("Writes acknowledged with fewer copies than domains."))}},
                    {}, QStringLiteral("Since the server started."))}},
              {QStringLiteral("domains"), QStringLiteral("writeQuorum"), QStringLiteral("counters")})}},
        {QStringLiteral("lastRun"), QStringLiteral("schedule"), QStringLiteral("storage")});
    table.operations.append(get);

    ApiOperation post = ApiOperation::make(
        "POST", path, QStringLiteral("runScrub"), tag,
        QStringLiteral(
            "Starts a scrub as a job: every copy of every blob in every fault domain is re-hashed and "
            "bad copies are repaired from good ones. Answers 202 with the job (Location: "
            "/api/v1/jobs/{id}); a scrub already queued or running is returned instead of a second one. "
            "The report is in GET /api/v1/scrub once the job has finished."),
        ApiAccess::administrator(), start);
    post.requestSchema = S::object({});
    post.status = 202;
    post.responseSchema = S::ref(QStringLiteral("JobAccepted"));
    table.operations.append(post);
}

} // namespace berth
