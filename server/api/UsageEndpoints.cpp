#include "api/UsageEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiSchema.h"
#include "api/ApiServices.h"
#include "iam/CompartmentTree.h"
#include "iam/IamErrors.h"
#include "iam/IdentityStore.h"
#include "metering/StorageUsage.h"
#include "metering/UsageMeter.h"
#include "metering/UsageSummary.h"
#include "registry/RegistryService.h"

#include <QJsonArray>

namespace berth {

namespace {

/// Usage looks back this many days when "from" is not given.
constexpr int DefaultDays = 30;

Result<QDate> dayParameter(const ApiCall& call, const QString& name, const QDate& fallback)
{
    if (!call.hasQuery(name) || call.query(name).isEmpty())
        return fallback;
    const QString text = call.query(name);
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (!day.isValid() || text.size() != 10)
        return Error(ErrorCode::NameInvalid,
                     QStringLiteral("The query parameter \"%1\" must be a day such as 2026-05-01 (UTC), "
                                    "not \"%2\".")
                         .arg(name, text.left(60)));
    return day;
}

/// The compartment asked about (query "compartment", the tenancy when absent) and the tree it is in.
struct Scope
{
    CompartmentTree tree;
    const CompartmentRecord* compartment = nullptr;
    QList<qint64> rowIds; ///< the compartment and every one below it

