#include "api/NetworkSourceEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiPage.h"
#include "api/ApiSchema.h"
#include "api/IdentityJson.h"
#include "iam/IdentityService.h"

#include <QJsonArray>

namespace berth {

namespace {

IdentityService& identity(const ApiCall& call)
{
    return *call.services().identity;
}

QStringList ranges(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray())
        list.append(v.toString());
    return list;
}

ApiReply reply(const Result<NetworkSourceRecord>& source, int status = 200)
{
    if (!source)
        return ApiReply::error(source.error());
    ApiReply r = ApiReply::ok(IdentityJson::networkSource(source.value()));
    r.status = status;
    return r;
}

ApiReply list(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    auto sources = identity(call).networkSources();
    if (!sources)
        return ApiReply::error(sources.error());
    QList<QPair<QString, QJsonObject>> items;
    for (const NetworkSourceRecord& n : sources.value())
        items.append({n.name, IdentityJson::networkSource(n)});
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return ApiReply::ok(page.value().build(items));
}

ApiReply create(ApiCall& call)
{
    return reply(identity(call).createNetworkSource(
                     call.body().value(QStringLiteral("name")).toString(),
                     ranges(call.body().value(QStringLiteral("ranges"))),
                     call.body().value(QStringLiteral("description")).toString(), call.actor()),
                 201);
}

ApiReply get(ApiCall& call)
{
    return reply(identity(call).networkSource(call.path(QStringLiteral("source"))));
}

ApiReply update(ApiCall& call)
{
    const QString name = call.path(QStringLiteral("source"));
    auto current = identity(call).networkSource(name);
    if (!current)
        return ApiReply::error(current.error());
    const QJsonObject& body = call.body();
    const QStringList newRanges = body.contains(QStringLiteral("ranges"))
                                      ? ranges(body.value(QStringLiteral("ranges")))
                                      : current.value().ranges;
    const QString description =
        body.value(QStringLiteral("description")).toString(current.value().description);
    return reply(identity(call).updateNetworkSource(name, newRanges, description, call.actor()));
}

ApiReply remove(ApiCall& call)
{
    if (auto deleted = identity(call).deleteNetworkSource(call.path(QStringLiteral("source")), call.actor());
        !deleted)
        return ApiReply::error(deleted.error());
    return ApiReply::noContent();
}

} // namespace

void NetworkSourceEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QString tag = QStringLiteral("network-sources");
    const QString base = QStringLiteral("/api/v1/network-sources");
    const QString one = base + QStringLiteral("/{source}");
    const ApiParameter sourceParameter{QStringLiteral("source"),
                                       ApiParameter::In::Path,
                                       QStringLiteral("The network source's name."),
                                       S::string(),
                                       true,
                                       false};
    const QJsonObject rangeList =
        S::arrayOf(S::string(), QStringLiteral("CIDR ranges, e.g. 10.0.0.0/8, 2001:db8::/32."));

    ApiOperation all = ApiOperation::make("GET", base, QStringLiteral("listNetworkSources"), tag,
                                          QStringLiteral("Every network source, by name."),
                                          ApiAccess::administrator(), list);
    all.parameters = ApiPage::parameters();
    all.responseSchema = S::page(S::ref(QStringLiteral("NetworkSource")));
    table.operations.append(all);

    ApiOperation make =
        ApiOperation::make("POST", base, QStringLiteral("createNetworkSource"), tag,
                           QStringLiteral("Creates a network source."), ApiAccess::administrator(), create);
    make.requestSchema = S::object({{QStringLiteral("name"), S::string()},
                                    {QStringLiteral("ranges"), rangeList},
                                    {QStringLiteral("description"), S::string()}},
                                   {QStringLiteral("name"), QStringLiteral("ranges")});
    make.status = 201;
    make.responseSchema = S::ref(QStringLiteral("NetworkSource"));
    make.errorStatuses = {409};
    table.operations.append(make);

    ApiOperation getOne =
        ApiOperation::make("GET", one, QStringLiteral("getNetworkSource"), tag,
                           QStringLiteral("One network source."), ApiAccess::administrator(), get);
    getOne.parameters = {sourceParameter};
    getOne.responseSchema = S::ref(QStringLiteral("NetworkSource"));
    getOne.errorStatuses = {404};
    table.operations.append(getOne);

    ApiOperation patch =
        ApiOperation::make("PATCH", one, QStringLiteral("updateNetworkSource"), tag,
                           QStringLiteral("Replaces a network source's ranges and/or description; "
                                          "policies use the new ranges at once."),
                           ApiAccess::administrator(), update);
    patch.parameters = {sourceParameter};
    patch.requestSchema =
        S::object({{QStringLiteral("ranges"), rangeList}, {QStringLiteral("description"), S::string()}});
    patch.responseSchema = S::ref(QStringLiteral("NetworkSource"));
    patch.errorStatuses = {404};
    table.operations.append(patch);

    ApiOperation del = ApiOperation::make("DELETE", one, QStringLiteral("deleteNetworkSource"), tag,
                                          QStringLiteral("Deletes a network source no policy names."),
                                          ApiAccess::administrator(), remove);
    del.parameters = {sourceParameter};
    del.status = 204;
    del.errorStatuses = {404, 409};
    table.operations.append(del);
}

} // namespace berth
