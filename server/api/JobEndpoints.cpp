#include "api/JobEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiPage.h"
#include "api/ApiSchema.h"
#include "api/JobJson.h"
#include "jobs/JobRunner.h"

#include <QJsonArray>

namespace berth {

namespace {

/// The sort key of a job in a page: its id, zero-padded so that text order is number order.
QString keyOf(quint64 id)
{
    return QStringLiteral("%1").arg(id, 20, 10, QLatin1Char('0'));
}

ApiReply unknownJob(const QString& id)
{
    return ApiReply::notFound(
        QStringLiteral("There is no job %1; 'GET /api/v1/jobs' lists the jobs the server knows.")
            .arg(id.left(40)));
}

std::optional<quint64> jobId(const ApiCall& call)
{
    bool ok = false;
    const quint64 id = call.path(QStringLiteral("id")).toULongLong(&ok);
    if (!ok || id == 0)
        return std::nullopt;
    return id;
}

ApiReply list(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    std::optional<JobState> state;
    std::optional<JobKind> kind;
    bool activeOnly = false;
    if (call.hasQuery(QStringLiteral("state"))) {
        const QString name = call.query(QStringLiteral("state"));
        if (name == QLatin1String("active")) {
            activeOnly = true;
        } else {
            state = JobJson::stateFromName(name);
            if (!state)
                return ApiReply::invalidArgument(
                    QStringLiteral(
                        "The query parameter \"state\" must be active, queued, running, succeeded, "
                        "failed or cancelled, not \"%1\".")
                        .arg(name.left(40)));
        }
    }
    if (call.hasQuery(QStringLiteral("kind"))) {
        const QString name = call.query(QStringLiteral("kind"));
        kind = JobJson::kindFromName(name);
        if (!kind)
            return ApiReply::invalidArgument(
                QStringLiteral("The query parameter \"kind\" must be import, export, retention, gc, scrub, "
                               "scan or other, not \"%1\".")
                    .arg(name.left(40)));
    }
    QList<QPair<QString, QJsonObject>> items;
    for (const JobSnapshot& job : call.services().jobs->jobs()) {
        if (state && job.state != *state)
            continue;
        if (activeOnly && job.isFinished())
            continue;
        if (kind && job.kind != *kind)
            continue;
        items.append({keyOf(job.id), JobJson::toJson(job)});
    }
    return ApiReply::ok(page.value().build(items));
}

ApiReply show(ApiCall& call)
{
    const std::optional<quint64> id = jobId(call);
    if (!id)
        return unknownJob(call.path(QStringLiteral("id")));
    const std::optional<JobSnapshot> job = call.services().jobs->job(*id);
    if (!job)
        return unknownJob(call.path(QStringLiteral("id")));
    return ApiReply::ok(JobJson::toJson(*job));
}

ApiReply cancel(ApiCall& call)
{
    const std::optional<quint64> id = jobId(call);
    if (!id)
        return unknownJob(call.path(QStringLiteral("id")));
    JobRunner& jobs = *call.services().jobs;
    const std::optional<JobSnapshot> before = jobs.job(*id);
    if (!before)
        return unknownJob(call.path(QStringLiteral("id")));
    if (before->isFinished() || !jobs.cancel(*id))
        return ApiReply::conflict(
            QStringLiteral("Job %1 has already finished (%2); there is nothing to cancel.")
                .arg(*id)
                .arg(JobJson::stateName(before->state)));
    const std::optional<JobSnapshot> after = jobs.job(*id);
    return ApiReply{202, QJsonObject{{QStringLiteral("job"), JobJson::toJson(after ? *after : *before)}}, {}};
}

} // namespace

void JobEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    JobJson::addSchemas(table);
    const QString tag = QStringLiteral("jobs");
    const QString base = QStringLiteral("/api/v1/jobs");
    const ApiParameter idParameter{QStringLiteral("id"),
                                   ApiParameter::In::Path,
                                   QStringLiteral("The job's id."),
                                   S::string(),
                                   true,
                                   false};

    ApiOperation get = ApiOperation::make(
        "GET", base, QStringLiteral("listJobs"), tag,
        QStringLiteral("The server's jobs (queued, running and recently finished), oldest first."),
        ApiAccess::administrator(), list);
    get.parameters = {ApiParameter{QStringLiteral("state"), ApiParameter::In::Query,
                                   QStringLiteral("Only jobs in this state; active means queued or running."),
                                   S::stringEnum({QStringLiteral("active"), QStringLiteral("queued"),
                                                  QStringLiteral("running"), QStringLiteral("succeeded"),
                                                  QStringLiteral("failed"), QStringLiteral("cancelled")}),
                                   false, false},
                      ApiParameter{QStringLiteral("kind"), ApiParameter::In::Query,
                                   QStringLiteral("Only jobs of this kind."),
                                   S::stringEnum({QStringLiteral("import"), QStringLiteral("export"),
                                                  QStringLiteral("retention"), QStringLiteral("gc"),
                                                  QStringLiteral("scrub"), QStringLiteral("scan"),
                                                  QStringLiteral("other")}),
                                   false, false}};
    get.parameters += ApiPage::parameters();
    get.responseSchema = S::page(S::ref(QStringLiteral("Job")));
    table.operations.append(get);

    ApiOperation one =
        ApiOperation::make("GET", base + QStringLiteral("/{id}"), QStringLiteral("getJob"), tag,
                           QStringLiteral("One job: its state and progress, and its result once "
                                          "it has finished."),
                           ApiAccess::administrator(), show);
    one.parameters = {idParameter};
    one.responseSchema = S::ref(QStringLiteral("Job"));
    one.errorStatuses = {404};
    table.operations.append(one);

    ApiOperation del = ApiOperation::make(
        "DELETE", base + QStringLiteral("/{id}"), QStringLiteral("cancelJob"), tag,
        QStringLiteral("Asks the job to stop: a queued job is cancelled at once, a running one at its next "
                       "check (poll it until its state is cancelled). 409 when it has already finished."),
        ApiAccess::administrator(), cancel);
    del.parameters = {idParameter};
    del.status = 202;
    del.responseSchema = S::ref(QStringLiteral("JobAccepted"));
    del.errorStatuses = {404, 409};
    table.operations.append(del);
}

} // namespace berth
