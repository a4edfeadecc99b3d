#include "cli/AuditCommands.h"

#include "cli/Invocation.h"

namespace berth {

QString AuditCommands::summary() const
{
    return tr("The audit log: list (with filters), verify.");
}

QList<Subcommand> AuditCommands::subcommands() const
{
    return {
        {QStringLiteral("list"),
         tr("Lists audit records matching the filters, oldest first unless --newest."),
         {},
         {QCommandLineOption(QStringLiteral("from"), tr("Records at or after this ISO 8601 time."),
                             QStringLiteral("TIME")),
          QCommandLineOption(QStringLiteral("to"), tr("Records before this ISO 8601 time."),
                             QStringLiteral("TIME")),
          QCommandLineOption(QStringLiteral("actor"), tr("Exactly this user (or anonymous, system)."),
                             QStringLiteral("USER")),
          QCommandLineOption(QStringLiteral("action"),
                             tr("Whole dotted segments: auth matches auth.signin.failed."),
                             QStringLiteral("ACTION")),
          QCommandLineOption(QStringLiteral("target"), tr("The target contains this text."),
                             QStringLiteral("TEXT")),
          QCommandLineOption(QStringLiteral("decision"), tr("allowed, denied or none."),
                             QStringLiteral("DECISION")),
          QCommandLineOption(QStringLiteral("newest"), tr("Newest first.")),
          QCommandLineOption(QStringLiteral("limit"), tr("At most N records (default: all that match)."),
                             QStringLiteral("N"))},
         list},
        {QStringLiteral("verify"),
         tr("Walks the whole hash chain; exit status 1 when a record was changed, removed or reordered."),
         {},
         {},
         verify},
    };
}

int AuditCommands::list(Invocation& call)
{
    QueryItems query;
    for (const QString& filter :
         {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("actor"), QStringLiteral("action"),
          QStringLiteral("target"), QStringLiteral("decision")})
        if (call.isSet(filter))
            query.append({filter, call.value(filter)});
    if (call.isSet(QStringLiteral("newest")))
        query.append({QStringLiteral("order"), QStringLiteral("newest")});
    int limit = 0;
    if (call.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        limit = call.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit <= 0)
            return call.usageError(tr("--limit must be a positive number, not \"%1\".")
                                       .arg(call.value(QStringLiteral("limit"))));
    }
    return call.listing(
        QStringLiteral("/api/v1/audit"), query,
        {tr("SEQ"), tr("TIME"), tr("ACTOR"), tr("CLIENT"), tr("ACTION"), tr("DECISION"), tr("TARGET")},
        [](const QJsonObject& r) {
            return QStringList{QString::number(r.value(QStringLiteral("sequence")).toInteger()),
                               Output::time(r.value(QStringLiteral("time"))),
                               r.value(QStringLiteral("actor")).toString(),
                               Output::orDash(r.value(QStringLiteral("clientAddress")).toString()),
                               r.value(QStringLiteral("action")).toString(),
                               r.value(QStringLiteral("decision")).toString(),
                               Output::orDash(r.value(QStringLiteral("target")).toString())};
        },
        limit);
}

int AuditCommands::verify(Invocation& call)
{
    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/audit/verify"));
    if (!response.ok())
        return call.failure(response);
    const QJsonObject result = response.object();
    const bool ok = result.value(QStringLiteral("ok")).toBool();
    if (call.output().json()) {
        call.output().printJson(result);
    } else if (ok) {
        call.output().message(tr("The audit log is intact: %1 records checked.")
                                  .arg(result.value(QStringLiteral("checkedCount")).toInteger()));
    } else {
        call.output().error(tr("The audit log was tampered with at record %1: %2")
                                .arg(result.value(QStringLiteral("firstBadSequence")).toInteger())
                                .arg(result.value(QStringLiteral("message")).toString()));
    }
    return ok ? Invocation::Success : Invocation::Failure;
}

} // namespace berth