    bool contains(qint64 rowId) const { return rowIds.contains(rowId); }
    QString pathOf(qint64 rowId) const
    {
        const CompartmentRecord* c = tree.byRowId(rowId);
        return c ? c->path.toString() : QString();
    }
};

Result<Scope> scopeOf(ApiCall& call)
{
    auto path =
        ApiCall::compartmentFrom(call.query(QStringLiteral("compartment")), QStringLiteral("compartment"));
    if (!path)
        return path.error();
    auto tree = IdentityStore(call.services().registry->metadata()).compartmentTree();
    if (!tree)
        return tree.error();
    Scope scope;
    scope.tree = tree.value();
    scope.compartment = scope.tree.find(path.value());
    if (!scope.compartment)
        return IamErrors::notFound(
            QStringLiteral("There is no %1; see GET /api/v1/compartments.").arg(path.value().describe()));
    for (const CompartmentRecord& c : scope.tree.all()) {
        if (scope.tree.isWithin(c.rowId, scope.compartment->rowId))
            scope.rowIds << c.rowId;
    }
    return scope;
}

QJsonObject totalsJson(const UsageTotals& t)
{
    return QJsonObject{{QStringLiteral("pulls"), t.pulls},
                       {QStringLiteral("pushes"), t.pushes},
                       {QStringLiteral("egressBytes"), t.egressBytes},
                       {QStringLiteral("ingressBytes"), t.ingressBytes}};
}

ApiReply usage(ApiCall& call)
{
    RegistryService& registry = *call.services().registry;
    const QDate today = QDate::fromString(UsageMeter::dayOf(registry.clock().now()), Qt::ISODate);
    auto to = dayParameter(call, QStringLiteral("to"), today);
    if (!to)
        return ApiReply::error(to.error());
    auto from = dayParameter(call, QStringLiteral("from"), to.value().addDays(-(DefaultDays - 1)));
    if (!from)
        return ApiReply::error(from.error());
    if (from.value() > to.value())
        return ApiReply::invalidArgument(
            QStringLiteral("\"from\" (%1) is after \"to\" (%2); give the earlier day first.")
                .arg(from.value().toString(Qt::ISODate), to.value().toString(Qt::ISODate)));
    const QString byName =
        call.hasQuery(QStringLiteral("by")) ? call.query(QStringLiteral("by")) : QStringLiteral("repository");
    const std::optional<UsageGrouping> by = UsageSummary::groupingFromName(byName);
    if (!by)
        return ApiReply::invalidArgument(
            QStringLiteral(
                "The query parameter \"by\" must be repository, compartment, user or day, not \"%1\".")
                .arg(byName.left(60)));
    auto scope = scopeOf(call);
    if (!scope)
        return ApiReply::error(scope.error());

    UsageFilter filter;
    filter.from = from.value();
    filter.to = to.value();
    filter.repository = call.query(QStringLiteral("repository"));
    if (!scope->compartment->isTenancy()) {
        filter.restrictCompartments = true;
        filter.compartmentIds = scope->rowIds;
    }
    auto rows = UsageSummary(registry.metadata()).totals(filter, *by);
    if (!rows)
        return ApiReply::error(rows.error());
    QJsonArray items;
    UsageTotals total;
    for (const UsageTotals& row : rows.value()) {
        QJsonObject item = totalsJson(row);
        item.insert(QStringLiteral("key"),
                    *by == UsageGrouping::Compartment ? scope->pathOf(row.compartmentId) : row.key);
        items.append(item);
        total.add(row);
    }
    return ApiReply::ok(QJsonObject{{QStringLiteral("from"), from.value().toString(Qt::ISODate)},
                                    {QStringLiteral("to"), to.value().toString(Qt::ISODate)},
                                    {QStringLiteral("by"), byName},
                                    {QStringLiteral("items"), items},
                                    {QStringLiteral("total"), totalsJson(total)}});
}

QJsonObject storageJson(qint64 stored, qint64 unique)
{
    return QJsonObject{{QStringLiteral("storedBytes"), stored},
                       {QStringLiteral("uniqueBytes"), unique},
                       {QStringLiteral("sharedBytes"), stored - unique}};
}

ApiReply storage(ApiCall& call)
{
    auto scope = scopeOf(call);
    if (!scope)
        return ApiReply::error(scope.error());
    StorageUsage usage(call.services().registry->metadata());
    auto repositories = usage.repositories();
    if (!repositories)
        return ApiReply::error(repositories.error());
    auto compartments = usage.compartments();
    if (!compartments)
        return ApiReply::error(compartments.error());
    QJsonArray repositoryItems;
    for (const RepositoryStorage& r : repositories.value()) {
        if (!scope->contains(r.compartmentId))
            continue;
        QJsonObject item = storageJson(r.storedBytes, r.uniqueBytes);
        item.insert(QStringLiteral("repository"), r.repository);
        item.insert(QStringLiteral("compartment"), scope->pathOf(r.compartmentId));
        repositoryItems.append(item);
    }
    QJsonArray compartmentItems;
    for (const CompartmentStorage& c : compartments.value()) {
        if (!scope->contains(c.compartmentId))
            continue;
        QJsonObject item = storageJson(c.storedBytes, c.uniqueBytes);
        item.insert(QStringLiteral("compartment"), scope->pathOf(c.compartmentId));
        item.insert(QStringLiteral("repositories"), c.repositories);
        compartmentItems.append(item);
    }
    QJsonObject json{{QStringLiteral("repositories"), repositoryItems},
                     {QStringLiteral("compartments"), compartmentItems}};
    if (scope->compartment->isTenancy()) {
        auto total = usage.totalBytes();
        if (!total)
            return ApiReply::error(total.error());
        json.insert(QStringLiteral("totalBytes"), total.value());
    }
    return ApiReply::ok(json);
}

} // namespace

void UsageEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QString tag = QStringLiteral("usage");
    auto query = [](const QString& name, const QString& description,
                    const QJsonObject& schema = S::string()) {
        return ApiParameter{name, ApiParameter::In::Query, description, schema, false, false};
    };
    const ApiAccess access =
        ApiAccess::compartment(Permission::RepositoryInspect, QStringLiteral("compartment"));
    const ApiParameter compartment =
        query(QStringLiteral("compartment"),
              QStringLiteral("\"A:B\"; absent or \"\" is the tenancy. Usage of this compartment and those "
                             "below it."));

