#include "api/CompartmentEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiSchema.h"
#include "api/IdentityJson.h"
#include "iam/IdentityService.h"

#include <QHash>
#include <QJsonArray>

namespace berth {

namespace {

IdentityService& identity(const ApiCall& call)
{
    return *call.services().identity;
}

ApiReply tree(ApiCall& call)
{
    auto all = identity(call).compartments();
    if (!all)
        return ApiReply::error(all.error());
    // Children by parent id, in name order; then built from the tenancy down.
    QHash<QString, QList<CompartmentRecord>> children;
    const CompartmentRecord* root = nullptr;
    for (const CompartmentRecord& c : all.value()) {
        if (c.isTenancy())
            root = &c;
        else
            children[c.parentId].append(c);
    }
    if (!root)
        return ApiReply::error(
            Error(ErrorCode::Internal, QStringLiteral("The tenancy is missing from the database.")));
    std::function<QJsonObject(const CompartmentRecord&, int)> node = [&](const CompartmentRecord& c,
                                                                         int depth) {
        QJsonObject json = IdentityJson::compartment(c);
        QJsonArray list;
        QList<CompartmentRecord> kids = children.value(c.id);
        std::sort(kids.begin(), kids.end(),
                  [](const CompartmentRecord& a, const CompartmentRecord& b) { return a.name() < b.name(); });
        if (depth < 64) {
            for (const CompartmentRecord& kid : kids)
                list.append(node(kid, depth + 1));
        }
        json.insert(QStringLiteral("children"), list);
        return json;
    };
    return ApiReply::ok(node(*root, 0));
}

Result<CompartmentPath> pathParameter(const ApiCall& call)
{
    return ApiCall::compartmentFrom(call.path(QStringLiteral("compartment")), QStringLiteral("in the path"));
}

ApiReply getOne(ApiCall& call)
{
    auto path = pathParameter(call);
    if (!path)
        return ApiReply::error(path.error());
    auto record = identity(call).compartment(path.value());
    if (!record)
        return ApiReply::error(record.error());
    return ApiReply::ok(IdentityJson::compartment(record.value()));
}

ApiReply create(ApiCall& call)
{
    auto parent = ApiCall::compartmentFrom(call.body().value(QStringLiteral("parent")).toString(),
                                           QStringLiteral("parent"));
    if (!parent)
        return ApiReply::error(parent.error());
    auto record = identity(call).createCompartment(
        parent.value(), call.body().value(QStringLiteral("name")).toString(),
        call.body().value(QStringLiteral("description")).toString(), call.actor());
    if (!record)
        return ApiReply::error(record.error());
    return ApiReply::created(IdentityJson::compartment(record.value()));
}

ApiReply update(ApiCall& call)
{
    auto path = pathParameter(call);
    if (!path)
        return ApiReply::error(path.error());
    IdentityService& ids = identity(call);
    auto record = ids.compartment(path.value());
    if (!record)
        return ApiReply::error(record.error());
    CompartmentPath current = path.value();
    const QJsonObject& body = call.body();
    if (body.contains(QStringLiteral("description"))) {
        record = ids.setCompartmentDescription(current, body.value(QStringLiteral("description")).toString(),
                                               call.actor());
        if (!record)
            return ApiReply::error(record.error());
    }
    if (body.contains(QStringLiteral("parent"))) {
        auto parent = ApiCall::compartmentFrom(body.value(QStringLiteral("parent")).toString(),
                                               QStringLiteral("parent"));
        if (!parent)
            return ApiReply::error(parent.error());
        if (parent.value() != current.parent()) {
            record = ids.moveCompartment(current, parent.value(), call.actor());
            if (!record)
                return ApiReply::error(record.error());
            current = record.value().path;
        }
    }
    if (body.contains(QStringLiteral("name"))) {
        const QString name = body.value(QStringLiteral("name")).toString();
        if (name != current.name()) {
            record = ids.renameCompartment(current, name, call.actor());
            if (!record)
                return ApiReply::error(record.error());
        }
    }
    return ApiReply::ok(IdentityJson::compartment(record.value()));
}

ApiReply remove(ApiCall& call)
{
    auto path = pathParameter(call);
    if (!path)
        return ApiReply::error(path.error());
    if (auto deleted = identity(call).deleteCompartment(path.value(), call.actor()); !deleted)
        return ApiReply::error(deleted.error());
    return ApiReply::noContent();
}

} // namespace

void CompartmentEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QString tag = QStringLiteral("compartments");
    const QString base = QStringLiteral("/api/v1/compartments");
    const QString one = base + QStringLiteral("/{compartment}");

    ApiOperation list = ApiOperation::make(
        "GET", base, QStringLiteral("getCompartmentTree"), tag,
        QStringLiteral("The whole compartment tree, from the tenancy down."), ApiAccess::signedIn(), tree);
    list.responseSchema = S::ref(QStringLiteral("CompartmentNode"));
    table.operations.append(list);

    ApiOperation make = ApiOperation::make("POST", base, QStringLiteral("createCompartment"), tag,
                                           QStringLiteral("Creates a compartment under a parent."),
                                           ApiAccess::administrator(), create);
    make.requestSchema = S::object(
        {{QStringLiteral("parent"), S::string(QStringLiteral("\"A:B\"; absent or \"\" is the tenancy."))},
         {QStringLiteral("name"), S::string(QStringLiteral("Letters, digits, '-', '_' and '.'; 1-100."))},
         {QStringLiteral("description"), S::string()}},
        {QStringLiteral("name")});
    make.status = 201;
    make.responseSchema = S::ref(QStringLiteral("Compartment"));
    make.errorStatuses = {404, 409};
    table.operations.append(make);

    ApiOperation get = ApiOperation::make("GET", one, QStringLiteral("getCompartment"), tag,
                                          QStringLiteral("One compartment."), ApiAccess::signedIn(), getOne);
    get.parameters = {ApiParameter::compartmentPath()};
    get.responseSchema = S::ref(QStringLiteral("Compartment"));
    get.errorStatuses = {404};
    table.operations.append(get);

    ApiOperation patch = ApiOperation::make(
        "PATCH", one, QStringLiteral("updateCompartment"), tag,
        QStringLiteral(
            "Changes a compartment's description, moves it under another parent and/or renames it; "
            "policies follow at once."),
        ApiAccess::administrator(), update);
    patch.parameters = {ApiParameter::compartmentPath()};
    patch.requestSchema =
        S::object({{QStringLiteral("name"), S::string()},
                   {QStringLiteral("parent"), S::string(QStringLiteral("\"\" is the tenancy."))},
                   {QStringLiteral("description"), S::string()}});
    patch.responseSchema = S::ref(QStringLiteral("Compartment"));
    patch.errorStatuses = {404, 409};
    table.operations.append(patch);

    ApiOperation del =
        ApiOperation::make("DELETE", one, QStringLiteral("deleteCompartment"), tag,
                           QStringLiteral("Deletes an empty compartment (no compartments, repositories "
                                          "or policies in it)."),
                           ApiAccess::administrator(), remove);
    del.parameters = {ApiParameter::compartmentPath()};
    del.status = 204;
    del.errorStatuses = {404, 409};
    table.operations.append(del);
}

} // namespace berth
