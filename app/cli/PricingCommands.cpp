#include "cli/PricingCommands.h"

#include "cli/Invocation.h"

#include <QLocale>

namespace berth {

namespace {

/// The API's number fields and the options that set them.
struct PriceOption
{
    const char* option;
    const char* field;
};
constexpr PriceOption PriceOptions[] = {
    {"storage-gb-month", "storagePerGbMonth"},
    {"egress-gb", "egressPerGb"},
    {"free-storage-gb-months", "freeStorageGbMonths"},
    {"free-egress-gb", "freeEgressGb"},
};

QString number(const QJsonValue& value)
{
    return QString::number(value.toDouble(), 'g', 12);
}

void printSheet(Invocation& call, const QJsonObject& sheet)
{
    const QString currency = sheet.value(QStringLiteral("currency")).toString();
    call.output().record({
        {PricingCommands::tr("Currency"), currency},
        {PricingCommands::tr("Storage"),
         PricingCommands::tr("%1 %2 per GB-month")
             .arg(number(sheet.value(QStringLiteral("storagePerGbMonth"))), currency)},
        {PricingCommands::tr("Egress"),
         PricingCommands::tr("%1 %2 per GB")
             .arg(number(sheet.value(QStringLiteral("egressPerGb"))), currency)},
        {PricingCommands::tr("Free storage"),
         PricingCommands::tr("%1 GB-months a month")
             .arg(number(sheet.value(QStringLiteral("freeStorageGbMonths"))))},
        {PricingCommands::tr("Free egress"),
         PricingCommands::tr("%1 GB a month").arg(number(sheet.value(QStringLiteral("freeEgressGb"))))},
        {PricingCommands::tr("GB"),
         PricingCommands::tr("%1 bytes").arg(sheet.value(QStringLiteral("bytesPerGb")).toInteger())},
        {PricingCommands::tr("Updated"),
         sheet.value(QStringLiteral("updatedAt")).isNull()
             ? PricingCommands::tr("never (the defaults apply)")
             : PricingCommands::tr("%1 by %2")
                   .arg(Output::time(sheet.value(QStringLiteral("updatedAt"))),
                        sheet.value(QStringLiteral("updatedBy")).toString())},
    });
}

} // namespace

QString PricingCommands::summary() const
{
    return tr("The price sheet the cost report uses: show, set.");
}

QList<Subcommand> PricingCommands::subcommands() const
{
    QList<QCommandLineOption> options{
        QCommandLineOption(QStringLiteral("storage-gb-month"), tr("Price of one GB-month of storage."),
                           QStringLiteral("PRICE")),
        QCommandLineOption(QStringLiteral("egress-gb"), tr("Price of one GB sent to clients."),
                           QStringLiteral("PRICE")),
        QCommandLineOption(QStringLiteral("free-storage-gb-months"),
                           tr("GB-months of storage free each month, for the whole registry."),
                           QStringLiteral("GB")),
        QCommandLineOption(QStringLiteral("free-egress-gb"),
                           tr("GB of egress free each month, for the whole registry."), QStringLiteral("GB")),
        QCommandLineOption(QStringLiteral("currency"), tr("ISO 4217 currency code, e.g. USD or EUR."),
                           QStringLiteral("CODE")),
    };
    return {
        {QStringLiteral("show"),
         tr("Shows the prices, the free allowances and the currency (a GB is 10^9 bytes)."),
         {},
         {},
         show},
        {QStringLiteral("set"),
         tr("Changes the prices given; the others keep their value. Numbers use '.' as the decimal point. "
            "Administrators only."),
         {},
         options,
         set},
    };
}

int PricingCommands::show(Invocation& call)
{
    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/pricing"));
    return call.show(response, [&call](const QJsonObject& sheet) { printSheet(call, sheet); });
}

int PricingCommands::set(Invocation& call)
{
    QJsonObject body;
    for (const PriceOption& price : PriceOptions) {
        const QString option = QString::fromLatin1(price.option);
        if (!call.isSet(option))
            continue;
        bool ok = false;
        const double value = QLocale::c().toDouble(call.value(option).trimmed(), &ok);
        if (!ok)
            return call.usageError(tr("--%1 must be a number such as 0.025 (with '.' as the decimal point), "
                                      "not \"%2\".")
                                       .arg(option, call.value(option).left(40)));
        body.insert(QString::fromLatin1(price.field), value);
    }
    if (call.isSet(QStringLiteral("currency")))
        body.insert(QStringLiteral("currency"), call.value(QStringLiteral("currency")).trimmed());
    if (body.isEmpty())
        return call.usageError(tr("Nothing to change: give at least one of --storage-gb-month, --egress-gb, "
                                  "--free-storage-gb-months, --free-egress-gb and --currency."));
    const ApiResponse response = call.api().send("PUT", QStringLiteral("/api/v1/pricing"), body);
    return call.show(response, [&call](const QJsonObject& sheet) { printSheet(call, sheet); });
}

} // namespace berth
