#include "cli/GcCommand.h"

#include "cli/Invocation.h"

#include <QJsonArray>

namespace berth {

QString GcCommand::summary() const
{
    return tr("Garbage collection: free the space of deleted images (or show what would go), or status.");
}

QList<Subcommand> GcCommand::subcommands() const
{
    return {
        {QString(),
         tr("Removes the blobs nothing references any more while the registry keeps serving; with "
            "--dry-run only lists them. 'berthctl gc status' shows the bytes a run would free now and the "
            "last run. Administrators only."),
         {CommandArgument{QStringLiteral("status|history"),
                          tr("status: show the reclaimable space, the last run and the schedule instead; "
                             "history: list the recent runs."),
                          true, false}},
         {QCommandLineOption(QStringLiteral("dry-run"), tr("List what would go; change nothing.")),
          QCommandLineOption(QStringLiteral("delete-untagged"),
                             tr("Also delete manifests no tag or kept index keeps (and their layers).")),
          QCommandLineOption(QStringLiteral("delete-referrers"),
                             tr("With --delete-untagged: also delete the referrers (signatures, SBOMs) of "
                                "deleted manifests.")),
          QCommandLineOption(QStringLiteral("grace"),
                             tr("Keep what was uploaded or touched in the last SECONDS (default 3600)."),
                             QStringLiteral("SECONDS")),
          QCommandLineOption(QStringLiteral("limit"), tr("With history: at most N runs (default 20)."),
                             QStringLiteral("N")),
          QCommandLineOption(
              QStringLiteral("background"),
              tr("Start the run as a job and return at once with its id ('berthctl jobs wait ID' "
                 "follows it)."))},
         gc},
    };
}

int GcCommand::gc(Invocation& call)
{
    const QString action = call.argument(0);
    if (action == QLatin1String("status"))
        return status(call);
    if (action == QLatin1String("history"))
        return history(call);
    if (!action.isEmpty())
        return call.usageError(tr("\"%1\" is not something gc does; use 'berthctl gc', 'berthctl gc "
                                  "status' or 'berthctl gc history'.")
                                   .arg(action.left(60)));
    QJsonObject body{{QStringLiteral("dryRun"), call.isSet(QStringLiteral("dry-run"))},
                     {QStringLiteral("deleteUntagged"), call.isSet(QStringLiteral("delete-untagged"))},
                     {QStringLiteral("deleteReferrers"), call.isSet(QStringLiteral("delete-referrers"))}};
    if (call.isSet(QStringLiteral("grace"))) {
        bool ok = false;
        const qint64 seconds = call.value(QStringLiteral("grace")).toLongLong(&ok);
        if (!ok || seconds < 0)
            return call.usageError(tr("--grace must be a whole number of seconds, 0 or more, not \"%1\".")
                                       .arg(call.value(QStringLiteral("grace")).left(60)));
        body.insert(QStringLiteral("gracePeriodSeconds"), seconds);
    }
    const bool background = call.isSet(QStringLiteral("background"));
    if (background)
        body.insert(QStringLiteral("wait"), false);
    const ApiResponse response = call.api().send("POST", QStringLiteral("/api/v1/gc"), body);
    if (!response.ok())
        return call.failure(response);
    const QJsonObject r = response.object();
    if (background) {
        const qint64 job = r.value(QStringLiteral("job")).toObject().value(QStringLiteral("id")).toInteger();
        if (call.output().json())
            call.output().printJson(r);
        else
            call.output().message(
                tr("Started garbage collection as job %1; 'berthctl jobs wait %1' follows it.").arg(job));
        return Invocation::Success;
    }
    if (call.output().json()) {
        call.output().printJson(r);
        return Invocation::Success;
    }
    QList<QStringList> rows;
    for (const QJsonValue& v : r.value(QStringLiteral("manifests")).toArray()) {
        const QJsonObject m = v.toObject();
        rows << QStringList{tr("manifest"),
                            m.value(QStringLiteral("repository")).toString() + QLatin1Char('@') +
                                m.value(QStringLiteral("digest")).toString(),
                            Output::size(m.value(QStringLiteral("size")).toInteger())};
    }
    for (const QJsonValue& v : r.value(QStringLiteral("blobs")).toArray()) {
        const QJsonObject b = v.toObject();
        rows << QStringList{tr("blob"), b.value(QStringLiteral("digest")).toString(),
                            Output::size(b.value(QStringLiteral("size")).toInteger())};
    }
    if (!rows.isEmpty())
        call.output().table({tr("KIND"), tr("WHAT"), tr("SIZE")}, rows);
    const bool dry = r.value(QStringLiteral("dryRun")).toBool();
    const QString bytes = Output::size(r.value(QStringLiteral("bytes")).toInteger());
    const qint64 blobs = r.value(QStringLiteral("blobCount")).toInteger();
    const qint64 manifests = r.value(QStringLiteral("manifestCount")).toInteger();
    call.output().message(
        dry ? tr("A run would remove %1 blob(s) and %2 manifest(s), freeing %3.")
                  .arg(blobs)
                  .arg(manifests)
                  .arg(bytes)
            : tr("Removed %1 blob(s) and %2 manifest(s), freeing %3.").arg(blobs).arg(manifests).arg(bytes));
    if (r.value(QStringLiteral("truncated")).toBool())
        call.output().message(tr("The list shows the first 1000 of each; use --output json for the counts."));
    return Invocation::Success;
}

int GcCommand::status(Invocation& call)
{
    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/gc"));
    if (!response.ok())
        return call.failure(response);
    const QJsonObject r = response.object();
    if (call.output().json()) {
        call.output().printJson(r);
        return Invocation::Success;
    }
    Output::Fields fields{
        {tr("Reclaimable now"), Output::size(r.value(QStringLiteral("reclaimableBytes")).toInteger())},
        {tr("Reclaimable blobs"), QString::number(r.value(QStringLiteral("reclaimableBlobs")).toInteger())},
        {tr("Grace period"), tr("%1 s").arg(r.value(QStringLiteral("gracePeriodSeconds")).toInteger())}};
    const QJsonObject last = r.value(QStringLiteral("lastRun")).toObject();
    if (last.isEmpty()) {
        fields.append({tr("Last run"), tr("never")});
    } else {
        fields.append({tr("Last run"), Output::time(last.value(QStringLiteral("finishedAt")))});
        fields.append({tr("Last run freed"), Output::size(last.value(QStringLiteral("bytes")).toInteger())});
        fields.append(
            {tr("Last run removed"), tr("%1 blob(s), %2 manifest(s)")
                                         .arg(last.value(QStringLiteral("blobCount")).toInteger())
                                         .arg(last.value(QStringLiteral("manifestCount")).toInteger())});
    }
    const QJsonObject schedule = r.value(QStringLiteral("schedule")).toObject();
    const qint64 interval = schedule.value(QStringLiteral("intervalSeconds")).toInteger();
    fields.append(
        {tr("Schedule"), interval > 0 ? tr("every %1 h").arg(double(interval) / 3600.0) : tr("off")});
    if (interval > 0)
        fields.append({tr("Next run"), Output::time(schedule.value(QStringLiteral("nextRunAt")))});
    call.output().record(fields);
    return Invocation::Success;
}

int GcCommand::history(Invocation& call)
{
    QueryItems query;
    if (call.isSet(QStringLiteral("limit")))
        query.append({QStringLiteral("limit"), call.value(QStringLiteral("limit"))});
    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/gc/runs"), query);
    if (!response.ok())
        return call.failure(response);
    const QJsonArray runs = response.object().value(QStringLiteral("items")).toArray();
    if (call.output().json()) {
        call.output().printJson(runs);
        return Invocation::Success;
    }
    QList<QStringList> rows;
    for (const QJsonValue& v : runs) {
        const QJsonObject run = v.toObject();
        rows << QStringList{Output::time(run.value(QStringLiteral("startedAt"))),
                            run.value(QStringLiteral("trigger")).toString(),
                            run.value(QStringLiteral("outcome")).toString(),
                            QString::number(run.value(QStringLiteral("blobCount")).toInteger()),
                            QString::number(run.value(QStringLiteral("manifestCount")).toInteger()),
                            Output::size(run.value(QStringLiteral("bytes")).toInteger())};
    }
    call.output().table(
        {tr("STARTED"), tr("TRIGGER"), tr("OUTCOME"), tr("BLOBS"), tr("MANIFESTS"), tr("FREED")}, rows);
    return Invocation::Success;
}

} // namespace berth
