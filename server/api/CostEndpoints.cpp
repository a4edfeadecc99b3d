#include "api/CostEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiSchema.h"
#include "metering/CostReport.h"
#include "metering/CostReportCsv.h"
#include "metering/PriceSheetStore.h"
#include "registry/RegistryService.h"

namespace berth {

namespace {

QJsonObject sheetJson(const PriceSheet& sheet)
{
    QJsonObject json = sheet.toJson();
    json.insert(QStringLiteral("bytesPerGb"), qint64(PriceSheet::BytesPerGb));
    json.insert(QStringLiteral("updatedAt"),
                sheet.updatedAt.isValid() ? QJsonValue(sheet.updatedAt.toUTC().toString(Qt::ISODateWithMs))
                                          : QJsonValue());
    json.insert(QStringLiteral("updatedBy"), sheet.updatedBy);
    return json;
}

ApiReply getPricing(ApiCall& call)
{
    auto sheet = PriceSheetStore(call.services().registry->metadata()).load();
    if (!sheet)
        return ApiReply::error(sheet.error());
    return ApiReply::ok(sheetJson(sheet.value()));
}

ApiReply putPricing(ApiCall& call)
{
    RegistryService& registry = *call.services().registry;
    PriceSheetStore store(registry.metadata());
    auto current = store.load();
    // A stored sheet that no longer reads is replaced from the defaults.
    auto sheet = PriceSheet::fromJson(call.body(), current ? current.value() : PriceSheet::defaults());
    if (!sheet)
        return ApiReply::error(sheet.error());
    auto saved = store.save(sheet.value(), call.actor(), registry.clock().now());
    if (!saved)
        return ApiReply::error(saved.error());
    return ApiReply::ok(sheetJson(saved.value()));
}

bool wantsCsv(ApiCall& call)
{
    const QString format = call.query(QStringLiteral("format"));
    if (!format.isEmpty())
        return format == QLatin1String("csv");
    return call.request().header("Accept").contains("text/csv");
}

ApiReply getCost(ApiCall& call)
{
    RegistryService& registry = *call.services().registry;
    const QDate today = registry.clock().now().toUTC().date();
    QDate month(today.year(), today.month(), 1);
    if (call.hasQuery(QStringLiteral("month"))) {
        auto parsed = CostReport::parseMonth(call.query(QStringLiteral("month")));
        if (!parsed)
            return ApiReply::error(parsed.error());
        month = parsed.value();
    }
    const QString format = call.query(QStringLiteral("format"));
    if (!format.isEmpty() && format != QLatin1String("csv") && format != QLatin1String("json"))
        return ApiReply::invalidArgument(
            QStringLiteral("The query parameter \"format\" must be json or csv, not \"%1\".")
                .arg(format.left(20)));
    auto prices = PriceSheetStore(registry.metadata()).load();
    if (!prices)
        return ApiReply::error(prices.error());
    auto report = CostReport::compute(registry.metadata(), prices.value(), month, today);
    if (!report)
        return ApiReply::error(report.error());
    if (wantsCsv(call)) {
        ApiReply reply = ApiReply::raw("text/csv; charset=utf-8", CostReportCsv::write(report.value()));
        reply.headers.append(
            {"Content-Disposition", QStringLiteral("attachment; filename=\"berth-cost-%1.csv\"")
                                        .arg(report->monthText())
                                        .toLatin1()});
        return reply;
    }
    return ApiReply::ok(report->toJson());
}

QJsonObject lineSchema(bool compartment)
{
    using S = ApiSchema;
    QJsonObject properties{
        {QStringLiteral("storageGbMonths"),
         S::number(QStringLiteral("GB (10^9 bytes) stored, averaged over the month's days."))},
        {QStringLiteral("freeStorageGbMonths"),
         S::number(QStringLiteral("This line's share of the free storage allowance."))},
        {QStringLiteral("billableStorageGbMonths"), S::number()},
        {QStringLiteral("storageAmount"), S::number(QStringLiteral("Rounded to 2 decimals."))},
        {QStringLiteral("egressBytes"), S::integer()},
        {QStringLiteral("egressGb"), S::number()},
        {QStringLiteral("freeEgressGb"), S::number()},
        {QStringLiteral("billableEgressGb"), S::number()},
        {QStringLiteral("egressAmount"), S::number()},
        {QStringLiteral("amount"), S::number(QStringLiteral("Storage and egress, rounded to 2 decimals."))}};
    QStringList required = properties.keys();
    if (compartment) {
        properties.insert(QStringLiteral("compartment"),
                          S::string(QStringLiteral("The compartment's path, \"\" for the tenancy.")));
        properties.insert(QStringLiteral("compartmentId"),
                          S::string(QStringLiteral("Empty for a compartment deleted since.")));
        properties.insert(
            QStringLiteral("compartmentName"),
            S::string(QStringLiteral("The path as people read it: \"(tenancy)\" for the root.")));
        properties.insert(QStringLiteral("deletedCompartment"), S::boolean());
        required << QStringLiteral("compartment") << QStringLiteral("compartmentId");
    }
    return S::object(properties, required);
}

} // namespace

void CostEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QString tag = QStringLiteral("cost");
    const QJsonObject fields{
        {QStringLiteral("currency"), S::string(QStringLiteral("ISO 4217 code, three capital letters."))},
        {QStringLiteral("storagePerGbMonth"), S::number(QStringLiteral("Price of one GB-month, 0 or more."))},
        {QStringLiteral("egressPerGb"), S::number(QStringLiteral("Price of one GB sent to clients."))},
        {QStringLiteral("freeStorageGbMonths"),
         S::number(QStringLiteral("Free each month for the whole registry."))},
        {QStringLiteral("freeEgressGb"),
         S::number(QStringLiteral("Free each month for the whole registry."))}};
    QJsonObject sheetProperties = fields;
    sheetProperties.insert(QStringLiteral("bytesPerGb"),
                           S::integer(QStringLiteral("Bytes in a GB: 1000000000 (SI).")));
    sheetProperties.insert(QStringLiteral("updatedAt"),
                           S::nullableDateTime(QStringLiteral("null while the defaults apply.")));
    sheetProperties.insert(QStringLiteral("updatedBy"), S::string());
    table.schemas.insert(
        QStringLiteral("PriceSheet"),
        S::object(sheetProperties, sheetProperties.keys(),
                  QStringLiteral("Storage and egress prices and the monthly free allowances.")));

