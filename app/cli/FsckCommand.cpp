#include "cli/FsckCommand.h"

#include "cli/Invocation.h"
#include "cli/JobWaiter.h"

#include <QJsonArray>

namespace berth {

QString FsckCommand::summary() const
{
    return tr("Check the metadata against the blob store (and repair what can be repaired), or show the "
              "last report.");
}

QList<Subcommand> FsckCommand::subcommands() const
{
    return {
        {QString(),
         tr("Checks the registry while it keeps serving: blobs and manifests that are missing or corrupt, "
            "rows that refer to nothing, upload leftovers, blobs nothing references. Waits for the check and "
            "prints the report; the exit status is 1 when problems remain. 'berthctl fsck status' shows the "
            "last report. Administrators only."),
         {CommandArgument{QStringLiteral("status"), tr("Show the last report instead."), true, false}},
         {QCommandLineOption(QStringLiteral("repair"), tr("Repair what can be repaired.")),
          QCommandLineOption(QStringLiteral("remove-unreferenced"),
                             tr("With --repair: also remove blobs nothing references (older than the "
                                "garbage collection grace period) instead of leaving them to gc."))},
         fsck},
    };
}

int FsckCommand::fsck(Invocation& call)
{
    const QString action = call.argument(0);
    if (action == QLatin1String("status"))
        return status(call);
    if (!action.isEmpty())
        return call.usageError(
            tr("\"%1\" is not something fsck does; use 'berthctl fsck' or 'berthctl fsck status'.")
                .arg(action.left(60)));
    const bool repair = call.isSet(QStringLiteral("repair"));
    const bool removeUnreferenced = call.isSet(QStringLiteral("remove-unreferenced"));
    if (removeUnreferenced && !repair)
        return call.usageError(tr("--remove-unreferenced only applies with --repair: give both."));
    const ApiResponse started =
        call.api().send("POST", QStringLiteral("/api/v1/fsck"),
                        QJsonObject{{QStringLiteral("repair"), repair},
                                    {QStringLiteral("removeUnreferenced"), removeUnreferenced}});
    if (!started.ok())
        return call.failure(started);
    JobWaiter waiter(call.api());
    if (JobWaiter::stderrIsTerminal() && !call.output().json())
        waiter.setProgressStream(&call.output().err());
    const ApiResponse finished = waiter.wait(JobWaiter::jobIdOf(started.object()));
    if (!finished.ok())
        return call.failure(finished);
    const QJsonObject job = finished.object();
    const QString state = job.value(QStringLiteral("state")).toString();
    if (state != QLatin1String("succeeded"))
        return call.failure(
            tr("The check %1: %2").arg(state, job.value(QStringLiteral("result")).toString()));
    const ApiResponse last = call.api().get(QStringLiteral("/api/v1/fsck"));
    if (!last.ok())
        return call.failure(last);
    return printReport(call, last.object().value(QStringLiteral("lastRun")).toObject());
}

int FsckCommand::status(Invocation& call)
{
    const ApiResponse last = call.api().get(QStringLiteral("/api/v1/fsck"));
    if (!last.ok())
        return call.failure(last);
    const QJsonObject run = last.object().value(QStringLiteral("lastRun")).toObject();
    if (run.isEmpty()) {
        if (call.output().json())
            call.output().printJson(last.object());
        else
            call.output().message(tr("fsck has not run yet."));
        return Invocation::Success;
    }
    return printReport(call, run);
}

int FsckCommand::printReport(Invocation& call, const QJsonObject& lastRun)
{
    const QJsonObject report = lastRun.value(QStringLiteral("report")).toObject();
    const qint64 problems = report.value(QStringLiteral("problems")).toInteger();
    const int exitStatus = problems > 0 ? Invocation::Failure : Invocation::Success;
    if (call.output().json()) {
        call.output().printJson(lastRun);
        return exitStatus;
    }
    QList<QStringList> rows;
    for (const QJsonValue& v : report.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        const QString state = f.value(QStringLiteral("repaired")).toBool()  ? tr("repaired")
                              : f.value(QStringLiteral("problem")).toBool() ? tr("problem")
                                                                            : tr("note");
        rows << QStringList{state, f.value(QStringLiteral("kind")).toString(),
                            f.value(QStringLiteral("object")).toString(),
                            f.value(QStringLiteral("detail")).toString()};
    }
    if (!rows.isEmpty())
        call.output().table({tr("STATE"), tr("KIND"), tr("OBJECT"), tr("DETAIL")}, rows);
    if (report.value(QStringLiteral("truncated")).toBool())
        call.output().message(
            tr("The list shows the first 1000 findings; use --output json for the counts."));
    call.output().message(tr("Checked %1 manifests, %2 blobs and %3 upload sessions (%4).")
                              .arg(report.value(QStringLiteral("manifestsChecked")).toInteger())
                              .arg(report.value(QStringLiteral("blobsChecked")).toInteger())
                              .arg(report.value(QStringLiteral("uploadsChecked")).toInteger())
                              .arg(lastRun.value(QStringLiteral("outcome")).toString()));
    const qint64 repaired = report.value(QStringLiteral("repaired")).toInteger();
    if (problems == 0)
        call.output().message(repaired > 0 ? tr("No problems remain; %1 repaired.").arg(repaired)
                                           : tr("No problems found."));
    else if (report.value(QStringLiteral("repair")).toBool())
        call.output().message(
            tr("%1 problem(s) remain that fsck cannot repair; %2 repaired.").arg(problems).arg(repaired));
    else
        call.output().message(
            tr("%1 problem(s) found; 'berthctl fsck --repair' repairs what can be repaired.").arg(problems));
    return exitStatus;
}

} // namespace berth
