#include "cli/BackupCommand.h"

#include "cli/Invocation.h"
#include "cli/JobWaiter.h"

#include <QDir>
#include <QJsonArray>
#include <QTextStream>

namespace berth {

QString BackupCommand::summary() const
{
    return tr("Back up the registry (metadata, audit log, keys, blobs) into a folder on the server, or list "
              "the backups taken.");
}

QList<Subcommand> BackupCommand::subcommands() const
{
    return {
        {QString(),
         tr("Takes an online, consistent backup into DIR, a folder on the server (absolute, outside its data "
            "directory), while the registry keeps serving, and waits for it. Blobs already in DIR from an "
            "earlier backup are not copied again. Restore with 'berthd restore --from DIR --data NEWDIR'. "
            "'berthctl backup list' shows the backups taken. Administrators only."),
         {CommandArgument{QStringLiteral("DIR"), tr("The folder on the server, or \"list\"."), false, false}},
         {QCommandLineOption(QStringLiteral("no-wait"),
                             tr("Start the backup and print its job; do not wait."))},
         backup},
    };
}

int BackupCommand::backup(Invocation& call)
{
    const QString destination = call.argument(0);
    if (destination == QLatin1String("list"))
        return list(call);
    if (destination.isEmpty() || !QDir::isAbsolutePath(destination))
        return call.usageError(tr("Give the backup folder as an absolute path on the server (like "
                                  "/var/backups/berth), or \"list\"; \"%1\" is neither.")
                                   .arg(destination.left(200)));
    const ApiResponse started = call.api().send("POST", QStringLiteral("/api/v1/backups"),
                                                QJsonObject{{QStringLiteral("destination"), destination}});
    if (!started.ok())
        return call.failure(started);
    QJsonObject job = started.object().value(QStringLiteral("job")).toObject();
    const qint64 id = job.value(QStringLiteral("id")).toInteger();
    if (call.isSet(QStringLiteral("no-wait"))) {
        if (call.output().json())
            call.output().printJson(started.object());
        else
            call.output().message(
                tr("Backup started as job %1; follow it with 'berthctl jobs show %1'.").arg(id));
        return Invocation::Success;
    }
    JobWaiter waiter(call.api());
    QTextStream err(stderr);
    if (JobWaiter::stderrIsTerminal() && !call.output().json())
        waiter.setProgressStream(&err);
    const ApiResponse finished = waiter.wait(quint64(id));
    if (!finished.ok())
        return call.failure(finished);
    job = finished.object();
    const QString state = job.value(QStringLiteral("state")).toString();
    if (state != QLatin1String("succeeded"))
        return call.failure(
            tr("The backup %1: %2").arg(state, job.value(QStringLiteral("result")).toString()));

    // The figures are in the newest entry of the history.
    const ApiResponse history = call.api().get(QStringLiteral("/api/v1/backups"));
    QJsonObject summary;
    if (history.ok()) {
        const QJsonArray items = history.object().value(QStringLiteral("items")).toArray();
        if (!items.isEmpty())
            summary = items.first().toObject().value(QStringLiteral("summary")).toObject();
    }
    if (call.output().json()) {
        call.output().printJson(
            QJsonObject{{QStringLiteral("job"), job}, {QStringLiteral("backup"), summary}});
        return Invocation::Success;
    }
    if (summary.isEmpty()) {
        call.output().message(job.value(QStringLiteral("result")).toString());
        return Invocation::Success;
    }
    call.output().record({
        {tr("Destination"), summary.value(QStringLiteral("destination")).toString()},
        {tr("Repositories"), QString::number(summary.value(QStringLiteral("repositories")).toInteger())},
        {tr("Manifests"), QString::number(summary.value(QStringLiteral("manifests")).toInteger())},
        {tr("Tags"), QString::number(summary.value(QStringLiteral("tags")).toInteger())},
        {tr("Blobs"), tr("%1 (%2)")
                          .arg(summary.value(QStringLiteral("blobs")).toInteger())
                          .arg(Output::size(summary.value(QStringLiteral("bytes")).toInteger()))},
        {tr("Copied"), tr("%1 blob(s), %2")
                           .arg(summary.value(QStringLiteral("blobsCopied")).toInteger())
                           .arg(Output::size(summary.value(QStringLiteral("bytesCopied")).toInteger()))},
        {tr("Already there"),
         tr("%1 blob(s), %2")
             .arg(summary.value(QStringLiteral("blobsReused")).toInteger())
             .arg(Output::size(summary.value(QStringLiteral("bytesReused")).toInteger()))},
    });
    return Invocation::Success;
}

int BackupCommand::list(Invocation& call)
{
    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/backups"));
    if (!response.ok())
        return call.failure(response);
    if (call.output().json()) {
        call.output().printJson(response.object().value(QStringLiteral("items")));
        return Invocation::Success;
    }
    QList<QStringList> rows;
    for (const QJsonValue& v : response.object().value(QStringLiteral("items")).toArray()) {
        const QJsonObject run = v.toObject();
        const QJsonObject s = run.value(QStringLiteral("summary")).toObject();
        const bool ok = run.value(QStringLiteral("outcome")).toString() == QLatin1String("succeeded");
        rows << QStringList{
            Output::time(run.value(QStringLiteral("startedAt"))),
            run.value(QStringLiteral("outcome")).toString(),
            s.value(QStringLiteral("destination")).toString(),
            ok ? QString::number(s.value(QStringLiteral("blobs")).toInteger()) : QStringLiteral("-"),
            ok ? Output::size(s.value(QStringLiteral("bytes")).toInteger()) : QStringLiteral("-"),
            ok ? Output::size(s.value(QStringLiteral("bytesCopied")).toInteger())
               : s.value(QStringLiteral("error")).toString()};
    }
    if (rows.isEmpty()) {
        call.output().message(tr("No backups yet; take one with 'berthctl backup DIR'."));
        return Invocation::Success;
    }
    call.output().table(
        {tr("STARTED"), tr("OUTCOME"), tr("DESTINATION"), tr("BLOBS"), tr("SIZE"), tr("COPIED")}, rows);
    return Invocation::Success;
}

} // namespace berth
