#include "cli/JobCommands.h"

#include "cli/Invocation.h"
#include "cli/JobWaiter.h"

namespace berth {

namespace {

/// The job id argument; false (with *status set) after printing a usage error.
bool parseId(Invocation& call, quint64* id, int* status)
{
    bool ok = false;
    *id = call.argument(0).toULongLong(&ok);
    if (!ok || *id == 0) {
        *status =
            call.usageError(JobCommands::tr("\"%1\" is not a job id; 'berthctl jobs list' shows the ids.")
                                .arg(call.argument(0).left(40)));
        return false;
    }
    return true;
}

QString progressText(const QJsonObject& job)
{
    const qint64 done = job.value(QStringLiteral("done")).toInteger();
    const qint64 total = job.value(QStringLiteral("total")).toInteger();
    if (total > 0)
        return JobCommands::tr("%1% (%2 of %3)").arg(done * 100 / total).arg(done).arg(total);
    return done > 0 ? QString::number(done) : QStringLiteral("-");
}

CommandArgument idArgument()
{
    return CommandArgument{QStringLiteral("ID"), JobCommands::tr("The job's id (see 'berthctl jobs list')."),
                           false, false};
}

} // namespace

QString JobCommands::summary() const
{
    return tr("The server's long tasks (garbage collection, imports, scrub): list, show, cancel, wait.");
}

QList<Subcommand> JobCommands::subcommands() const
{
    return {
        {QStringLiteral("list"),
         tr("Lists the jobs the server knows: queued, running and recently finished, oldest first."),
         {},
         {QCommandLineOption(QStringLiteral("active"), tr("Only jobs that are queued or running.")),
          QCommandLineOption(QStringLiteral("kind"),
                             tr("Only jobs of this kind: gc, scrub, import, export..."),
                             QStringLiteral("KIND"))},
         list},
        {QStringLiteral("show"),
         tr("Shows one job: its state, progress and result."),
         {idArgument()},
         {},
         show},
        {QStringLiteral("cancel"),
         tr("Asks a job to stop. A running job stops at its next check; 'berthctl jobs wait' follows it."),
         {idArgument()},
         {},
         cancel},
        {QStringLiteral("wait"),
         tr("Waits until a job has finished, showing its progress; Ctrl-C cancels the job. Exit status 0 "
            "when "
            "it succeeded, 1 when it failed or was cancelled."),
         {idArgument()},
         {},
         wait},
    };
}

void JobCommands::print(Invocation& call, const QJsonObject& job)
{
    if (call.output().json()) {
        call.output().printJson(job);
        return;
    }
    Output::Fields fields{{tr("Id"), QString::number(job.value(QStringLiteral("id")).toInteger())},
                          {tr("Kind"), job.value(QStringLiteral("kind")).toString()},
                          {tr("Title"), job.value(QStringLiteral("title")).toString()},
                          {tr("State"), job.value(QStringLiteral("state")).toString()},
                          {tr("Progress"), progressText(job)},
                          {tr("Status"), Output::orDash(job.value(QStringLiteral("status")).toString())},
                          {tr("Result"), Output::orDash(job.value(QStringLiteral("result")).toString())},
                          {tr("Queued"), Output::time(job.value(QStringLiteral("queuedAt")))},
                          {tr("Started"), Output::time(job.value(QStringLiteral("startedAt")))},
                          {tr("Finished"), Output::time(job.value(QStringLiteral("finishedAt")))}};
    if (job.value(QStringLiteral("cancelRequested")).toBool())
        fields.append({tr("Cancel requested"), Output::yesNo(true)});
    call.output().record(fields);
}

int JobCommands::exitStatus(const QJsonObject& job)
{
    return job.value(QStringLiteral("state")).toString() == QLatin1String("succeeded") ? Invocation::Success
                                                                                       : Invocation::Failure;
}

int JobCommands::list(Invocation& call)
{
    QueryItems query;
    if (call.isSet(QStringLiteral("active")))
        query.append({QStringLiteral("state"), QStringLiteral("active")});
    if (call.isSet(QStringLiteral("kind")))
        query.append({QStringLiteral("kind"), call.value(QStringLiteral("kind"))});
    return call.listing(QStringLiteral("/api/v1/jobs"), query,
                        {tr("ID"), tr("KIND"), tr("STATE"), tr("PROGRESS"), tr("QUEUED"), tr("TITLE")},
                        [](const QJsonObject& job) {
                            return QStringList{QString::number(job.value(QStringLiteral("id")).toInteger()),
                                               job.value(QStringLiteral("kind")).toString(),
                                               job.value(QStringLiteral("state")).toString(),
                                               progressText(job),
                                               Output::time(job.value(QStringLiteral("queuedAt"))),
                                               job.value(QStringLiteral("title")).toString()};
                        });
}

int JobCommands::show(Invocation& call)
{
    quint64 id = 0;
    int status = 0;
    if (!parseId(call, &id, &status))
        return status;
    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/jobs/%1").arg(id));
    if (!response.ok())
        return call.failure(response);
    print(call, response.object());
    return Invocation::Success;
}

int JobCommands::cancel(Invocation& call)
{
    quint64 id = 0;
    int status = 0;
    if (!parseId(call, &id, &status))
        return status;
    const ApiResponse response = call.api().remove(QStringLiteral("/api/v1/jobs/%1").arg(id));
    if (!response.ok())
        return call.failure(response);
    if (call.output().json()) {
        call.output().printJson(response.object().value(QStringLiteral("job")));
        return Invocation::Success;
    }
    call.output().message(
        tr("Asked job %1 to stop; 'berthctl jobs wait %1' follows it until it does.").arg(id));
    return Invocation::Success;
}

int JobCommands::wait(Invocation& call)
{
    quint64 id = 0;
    int status = 0;
    if (!parseId(call, &id, &status))
        return status;
    JobWaiter waiter(call.api());
    if (JobWaiter::stderrIsTerminal())
        waiter.setProgressStream(&call.output().err());
    const ApiResponse response = waiter.wait(id);
    if (!response.ok())
        return call.failure(response);
    print(call, response.object());
    return exitStatus(response.object());
}

} // namespace berth
