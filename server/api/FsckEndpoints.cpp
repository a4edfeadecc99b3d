#include "api/FsckEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiErrors.h"
#include "api/ApiSchema.h"
#include "api/JobJson.h"
#include "integrity/FsckChecker.h"
#include "integrity/FsckReportJson.h"
#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"

#include <memory>

namespace berth {

namespace {

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

ApiReply lastRun(ApiCall& call)
{
    auto last = call.services().maintenance->last(MaintenanceLog::Fsck);
    if (!last)
        return ApiReply::error(last.error());
    if (!last.value())
        return ApiReply::ok(QJsonObject{{QStringLiteral("lastRun"), QJsonValue()}});
    const MaintenanceRun& run = *last.value();
    return ApiReply::ok(QJsonObject{
        {QStringLiteral("lastRun"), QJsonObject{{QStringLiteral("id"), run.id},
                                                {QStringLiteral("trigger"), run.trigger},
                                                {QStringLiteral("startedAt"), timeOrNull(run.startedAt)},
                                                {QStringLiteral("finishedAt"), timeOrNull(run.finishedAt)},
                                                {QStringLiteral("outcome"), run.outcome},
                                                {QStringLiteral("report"), run.summary}}}});
}

QString summaryText(const FsckReport& report)
{
    const int problems = report.problemsRemaining();
    const int repaired = report.repairedCount();
    if (problems == 0 && repaired == 0)
        return QStringLiteral("fsck found no problems (%1 manifests checked).").arg(report.manifestsChecked);
    return QStringLiteral("fsck: %1 problem(s) remain, %2 repaired (%3 manifests checked).")
        .arg(problems)
        .arg(repaired)
        .arg(report.manifestsChecked);
}

ApiReply start(ApiCall& call, const std::shared_ptr<FsckChecker>& checker)
{
    const QJsonObject& body = call.body();
    FsckOptions options;
    options.gracePeriodSeconds = call.services().gcGracePeriodSeconds;
    for (const QString& flag : {QStringLiteral("repair"), QStringLiteral("removeUnreferenced")}) {
        if (body.contains(flag) && !body.value(flag).isBool())
            return ApiReply::invalidArgument(QStringLiteral("\"%1\" must be true or false.").arg(flag));
    }
    options.repair = body.value(QStringLiteral("repair")).toBool(false);
    options.removeUnreferenced = body.value(QStringLiteral("removeUnreferenced")).toBool(false);
    if (options.removeUnreferenced && !options.repair)
        return ApiReply::invalidArgument(
            QStringLiteral("\"removeUnreferenced\" only applies with \"repair\": set both."));
    JobRunner& jobs = *call.services().jobs;
    const quint64 id = jobs.submit(JobKind::Check,
                                   options.repair ? QStringLiteral("Consistency check (fsck) with repair")
                                                  : QStringLiteral("Consistency check (fsck)"),
                                   [checker, options](JobContext& context) -> Result<QString> {
                                       auto report = checker->run(options, &context);
                                       if (!report)
                                           return report.error();
                                       return summaryText(report.value());
                                   });
    const std::optional<JobSnapshot> job = jobs.job(id);
    if (!job)
        return ApiReply::error(500, ApiErrors::Internal, QStringLiteral("The fsck job vanished; try again."));
    return JobJson::accepted(*job);
}

} // namespace

void FsckEndpoints::add(ApiTable& table, RegistryService& registry)
{
    using S = ApiSchema;
    JobJson::addSchemas(table);
    auto checker = std::make_shared<FsckChecker>(registry);
    const QString tag = QStringLiteral("fsck");
    const QString path = QStringLiteral("/api/v1/fsck");

    QJsonObject counts;
    for (FsckFindingKind kind : FsckReportJson::allKinds())
        counts.insert(FsckReportJson::kindName(kind), S::integer());
    QStringList kindNames;
    for (FsckFindingKind kind : FsckReportJson::allKinds())
        kindNames << FsckReportJson::kindName(kind);
    const QJsonObject finding = S::object({{QStringLiteral("kind"), S::stringEnum(kindNames)},
                                           {QStringLiteral("object"), S::string()},
                                           {QStringLiteral("detail"), S::string()},
                                           {QStringLiteral("problem"), S::boolean()},
                                           {QStringLiteral("repairable"), S::boolean()},
                                           {QStringLiteral("repaired"), S::boolean()}},
                                          {QStringLiteral("kind"), QStringLiteral("object")});
    table.schemas.insert(
        QStringLiteral("FsckReport"),
        S::object(
            {{QStringLiteral("startedAt"), S::dateTime()},
             {QStringLiteral("finishedAt"), S::dateTime()},
             {QStringLiteral("repair"), S::boolean()},
             {QStringLiteral("removeUnreferenced"), S::boolean()},
             {QStringLiteral("gracePeriodSeconds"), S::integer()},
             {QStringLiteral("manifestsChecked"), S::integer()},
             {QStringLiteral("blobsChecked"), S::integer()},
             {QStringLiteral("uploadsChecked"), S::integer()},
             {QStringLiteral("reclaimableBytes"), S::integer()},
             {QStringLiteral("problems"), S::integer(QStringLiteral("Problems not repaired."))},
             {QStringLiteral("repaired"), S::integer()},
             {QStringLiteral("counts"), S::object(counts, {}, QStringLiteral("Findings per kind."))},
             {QStringLiteral("findings"), S::arrayOf(finding, QStringLiteral("The first 1000 findings."))},
             {QStringLiteral("truncated"), S::boolean()},
             {QStringLiteral("error"), S::string(QStringLiteral("Why the run failed, when it did."))}},
            {QStringLiteral("problems"), QStringLiteral("counts"), QStringLiteral("findings")}));

    ApiOperation get =
        ApiOperation::make("GET", path, QStringLiteral("getFsck"), tag,
                           QStringLiteral("The report of the last fsck run (null when none ran yet)."),
                           ApiAccess::administrator(), lastRun);
    QJsonObject run = S::object(
        {{QStringLiteral("id"), S::integer()},
         {QStringLiteral("trigger"), S::string()},
         {QStringLiteral("startedAt"), S::dateTime()},
         {QStringLiteral("finishedAt"), S::dateTime()},
         {QStringLiteral("outcome"),
          S::stringEnum({MaintenanceLog::Succeeded, MaintenanceLog::Failed, MaintenanceLog::Cancelled})},
         {QStringLiteral("report"), S::ref(QStringLiteral("FsckReport"))}},
        {QStringLiteral("outcome"), QStringLiteral("report")});
    run.insert(QStringLiteral("nullable"), true);
    get.responseSchema = S::object({{QStringLiteral("lastRun"), run}}, {QStringLiteral("lastRun")});
    table.operations.append(get);

    ApiOperation post = ApiOperation::make(
        "POST", path, QStringLiteral("runFsck"), tag,
        QStringLiteral(
            "Checks the metadata against the blob store both ways (missing blobs and manifests, "
            "corrupt manifests, dangling rows, upload leftovers, unreferenced blobs) as a job while "
            "the registry keeps serving. With repair, repairs what can be repaired; with "
            "removeUnreferenced too, removes unreferenced blobs older than the garbage collection "
            "grace period. GET /api/v1/fsck gives the report once the job has finished."),
        ApiAccess::administrator(), [checker](ApiCall& call) { return start(call, checker); });
    post.requestSchema =
        S::object({{QStringLiteral("repair"), S::boolean(QStringLiteral("Default false."))},
                   {QStringLiteral("removeUnreferenced"), S::boolean(QStringLiteral("Default false."))}});
    post.status = 202;
    post.responseSchema = S::ref(QStringLiteral("JobAccepted"));
    table.operations.append(post);
}

} // namespace berth
