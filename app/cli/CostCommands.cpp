#include "cli/CostCommands.h"

#include "cli/Invocation.h"

#include <QFile>
#include <QJsonArray>
#include <QSaveFile>

namespace berth {

namespace {

QString quantity(const QJsonValue& value)
{
    return QString::number(value.toDouble(), 'f', 3);
}

QString money(const QJsonValue& value)
{
    return QString::number(value.toDouble(), 'f', 2);
}

QStringList row(const QString& label, const QJsonObject& line)
{
    return {label,
            quantity(line.value(QStringLiteral("storageGbMonths"))),
            quantity(line.value(QStringLiteral("freeStorageGbMonths"))),
            money(line.value(QStringLiteral("storageAmount"))),
            quantity(line.value(QStringLiteral("egressGb"))),
            quantity(line.value(QStringLiteral("freeEgressGb"))),
            money(line.value(QStringLiteral("egressAmount"))),
            money(line.value(QStringLiteral("amount")))};
}

} // namespace

QString CostCommands::summary() const
{
    return tr("The monthly cost report per compartment (storage, egress, free allowances), or its CSV.");
}

QList<Subcommand> CostCommands::subcommands() const
{
    return {
        {QString(),
         tr("Shows what a UTC calendar month costs per compartment under the price sheet ('berthctl pricing "
            "show'): storage in GB-months, egress in GB, each compartment's share of the free allowances and "
            "the amounts. The current month is the cost so far. Administrators only."),
         {},
         {QCommandLineOption(QStringLiteral("month"), tr("The month, YYYY-MM (default: the current month)."),
                             QStringLiteral("YYYY-MM")),
          QCommandLineOption(QStringLiteral("csv"),
                             tr("Write the report as CSV to FILE instead ('-' for standard output)."),
                             QStringLiteral("FILE"))},
         run},
    };
}

int CostCommands::run(Invocation& call)
{
    QueryItems query;
    if (call.isSet(QStringLiteral("month")))
        query.append({QStringLiteral("month"), call.value(QStringLiteral("month")).trimmed()});
    if (call.isSet(QStringLiteral("csv"))) {
        const QString file = call.value(QStringLiteral("csv"));
        if (file.isEmpty())
            return call.usageError(tr("--csv needs a file name (or '-' for standard output)."));
        query.append({QStringLiteral("format"), QStringLiteral("csv")});
        const ApiResponse response = call.api().get(QStringLiteral("/api/v1/cost"), query);
        if (!response.ok())
            return call.failure(response);
        if (file == QLatin1String("-")) {
            call.output().out() << QString::fromUtf8(response.body);
            call.output().out().flush();
            return Invocation::Success;
        }
        QSaveFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(response.body) != response.body.size() ||
            !out.commit())
            return call.failure(tr("Could not write %1: %2. Check the folder exists and you may write there.")
                                    .arg(file, out.errorString()));
        call.output().message(tr("Wrote the cost report to %1.").arg(file));
        return Invocation::Success;
    }

    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/cost"), query);
    return call.show(response, [&call](const QJsonObject& report) {
        const QString currency = report.value(QStringLiteral("currency")).toString();
        const QString month = report.value(QStringLiteral("month")).toString();
        if (report.value(QStringLiteral("partial")).toBool())
            call.output().message(
                tr("Cost of %1 so far (through %2), in %3:")
                    .arg(month, report.value(QStringLiteral("through")).toString(), currency));
        else
            call.output().message(tr("Cost of %1, in %2:").arg(month, currency));
        QList<QStringList> rows;
        for (const QJsonValue& item : report.value(QStringLiteral("items")).toArray()) {
            const QJsonObject line = item.toObject();
            rows.append(row(line.value(QStringLiteral("compartmentName")).toString(), line));
        }
        rows.append(row(tr("Total"), report.value(QStringLiteral("total")).toObject()));
        call.output().table({tr("COMPARTMENT"), tr("STORAGE GB-MONTHS"), tr("FREE"), tr("STORAGE"),
                             tr("EGRESS GB"), tr("FREE"), tr("EGRESS"), tr("AMOUNT")},
                            rows);
    });
}

} // namespace berth
