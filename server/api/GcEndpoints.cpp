#include "api/GcEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiErrors.h"
#include "api/ApiSchema.h"
#include "api/JobJson.h"
#include "gc/GarbageCollector.h"
#include "gc/GcJob.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "maintenance/MaintenanceScheduler.h"

#include <QJsonArray>
#include <QThread>
#include <memory>

namespace berth {

namespace {

/// At most this many blobs and manifests are listed in an answer; the counts and bytes cover all.
constexpr int ListCap = 1000;

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject resultJson(const GcResult& r)
{
    QJsonArray blobs;
    for (qsizetype i = 0; i < r.blobs.size() && i < ListCap; ++i)
        blobs.append(QJsonObject{{QStringLiteral("digest"), r.blobs[i].digest.toString()},
                                 {QStringLiteral("size"), r.blobs[i].size}});
    QJsonArray manifests;
    for (qsizetype i = 0; i < r.manifests.size() && i < ListCap; ++i)
        manifests.append(QJsonObject{{QStringLiteral("repository"), r.manifests[i].repository},
                                     {QStringLiteral("digest"), r.manifests[i].digest.toString()},
                                     {QStringLiteral("size"), r.manifests[i].size}});
    return QJsonObject{
        {QStringLiteral("dryRun"), r.options.dryRun},
        {QStringLiteral("deleteUntagged"), r.options.deleteUntagged},
        {QStringLiteral("deleteReferrers"), r.options.deleteReferrers},
        {QStringLiteral("gracePeriodSeconds"), r.options.gracePeriodSeconds},
        {QStringLiteral("startedAt"), timeOrNull(r.startedAt)},
        {QStringLiteral("finishedAt"), timeOrNull(r.finishedAt)},
        {QStringLiteral("blobCount"), r.blobs.size()},
        {QStringLiteral("manifestCount"), r.manifests.size()},
        {QStringLiteral("bytes"), r.bytes},
        {QStringLiteral("skipped"), r.skipped},
        {QStringLiteral("blobs"), blobs},
        {QStringLiteral("manifests"), manifests},
        {QStringLiteral("truncated"), r.blobs.size() > ListCap || r.manifests.size() > ListCap},
        {QStringLiteral("cancelled"), r.cancelled}};
}

QJsonObject summaryJson(const GcRunSummary& s)
{
    QJsonObject json = s.figures();
    json.remove(QStringLiteral("error"));
    json.insert(QStringLiteral("trigger"), s.trigger);
    json.insert(QStringLiteral("outcome"), s.outcome);
    json.insert(QStringLiteral("startedAt"), timeOrNull(s.startedAt));
    json.insert(QStringLiteral("finishedAt"), timeOrNull(s.finishedAt));
    if (!s.error.isEmpty())
        json.insert(QStringLiteral("error"), s.error);
    return json;
}

QJsonObject scheduleJson(const ApiServices& services)
{
    QJsonObject json{{QStringLiteral("intervalSeconds"), 0},
                     {QStringLiteral("nextRunAt"), QJsonValue()},
                     {QStringLiteral("activeJob"), QJsonValue()}};
    if (!services.scheduler)
        return json;
    for (const MaintenanceScheduler::Entry& entry : services.scheduler->schedule()) {
        if (entry.kind != MaintenanceLog::Gc)
            continue;
        json.insert(QStringLiteral("intervalSeconds"), entry.intervalSeconds);
        json.insert(QStringLiteral("nextRunAt"), timeOrNull(entry.nextRunAt));
        json.insert(QStringLiteral("activeJob"),
                    entry.activeJob ? QJsonValue(qint64(entry.activeJob)) : QJsonValue());
    }
    return json;
}

ApiReply runs(ApiCall& call)
{
    int limit = 20;
    if (call.hasQuery(QStringLiteral("limit"))) {
        bool ok = false;
        limit = call.query(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > MaintenanceLog::keepPerKind)
            return ApiReply::invalidArgument(
                QStringLiteral("The query parameter \"limit\" must be a number from 1 to %1.")
                    .arg(MaintenanceLog::keepPerKind));
    }
    QJsonArray items;
    if (call.services().maintenance) {
        auto history = call.services().maintenance->history(MaintenanceLog::Gc, limit);
        if (!history)
            return ApiReply::error(history.error());
        for (const MaintenanceRun& run : history.value())
            items.append(summaryJson(GcRunSummary::fromRun(run)));
    }
    return ApiReply::ok(QJsonObject{{QStringLiteral("items"), items}});
}

ApiReply status(ApiCall& call, GarbageCollector& gc)
{
    const qint64 grace = call.services().gcGracePeriodSeconds;
    auto reclaimable = gc.reclaimableNow(grace);
    if (!reclaimable)
        return ApiReply::error(reclaimable.error());
    QJsonObject json{{QStringLiteral("reclaimableBytes"), reclaimable.value().bytes},
                     {QStringLiteral("reclaimableBlobs"), reclaimable.value().blobs},
                     {QStringLiteral("gracePeriodSeconds"), grace},
                     {QStringLiteral("computedAt"), timeOrNull(reclaimable.value().computedAt)}};
    const std::optional<GcRunSummary> last = gc.lastRun();
    json.insert(QStringLiteral("lastRun"), last ? QJsonValue(summaryJson(*last)) : QJsonValue());
    json.insert(QStringLiteral("schedule"), scheduleJson(call.services()));
    QJsonArray recent;
    if (call.services().maintenance) {
        auto history = call.services().maintenance->history(MaintenanceLog::Gc, 5);
        if (!history)
            return ApiReply::error(history.error());
        for (const MaintenanceRun& run : history.value())
            recent.append(summaryJson(GcRunSummary::fromRun(run)));
    }
    json.insert(QStringLiteral("recentRuns"), recent);
    return ApiReply::ok(json);
}

/// Runs the collection as a job and waits for it (the default), or answers 202 with the job.
ApiReply runAsJob(ApiCall& call, const std::shared_ptr<GarbageCollector>& gc, const GcOptions& options,
                  bool wait)
{
    JobRunner& jobs = *call.services().jobs;
    auto outcome = std::make_shared<GcJob::Outcome>();
    const quint64 id = jobs.submit(JobKind::GarbageCollection, GcJob::title(options, MaintenanceLog::Manual),
                                   GcJob::make(gc, options, MaintenanceLog::Manual, outcome));
    if (!wait) {
        const std::optional<JobSnapshot> job = jobs.job(id);
        if (!job)
            return ApiReply::error(500, ApiErrors::Internal, QStringLiteral("The job vanished; try again."));
        return JobJson::accepted(*job);
    }
    for (;;) {
        const std::optional<JobSnapshot> job = jobs.job(id);
        if (!job || job->isFinished())
            break;
        QThread::msleep(10);
    }
    const std::optional<Result<GcResult>> result = outcome->get();
    if (!result) // cancelled before it started
        return ApiReply::conflict(QStringLiteral("The garbage collection (job %1) was cancelled before it "
                                                 "started; nothing was removed.")
                                      .arg(id));
    if (!result->ok())
        return ApiReply::error(result->error());
    QJsonObject json = resultJson(result->value());
    json.insert(QStringLiteral("jobId"), qint64(id));
    return ApiReply::ok(json);
}

ApiReply run(ApiCall& call, const std::shared_ptr<GarbageCollector>& gc)
{
    const QJsonObject& body = call.body();
    GcOptions options;
    options.gracePeriodSeconds = call.services().gcGracePeriodSeconds;
    for (const QString& flag : {QStringLiteral("dryRun"), QStringLiteral("deleteUntagged"),
                                QStringLiteral("deleteReferrers"), QStringLiteral("wait")}) {
        if (body.contains(flag) && !body.value(flag).isBool())
            return ApiReply::invalidArgument(QStringLiteral("\"%1\" must be true or false.").arg(flag));
    }
    options.dryRun = body.value(QStringLiteral("dryRun")).toBool(false);
    options.deleteUntagged = body.value(QStringLiteral("deleteUntagged")).toBool(false);
    options.deleteReferrers = body.value(QStringLiteral("deleteReferrers")).toBool(false);
    if (body.contains(QStringLiteral("gracePeriodSeconds"))) {
        const QJsonValue grace = body.value(QStringLiteral("gracePeriodSeconds"));
        const double seconds = grace.toDouble(-1);
        if (!grace.isDouble() || seconds < 0 || seconds != double(qint64(seconds)))
            return ApiReply::invalidArgument(
                QStringLiteral("\"gracePeriodSeconds\" must be a whole number of seconds, 0 or more."));
        options.gracePeriodSeconds = qint64(seconds);
    }
    if (options.deleteReferrers && !options.deleteUntagged)
        return ApiReply::invalidArgument(
            QStringLiteral("\"deleteReferrers\" only applies with \"deleteUntagged\": set both."));
    const bool wait = body.value(QStringLiteral("wait")).toBool(true);
    if (call.services().jobs)
        return runAsJob(call, gc, options, wait);
    if (!wait)
        return ApiReply::invalidArgument(
            QStringLiteral("This server runs no jobs; leave out \"wait\" to run garbage collection now."));
    auto result = gc->run(options);
    if (!result)
        return ApiReply::error(result.error());
    return ApiReply::ok(resultJson(result.value()));
}

} // namespace

void GcEndpoints::add(ApiTable& table, const ApiServices& services)
{
    using S = ApiSchema;
    std::shared_ptr<GarbageCollector> gc = services.gc;
    if (!gc) {
        gc = std::make_shared<GarbageCollector>(*services.registry);
        gc->setMaintenanceLog(services.maintenance);
    }
    JobJson::addSchemas(table);
    const QString tag = QStringLiteral("gc");
    const QString path = QStringLiteral("/api/v1/gc");
    const QJsonObject listed = S::object({{QStringLiteral("digest"), S::string()},
                                          {QStringLiteral("size"), S::integer()},
                                          {QStringLiteral("repository"), S::string()}},
                                         {QStringLiteral("digest"), QStringLiteral("size")});
    QJsonObject summary{
        {QStringLiteral("dryRun"), S::boolean()},
        {QStringLiteral("deleteUntagged"), S::boolean()},
        {QStringLiteral("deleteReferrers"), S::boolean()},
        {QStringLiteral("gracePeriodSeconds"), S::integer()},
        {QStringLiteral("startedAt"), S::dateTime()},
        {QStringLiteral("finishedAt"), S::dateTime()},
        {QStringLiteral("blobCount"), S::integer(QStringLiteral("Blobs removed (or that would be)."))},
        {QStringLiteral("manifestCount"), S::integer(QStringLiteral("Untagged manifests deleted."))},
        {QStringLiteral("bytes"), S::integer(QStringLiteral("Bytes freed (or that would be)."))},
        {QStringLiteral("skipped"), S::integer(QStringLiteral("Referenced or touched again meanwhile."))}};
    const QStringList required{QStringLiteral("dryRun"), QStringLiteral("blobCount"),
                               QStringLiteral("manifestCount"), QStringLiteral("bytes")};
    QJsonObject full = summary;
    full.insert(QStringLiteral("cancelled"),
                S::boolean(QStringLiteral("The job was cancelled; the lists say what it did until then.")));
    full.insert(QStringLiteral("jobId"), S::integer(QStringLiteral("The job the run went through.")));
    full.insert(QStringLiteral("blobs"), S::arrayOf(listed));
    full.insert(QStringLiteral("manifests"), S::arrayOf(listed));
    full.insert(QStringLiteral("truncated"),
                S::boolean(QStringLiteral("The lists stop at 1000 entries; the counts do not.")));
    table.schemas.insert(QStringLiteral("GcResult"), S::object(full, required));

    QJsonObject runSummary = summary;
    runSummary.insert(QStringLiteral("trigger"),
                      S::stringEnum({MaintenanceLog::Manual, MaintenanceLog::Scheduled}));
    runSummary.insert(
        QStringLiteral("outcome"),
        S::stringEnum({MaintenanceLog::Succeeded, MaintenanceLog::Failed, MaintenanceLog::Cancelled}));
    runSummary.insert(QStringLiteral("error"), S::string(QStringLiteral("Why it failed.")));
    const QStringList runRequired{QStringLiteral("trigger"),   QStringLiteral("outcome"),
                                  QStringLiteral("startedAt"), QStringLiteral("finishedAt"),
                                  QStringLiteral("blobCount"), QStringLiteral("manifestCount"),
                                  QStringLiteral("bytes")};
    table.schemas.insert(QStringLiteral("GcRun"),
                         S::object(runSummary, runRequired,
                                   QStringLiteral("A garbage collection run as the history keeps it.")));

    ApiOperation get =
        ApiOperation::make("GET", path, QStringLiteral("getGc"), tag,
                           QStringLiteral("Bytes and blobs a garbage collection would free now (with the "
                                          "configured grace period), the last "
                                          "run (kept across restarts), the schedule and the recent runs."),
                           ApiAccess::administrator(), [gc](ApiCall& call) { return status(call, *gc); });
    QJsonObject last = S::object(runSummary, runRequired);
    last.insert(QStringLiteral("nullable"), true);
    get.responseSchema = S::object(
        {{QStringLiteral("reclaimableBytes"), S::integer()},
         {QStringLiteral("reclaimableBlobs"), S::integer()},
         {QStringLiteral("gracePeriodSeconds"), S::integer()},
         {QStringLiteral("computedAt"), S::dateTime()},
         {QStringLiteral("lastRun"), last},
         {QStringLiteral("schedule"),
          S::object({{QStringLiteral("intervalSeconds"), S::integer(QStringLiteral("0: not scheduled."))},
                     {QStringLiteral("nextRunAt"), S::nullableDateTime()},
                     {QStringLiteral("activeJob"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                  {QStringLiteral("nullable"), true},
                                  {QStringLiteral("description"),
                                   QStringLiteral("The garbage collection job queued or running now.")}}}},
                    {QStringLiteral("intervalSeconds"), QStringLiteral("nextRunAt")})},
         {QStringLiteral("recentRuns"),
          S::arrayOf(S::ref(QStringLiteral("GcRun")), QStringLiteral("Newest first."))}},
        {QStringLiteral("reclaimableBytes"), QStringLiteral("reclaimableBlobs"), QStringLiteral("lastRun"),
         QStringLiteral("schedule"), QStringLiteral("recentRuns")});
    table.operations.append(get);

    ApiOperation history =
        ApiOperation::make("GET", path + QStringLiteral("/runs"), QStringLiteral("listGcRuns"), tag,
                           QStringLiteral("The recorded garbage collection runs (not dry runs), "
                                          "newest first."),
                           ApiAccess::administrator(), runs);
    history.parameters = {ApiParameter{QStringLiteral("limit"), ApiParameter::In::Query,
                                       QStringLiteral("At most this many (1-200, default 20)."), S::integer(),
                                       false, false}};
    history.responseSchema = S::object(
        {{QStringLiteral("items"), S::arrayOf(S::ref(QStringLiteral("GcRun")))}}, {QStringLiteral("items")});
    table.operations.append(history);

    ApiOperation post = ApiOperation::make(
        "POST", path, QStringLiteral("runGc"), tag,
        QStringLiteral("Runs garbage collection while the registry keeps serving (or, with dryRun, lists "
                       "what would go). Blobs nothing references and untouched for gracePeriodSeconds "
                       "(default: the configured grace period, 3600 unless set) go; deleteUntagged also "
                       "deletes manifests no tag or kept index "
                       "keeps, and deleteReferrers the referrers of deleted manifests."),
        ApiAccess::administrator(), [gc](ApiCall& call) { return run(call, gc); });
    post.requestSchema = S::object(
        {{QStringLiteral("dryRun"), S::boolean(QStringLiteral("Default false."))},
         {QStringLiteral("deleteUntagged"), S::boolean(QStringLiteral("Default false."))},
         {QStringLiteral("deleteReferrers"), S::boolean(QStringLiteral("Default false."))},
         {QStringLiteral("gracePeriodSeconds"),
          S::integer(QStringLiteral("Default: the server's configured grace period (3600 unless set)."))},
         {QStringLiteral("wait"),
          S::boolean(QStringLiteral("Default true: answer when the run has finished. false: answer "
                                    "202 with the job at once (Location: /api/v1/jobs/{id})."))}});
    post.responseSchema = S::ref(QStringLiteral("GcResult"));
    post.errorStatuses = {409};
    table.operations.append(post);
}

} // namespace berth
