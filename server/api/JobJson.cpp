#include "api/JobJson.h"

#include "api/ApiSchema.h"
#include "api/ApiTable.h"

namespace berth {

namespace {

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

const JobKind AllKinds[] = {JobKind::Import, JobKind::Export, JobKind::Retention, JobKind::GarbageCollection,
                            JobKind::Scrub,  JobKind::Check,  JobKind::Backup,    JobKind::Scan,
                            JobKind::Other};
const JobState AllStates[] = {JobState::Queued, JobState::Running, JobState::Succeeded, JobState::Failed,
                              JobState::Cancelled};

} // namespace

QString JobJson::kindName(JobKind kind)
{
    switch (kind) {
    case JobKind::Import:
        return QStringLiteral("import");
    case JobKind::Export:
        return QStringLiteral("export");
    case JobKind::Retention:
        return QStringLiteral("retention");
    case JobKind::GarbageCollection:
        return QStringLiteral("gc");
    case JobKind::Scrub:
        return QStringLiteral("scrub");
    case JobKind::Check:
        return QStringLiteral("fsck");
    case JobKind::Backup:
        return QStringLiteral("backup");
    case JobKind::Scan:
        return QStringLiteral("scan");
    case JobKind::Other:
        break;
    }
    return QStringLiteral("other");
}

std::optional<JobKind> JobJson::kindFromName(const QString& name)
{
    for (JobKind kind : AllKinds) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString JobJson::stateName(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return QStringLiteral("queued");
    case JobState::Running:
        return QStringLiteral("running");
    case JobState::Succeeded:
        return QStringLiteral("succeeded");
    case JobState::Failed:
        return QStringLiteral("failed");
    case JobState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("queued");
}

std::optional<JobState> JobJson::stateFromName(const QString& name)
{
    for (JobState state : AllStates) {
        if (stateName(state) == name)
            return state;
    }
    return std::nullopt;
}

QJsonObject JobJson::toJson(const JobSnapshot& job)
{
    return QJsonObject{{QStringLiteral("id"), qint64(job.id)},
                       {QStringLiteral("kind"), kindName(job.kind)},
                       {QStringLiteral("title"), job.title},
                       {QStringLiteral("state"), stateName(job.state)},
                       {QStringLiteral("done"), job.done},
                       {QStringLiteral("total"), job.total},
                       {QStringLiteral("status"), job.status},
                       {QStringLiteral("result"), job.result},
                       {QStringLiteral("queuedAt"), timeOrNull(job.queuedAt)},
                       {QStringLiteral("startedAt"), timeOrNull(job.startedAt)},
                       {QStringLiteral("finishedAt"), timeOrNull(job.finishedAt)},
                       {QStringLiteral("cancelRequested"), job.cancelRequested}};
}

QString JobJson::location(quint64 id)
{
    return QStringLiteral("/api/v1/jobs/%1").arg(id);
}

ApiReply JobJson::accepted(const JobSnapshot& job)
{
    ApiReply reply{202, QJsonObject{{QStringLiteral("job"), toJson(job)}}, {}};
    reply.headers.append({"Location", location(job.id).toUtf8()});
    return reply;
}

void JobJson::addSchemas(ApiTable& table)
{
    using S = ApiSchema;
    QStringList kinds;
    for (JobKind kind : AllKinds)
        kinds.append(kindName(kind));
    QStringList states;
    for (JobState state : AllStates)
        states.append(stateName(state));
    table.schemas.insert(
        QStringLiteral("Job"),
        S::object(
            {{QStringLiteral("id"), S::integer(QStringLiteral("The job's id, as in /api/v1/jobs/{id}."))},
             {QStringLiteral("kind"), S::stringEnum(kinds)},
             {QStringLiteral("title"), S::string(QStringLiteral("What the job does, for people."))},
             {QStringLiteral("state"), S::stringEnum(states)},
             {QStringLiteral("done"),
              S::integer(QStringLiteral("Units done (bytes for imports and exports)."))},
             {QStringLiteral("total"), S::integer(QStringLiteral("Units in all; 0 when unknown."))},
             {QStringLiteral("status"), S::string(QStringLiteral("The latest status line while running."))},
             {QStringLiteral("result"),
              S::string(QStringLiteral("The summary when it succeeded, the error message when it failed."))},
             {QStringLiteral("queuedAt"), S::dateTime()},
             {QStringLiteral("startedAt"), S::nullableDateTime(QStringLiteral("Null while queued."))},
             {QStringLiteral("finishedAt"), S::nullableDateTime(QStringLiteral("Null until it ends."))},
             {QStringLiteral("cancelRequested"), S::boolean()}},
            {QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("title"), QStringLiteral("state"),
             QStringLiteral("done"), QStringLiteral("total"), QStringLiteral("queuedAt"),
             QStringLiteral("startedAt"), QStringLiteral("finishedAt"), QStringLiteral("cancelRequested")}));
    table.schemas.insert(QStringLiteral("JobAccepted"),
                         S::object({{QStringLiteral("job"), S::ref(QStringLiteral("Job"))}},
                                   {QStringLiteral("job")},
                                   QStringLiteral("The answer 202 of an operation that started a job; "
                                                  "Location names the job to poll.")));
}

} // namespace berth
