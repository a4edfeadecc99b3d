#include "cli/UsageCommands.h"

#include "cli/Invocation.h"

#include <QJsonArray>

namespace berth {

QString UsageCommands::summary() const
{
    return tr("Usage: pulls, pushes and bytes sent and received; \"usage storage\": stored bytes.");
}

QList<Subcommand> UsageCommands::subcommands() const
{
    return {
        {QString(),
         tr("Without WHAT: pulls, pushes, egress and ingress over days (UTC), grouped --by repository, "
            "compartment, user or day. With \"storage\": the stored bytes now per repository and "
            "compartment, "
            "unique (held nowhere else) and shared."),
         {{QStringLiteral("WHAT"), tr("\"storage\" for stored bytes; leave out for traffic."), true}},
         {QCommandLineOption(QStringLiteral("by"), tr("repository (default), compartment, user or day."),
                             QStringLiteral("GROUPING")),
          QCommandLineOption(QStringLiteral("from"), tr("First day, YYYY-MM-DD (default: 30 days ago)."),
                             QStringLiteral("DAY")),
          QCommandLineOption(QStringLiteral("to"), tr("Last day, YYYY-MM-DD (default: today)."),
                             QStringLiteral("DAY")),
          QCommandLineOption(QStringLiteral("repository"), tr("Only this repository."),
                             QStringLiteral("NAME")),
          QCommandLineOption(QStringLiteral("compartment"),
                             tr("Only this compartment (A:B) and those below it (default: the tenancy)."),
                             QStringLiteral("PATH"))},
         run},
    };
}

int UsageCommands::run(Invocation& call)
{
    const QString what = call.argument(0);
    if (what.isEmpty())
        return traffic(call);
    if (what == QLatin1String("storage")) {
        for (const QString& option : {QStringLiteral("by"), QStringLiteral("from"), QStringLiteral("to"),
                                      QStringLiteral("repository")}) {
            if (call.isSet(option))
                return call.usageError(
                    tr("--%1 does not apply to \"usage storage\"; it shows the stored bytes now.")
                        .arg(option));
        }
        return storage(call);
    }
    return call.usageError(
        tr("\"%1\" is not something usage shows; use \"berthctl usage\" or \"berthctl usage storage\".")
            .arg(what));
}

int UsageCommands::traffic(Invocation& call)
{
    QueryItems query;
    for (const QString& option : {QStringLiteral("by"), QStringLiteral("from"), QStringLiteral("to"),
                                  QStringLiteral("repository"), QStringLiteral("compartment")}) {
        if (call.isSet(option))
            query.append({option, call.value(option)});
    }
    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/usage"), query);
    return call.show(response, [&call](const QJsonObject& report) {
        const QString by = report.value(QStringLiteral("by")).toString();
        QString heading = by.toUpper();
        if (by == QLatin1String("repository"))
            heading = tr("REPOSITORY");
        else if (by == QLatin1String("compartment"))
            heading = tr("COMPARTMENT");
        else if (by == QLatin1String("user"))
            heading = tr("USER");
        else if (by == QLatin1String("day"))
            heading = tr("DAY");
        auto cells = [](const QString& key, const QJsonObject& counts) {
            return QStringList{key, QString::number(counts.value(QStringLiteral("pulls")).toInteger()),
                               QString::number(counts.value(QStringLiteral("pushes")).toInteger()),
                               Output::size(counts.value(QStringLiteral("egressBytes")).toInteger()),
                               Output::size(counts.value(QStringLiteral("ingressBytes")).toInteger())};
        };
        QList<QStringList> rows;
        for (const QJsonValue& item : report.value(QStringLiteral("items")).toArray()) {
            const QJsonObject row = item.toObject();
            QString key = row.value(QStringLiteral("key")).toString();
            if (key.isEmpty())
                key = by == QLatin1String("user") ? tr("(anonymous)") : tr("(tenancy)");
            rows.append(cells(key, row));
        }
        rows.append(cells(tr("TOTAL"), report.value(QStringLiteral("total")).toObject()));
        call.output().message(tr("Usage from %1 to %2 (UTC):")
                                  .arg(report.value(QStringLiteral("from")).toString(),
                                       report.value(QStringLiteral("to")).toString()));
        call.output().table({heading, tr("PULLS"), tr("PUSHES"), tr("EGRESS"), tr("INGRESS")}, rows);
    });
}

int UsageCommands::storage(Invocation& call)
{
    QueryItems query;
    if (call.isSet(QStringLiteral("compartment")))
        query.append({QStringLiteral("compartment"), call.value(QStringLiteral("compartment"))});
    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/usage/storage"), query);
    return call.show(response, [&call](const QJsonObject& report) {
        auto compartmentName = [](const QJsonObject& o) {
            const QString path = o.value(QStringLiteral("compartment")).toString();
            return path.isEmpty() ? tr("(tenancy)") : path;
        };
        auto bytes = [](const QJsonObject& o, const char* field) {
            return Output::size(o.value(QLatin1String(field)).toInteger());
        };
        QList<QStringList> repositories;
        for (const QJsonValue& item : report.value(QStringLiteral("repositories")).toArray()) {
            const QJsonObject r = item.toObject();
            repositories.append({r.value(QStringLiteral("repository")).toString(), compartmentName(r),
                                 bytes(r, "storedBytes"), bytes(r, "uniqueBytes"), bytes(r, "sharedBytes")});
        }
        call.output().table({tr("REPOSITORY"), tr("COMPARTMENT"), tr("STORED"), tr("UNIQUE"), tr("SHARED")},
                            repositories);
        QList<QStringList> compartments;
        for (const QJsonValue& item : report.value(QStringLiteral("compartments")).toArray()) {
            const QJsonObject c = item.toObject();
            compartments.append({compartmentName(c),
                                 QString::number(c.value(QStringLiteral("repositories")).toInteger()),
                                 bytes(c, "storedBytes"), bytes(c, "uniqueBytes"), bytes(c, "sharedBytes")});
        }
        call.output().message(QString());
        call.output().table({tr("COMPARTMENT"), tr("REPOSITORIES"), tr("STORED"), tr("UNIQUE"), tr("SHARED")},
                            compartments);
        if (report.contains(QStringLiteral("totalBytes")))
            call.output().message(
                tr("The registry stores %1 (each blob and manifest once).").arg(bytes(report, "totalBytes")));
    });
}

} // namespace berth
