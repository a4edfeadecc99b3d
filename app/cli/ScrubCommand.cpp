#include "cli/ScrubCommand.h"

#include "cli/Invocation.h"
#include "cli/JobWaiter.h"

#include <QJsonArray>

namespace berth {

QString ScrubCommand::summary() const
{
    return tr("Re-hash every stored copy of every blob, repair bad copies from good ones, or show the last "
              "report.");
}

QList<Subcommand> ScrubCommand::subcommands() const
{
    return {
        {QString(),
         tr("Starts a scrub on the server while it keeps serving: every copy of every blob in every fault "
            "domain is re-hashed, and missing or corrupt copies are repaired from a good one. Waits for it "
            "and "
            "prints what was repaired and what could not be (with the repositories that need it); the exit "
            "status is 1 when something could not be repaired. 'berthctl scrub status' shows the last "
            "report, "
            "the schedule and the fault domains. Administrators only."),
         {CommandArgument{QStringLiteral("status"), tr("Show the last report instead."), true, false}},
         {},
         scrub},
    };
}

int ScrubCommand::scrub(Invocation& call)
{
    const QString action = call.argument(0);
    if (action == QLatin1String("status"))
        return status(call);
    if (!action.isEmpty())
        return call.usageError(
            tr("\"%1\" is not something scrub does; use 'berthctl scrub' or 'berthctl scrub status'.")
                .arg(action.left(60)));
    const ApiResponse started = call.api().send("POST", QStringLiteral("/api/v1/scrub"), QJsonObject{});
    if (!started.ok())
        return call.failure(started);
    const quint64 id = JobWaiter::jobIdOf(started.object());
    JobWaiter waiter(call.api());
    if (JobWaiter::stderrIsTerminal() && !call.output().json())
        waiter.setProgressStream(&call.output().err());
    const ApiResponse finished = waiter.wait(id);
    if (!finished.ok())
        return call.failure(finished);
    const QJsonObject job = finished.object();
    const QString state = job.value(QStringLiteral("state")).toString();
    if (state != QLatin1String("succeeded"))
        return call.failure(tr("The scrub (job %1) %2: %3")
                                .arg(id)
                                .arg(state, job.value(QStringLiteral("result")).toString()));
    const ApiResponse last = call.api().get(QStringLiteral("/api/v1/scrub"));
    if (!last.ok())
        return call.failure(last);
    return printRun(call, last.object().value(QStringLiteral("lastRun")).toObject());
}

int ScrubCommand::status(Invocation& call)
{
    const ApiResponse answer = call.api().get(QStringLiteral("/api/v1/scrub"));
    if (!answer.ok())
        return call.failure(answer);
    const QJsonObject body = answer.object();
    if (call.output().json()) {
        call.output().printJson(body);
        return Invocation::Success;
    }
    const QJsonObject storage = body.value(QStringLiteral("storage")).toObject();
    QStringList domains;
    for (const QJsonValue& v : storage.value(QStringLiteral("domains")).toArray())
        domains << v.toString();
    call.output().message(tr("Fault domains (%1, writes need %2 copies): %3")
                              .arg(domains.size())
                              .arg(storage.value(QStringLiteral("writeQuorum")).toInteger())
                              .arg(domains.join(QStringLiteral(", "))));
    const QJsonObject counters = storage.value(QStringLiteral("counters")).toObject();
    call.output().message(
        tr("Since start: %1 missing and %2 corrupt copies found by reads, %3 copies repaired, "
           "%4 writes with fewer copies than domains.")
            .arg(counters.value(QStringLiteral("missingCopiesFound")).toInteger())
            .arg(counters.value(QStringLiteral("corruptCopiesFound")).toInteger())
            .arg(counters.value(QStringLiteral("copiesRepaired")).toInteger())
            .arg(counters.value(QStringLiteral("degradedWrites")).toInteger()));
    const QJsonObject schedule = body.value(QStringLiteral("schedule")).toObject();
    const qint64 interval = schedule.value(QStringLiteral("intervalSeconds")).toInteger();
    if (interval > 0)
        call.output().message(tr("Scheduled every %1 hours; next run %2.")
                                  .arg(double(interval) / 3600.0)
                                  .arg(schedule.value(QStringLiteral("nextRunAt")).toString()));
    else
        call.output().message(tr("Not scheduled; runs only when started."));
    const QJsonObject run = body.value(QStringLiteral("lastRun")).toObject();
    if (run.isEmpty()) {
        call.output().message(tr("Scrub has not run yet."));
        return Invocation::Success;
    }
    call.output().message(tr("Last run: started %1, finished %2 (%3, %4).")
                              .arg(run.value(QStringLiteral("startedAt")).toString(),
                                   run.value(QStringLiteral("finishedAt")).toString(),
                                   run.value(QStringLiteral("trigger")).toString(),
                                   run.value(QStringLiteral("outcome")).toString()));
    printRun(call, run);
    return Invocation::Success;
}

int ScrubCommand::printRun(Invocation& call, const QJsonObject& lastRun)
{
    const QJsonObject report = lastRun.value(QStringLiteral("report")).toObject();
    const qint64 unrepairable = report.value(QStringLiteral("unrepairableCount")).toInteger();
    const qint64 notRepaired = report.value(QStringLiteral("notRepairedCount")).toInteger();
    const int exitStatus = unrepairable + notRepaired > 0 ? Invocation::Failure : Invocation::Success;
    if (call.output().json()) {
        call.output().printJson(lastRun);
        return exitStatus;
    }
    QList<QStringList> rows;
    auto addCopies = [&](const QString& key, const QString& state) {
        for (const QJsonValue& v : report.value(key).toArray()) {
            const QJsonObject c = v.toObject();
            QString detail = c.value(QStringLiteral("problem")).toString();
            if (c.contains(QStringLiteral("error")))
                detail += QStringLiteral(": ") + c.value(QStringLiteral("error")).toString();
            rows << QStringList{state, c.value(QStringLiteral("digest")).toString(),
                                c.value(QStringLiteral("domain")).toString(), detail};
        }
    };
    addCopies(QStringLiteral("repaired"), tr("repaired"));
    addCopies(QStringLiteral("notRepaired"), tr("not repaired"));
    for (const QJsonValue& v : report.value(QStringLiteral("unrepairable")).toArray()) {
        const QJsonObject l = v.toObject();
        QStringList needed;
        for (const QJsonValue& m : l.value(QStringLiteral("manifests")).toArray())
            needed << m.toString();
        if (needed.isEmpty()) {
            for (const QJsonValue& r : l.value(QStringLiteral("repositories")).toArray())
                needed << r.toString();
        }
        rows << QStringList{tr("lost"), l.value(QStringLiteral("digest")).toString(), tr("every domain"),
                            needed.isEmpty() ? tr("referenced by nothing")
                                             : tr("needed by %1").arg(needed.join(QStringLiteral(", ")))};
    }
    if (!rows.isEmpty())
        call.output().table({tr("STATE"), tr("DIGEST"), tr("DOMAIN"), tr("DETAIL")}, rows);
    call.output().message(tr("Checked %1 copies of %2 blobs (%3 bytes hashed): %4 repaired, %5 could not be "
                             "repaired, %6 blobs have no good copy left.")
                              .arg(report.value(QStringLiteral("copiesChecked")).toInteger())
                              .arg(report.value(QStringLiteral("blobsChecked")).toInteger())
                              .arg(report.value(QStringLiteral("bytesHashed")).toInteger())
                              .arg(report.value(QStringLiteral("repairedCount")).toInteger())
                              .arg(notRepaired)
                              .arg(unrepairable));
    if (unrepairable > 0)
        call.output().message(tr("Blobs with no good copy are lost: push the images that need them again."));
    else if (notRepaired > 0)
        call.output().message(
            tr("Some copies could not be written; check the disks of those fault domains and "
               "run 'berthctl scrub' again."));
    return exitStatus;
}

} // namespace berth