    const QJsonObject counts{
        {QStringLiteral("pulls"), S::integer(QStringLiteral("manifest GETs"))},
        {QStringLiteral("pushes"), S::integer(QStringLiteral("manifest PUTs"))},
        {QStringLiteral("egressBytes"),
         S::integer(QStringLiteral("body bytes of blob and manifest GETs sent"))},
        {QStringLiteral("ingressBytes"), S::integer(QStringLiteral("upload bytes received"))}};
    const QStringList countNames{QStringLiteral("pulls"), QStringLiteral("pushes"),
                                 QStringLiteral("egressBytes"), QStringLiteral("ingressBytes")};
    table.schemas.insert(QStringLiteral("UsageCounts"), S::object(counts, countNames));
    QJsonObject row = counts;
    row.insert(QStringLiteral("key"),
               S::string(QStringLiteral("the repository, compartment path, user ('' for anonymous) or day")));
    table.schemas.insert(QStringLiteral("UsageRow"),
                         S::object(row, countNames + QStringList{QStringLiteral("key")}));
    const QStringList groupings{QStringLiteral("repository"), QStringLiteral("compartment"),
                                QStringLiteral("user"), QStringLiteral("day")};
    table.schemas.insert(
        QStringLiteral("UsageReport"),
        S::object({{QStringLiteral("from"), S::string(QStringLiteral("YYYY-MM-DD (UTC)"))},
                   {QStringLiteral("to"), S::string(QStringLiteral("YYYY-MM-DD (UTC), included"))},
                   {QStringLiteral("by"), S::stringEnum(groupings)},
                   {QStringLiteral("items"), S::arrayOf(S::ref(QStringLiteral("UsageRow")))},
                   {QStringLiteral("total"), S::ref(QStringLiteral("UsageCounts"))}},
                  {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("by"),
                   QStringLiteral("items"), QStringLiteral("total")}));

    const QJsonObject bytes{
        {QStringLiteral("storedBytes"), S::integer()},
        {QStringLiteral("uniqueBytes"), S::integer(QStringLiteral("held nowhere else"))},
        {QStringLiteral("sharedBytes"), S::integer(QStringLiteral("also held elsewhere"))}};
    const QStringList byteNames{QStringLiteral("storedBytes"), QStringLiteral("uniqueBytes"),
                                QStringLiteral("sharedBytes")};
    QJsonObject repositoryStorage = bytes;
    repositoryStorage.insert(QStringLiteral("repository"), S::string());
    repositoryStorage.insert(QStringLiteral("compartment"), S::string());
    QJsonObject compartmentStorage = bytes;
    compartmentStorage.insert(QStringLiteral("compartment"), S::string());
    compartmentStorage.insert(QStringLiteral("repositories"), S::integer());
    table.schemas.insert(
        QStringLiteral("StorageReport"),
        S::object({{QStringLiteral("repositories"),
                    S::arrayOf(S::object(repositoryStorage,
                                         byteNames + QStringList{QStringLiteral("repository"),
                                                                 QStringLiteral("compartment")}))},
                   {QStringLiteral("compartments"),
                    S::arrayOf(S::object(compartmentStorage,
                                         byteNames + QStringList{QStringLiteral("compartment"),
                                                                 QStringLiteral("repositories")}))},
                   {QStringLiteral("totalBytes"),
                    S::integer(QStringLiteral("every distinct blob and manifest once (tenancy only)"))}},
                  {QStringLiteral("repositories"), QStringLiteral("compartments")}));

    ApiOperation list = ApiOperation::make(
        "GET", QStringLiteral("/api/v1/usage"), QStringLiteral("getUsage"), tag,
        QStringLiteral(
            "Pulls, pushes, egress and ingress per repository, compartment, user or day, over days "
            "from..to (UTC, both included; default the last 30 days)."),
        access, usage);
    list.parameters = {query(QStringLiteral("from"), QStringLiteral("First day, YYYY-MM-DD.")),
                       query(QStringLiteral("to"), QStringLiteral("Last day, YYYY-MM-DD (default today).")),
                       query(QStringLiteral("by"), QStringLiteral("Grouping (default repository)."),
                             S::stringEnum(groupings)),
                       query(QStringLiteral("repository"), QStringLiteral("Only this repository.")),
                       compartment};
    list.responseSchema = S::ref(QStringLiteral("UsageReport"));
    list.errorStatuses = {404};
    table.operations.append(list);

    ApiOperation stored = ApiOperation::make(
        "GET", QStringLiteral("/api/v1/usage/storage"), QStringLiteral("getStorageUsage"), tag,
        QStringLiteral(
            "Stored bytes now per repository and compartment, unique (held nowhere else) and shared."),
        access, storage);
    stored.parameters = {compartment};
    stored.responseSchema = S::ref(QStringLiteral("StorageReport"));
    stored.errorStatuses = {404};
    table.operations.append(stored);
}

} // namespace berth