    ApiOperation get = ApiOperation::make(
        "GET", QStringLiteral("/api/v1/pricing"), QStringLiteral("getPricing"), tag,
        QStringLiteral("The price sheet: storage per GB-month, egress per GB, the free allowances and the "
                       "currency (defaults modelled on OCI list prices until an administrator sets them)."),
        ApiAccess::signedIn(), getPricing);
    get.responseSchema = S::ref(QStringLiteral("PriceSheet"));
    table.operations.append(get);

    ApiOperation put = ApiOperation::make(
        "PUT", QStringLiteral("/api/v1/pricing"), QStringLiteral("setPricing"), tag,
        QStringLiteral("Changes the price sheet. Fields left out keep their value; prices and allowances "
                       "must be 0 or more and the currency an ISO 4217 code."),
        ApiAccess::administrator(), putPricing);
    put.requestSchema = S::object(fields);
    put.responseSchema = S::ref(QStringLiteral("PriceSheet"));
    table.operations.append(put);

    ApiOperation cost = ApiOperation::make(
        "GET", QStringLiteral("/api/v1/cost"), QStringLiteral("getCostReport"), tag,
        QStringLiteral("The cost report of a UTC calendar month per compartment: storage GB-months, egress "
                       "GB, the free allowances shared out in proportion to use, amounts and totals. The "
                       "current month is the cost so far. With format=csv or Accept: text/csv the answer is "
                       "CSV (RFC 4180, a header row, one row per compartment and a Total row)."),
        ApiAccess::administrator(), getCost);
    cost.parameters = {
        ApiParameter{QStringLiteral("month"), ApiParameter::In::Query,
                     QStringLiteral("YYYY-MM; default the current month."), S::string(), false, false},
        ApiParameter{QStringLiteral("format"), ApiParameter::In::Query,
                     QStringLiteral("json (default) or csv."),
                     S::stringEnum({QStringLiteral("json"), QStringLiteral("csv")}), false, false}};
    cost.responseSchema = S::object(
        {{QStringLiteral("month"), S::string(QStringLiteral("YYYY-MM"))},
         {QStringLiteral("from"), S::string(QStringLiteral("The month's first day, YYYY-MM-DD."))},
         {QStringLiteral("through"),
          S::string(QStringLiteral("The last day counted (today in the current month)."))},
         {QStringLiteral("partial"), S::boolean(QStringLiteral("True for the current month (so far)."))},
         {QStringLiteral("daysInMonth"), S::integer()},
         {QStringLiteral("daysCounted"), S::integer()},
         {QStringLiteral("currency"), S::string()},
         {QStringLiteral("prices"), QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}},
         {QStringLiteral("items"), S::arrayOf(lineSchema(true), QStringLiteral("By compartment path."))},
         {QStringLiteral("total"), lineSchema(false)}},
        {QStringLiteral("month"), QStringLiteral("partial"), QStringLiteral("currency"),
         QStringLiteral("items"), QStringLiteral("total")});
    table.operations.append(cost);
}

} // namespace berth
