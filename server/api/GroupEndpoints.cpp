#include "api/GroupEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiPage.h"
#include "api/ApiSchema.h"
#include "api/IdentityJson.h"
#include "iam/IdentityService.h"

namespace berth {

namespace {

IdentityService& identity(const ApiCall& call)
{
    return *call.services().identity;
}

ApiParameter groupParameter()
{
    // Routed as the pattern's {name} so that a member can follow as {param}; group names have no '/'.
    return ApiParameter{QStringLiteral("group"),
                        ApiParameter::In::Path,
                        QStringLiteral("The group name."),
                        ApiSchema::string(),
                        true,
                        true};
}

ApiReply reply(const Result<GroupRecord>& group, int status = 200)
{
    if (!group)
        return ApiReply::error(group.error());
    ApiReply r = ApiReply::ok(IdentityJson::group(group.value()));
    r.status = status;
    return r;
}

ApiReply list(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    auto groups = identity(call).groups();
    if (!groups)
        return ApiReply::error(groups.error());
    QList<QPair<QString, QJsonObject>> items;
    for (const GroupRecord& g : groups.value())
        items.append({g.name, IdentityJson::group(g)});
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return ApiReply::ok(page.value().build(items));
}

ApiReply create(ApiCall& call)
{
    return reply(identity(call).createGroup(call.body().value(QStringLiteral("name")).toString(),
                                            call.body().value(QStringLiteral("description")).toString(),
                                            call.actor()),
                 201);
}

ApiReply get(ApiCall& call)
{
    return reply(identity(call).group(call.path(QStringLiteral("group"))));
}

ApiReply update(ApiCall& call)
{
    const QString name = call.path(QStringLiteral("group"));
    if (!call.body().contains(QStringLiteral("description")))
        return reply(identity(call).group(name));
    return reply(identity(call).updateGroup(name, call.body().value(QStringLiteral("description")).toString(),
                                            call.actor()));
}

ApiReply remove(ApiCall& call)
{
    if (auto deleted = identity(call).deleteGroup(call.path(QStringLiteral("group")), call.actor()); !deleted)
        return ApiReply::error(deleted.error());
    return ApiReply::noContent();
}

ApiReply addMember(ApiCall& call)
{
    return reply(identity(call).addUserToGroup(call.path(QStringLiteral("group")),
                                               call.path(QStringLiteral("user")), call.actor()));
}

ApiReply removeMember(ApiCall& call)
{
    return reply(identity(call).removeUserFromGroup(call.path(QStringLiteral("group")),
                                                    call.path(QStringLiteral("user")), call.actor()));
}

} // namespace

void GroupEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QString tag = QStringLiteral("groups");
    const QString base = QStringLiteral("/api/v1/groups");
    const QString one = base + QStringLiteral("/{group}");
    const QString member = one + QStringLiteral("/members/{user}");
    const ApiParameter userParameter{QStringLiteral("user"),
                                     ApiParameter::In::Path,
                                     QStringLiteral("The user name."),
                                     S::string(),
                                     true,
                                     false};

    ApiOperation all = ApiOperation::make("GET", base, QStringLiteral("listGroups"), tag,
                                          QStringLiteral("Every group with its members, by name."),
                                          ApiAccess::administrator(), list);
    all.parameters = ApiPage::parameters();
    all.responseSchema = S::page(S::ref(QStringLiteral("Group")));
    table.operations.append(all);

    ApiOperation make =
        ApiOperation::make("POST", base, QStringLiteral("createGroup"), tag,
                           QStringLiteral("Creates a group."), ApiAccess::administrator(), create);
    make.requestSchema =
        S::object({{QStringLiteral("name"), S::string()}, {QStringLiteral("description"), S::string()}},
                  {QStringLiteral("name")});
    make.status = 201;
    make.responseSchema = S::ref(QStringLiteral("Group"));
    make.errorStatuses = {409};
    table.operations.append(make);

    ApiOperation getOne =
        ApiOperation::make("GET", one, QStringLiteral("getGroup"), tag,
                           QStringLiteral("One group with its members."), ApiAccess::administrator(), get);
    getOne.parameters = {groupParameter()};
    getOne.responseSchema = S::ref(QStringLiteral("Group"));
    getOne.errorStatuses = {404};
    table.operations.append(getOne);

    ApiOperation patch = ApiOperation::make("PATCH", one, QStringLiteral("updateGroup"), tag,
                                            QStringLiteral("Changes a group's description."),
                                            ApiAccess::administrator(), update);
    patch.parameters = {groupParameter()};
    patch.requestSchema = S::object({{QStringLiteral("description"), S::string()}});
    patch.responseSchema = S::ref(QStringLiteral("Group"));
    patch.errorStatuses = {404};
    table.operations.append(patch);

    ApiOperation del = ApiOperation::make("DELETE", one, QStringLiteral("deleteGroup"), tag,
                                          QStringLiteral("Deletes a group (not Administrators)."),
                                          ApiAccess::administrator(), remove);
    del.parameters = {groupParameter()};
    del.status = 204;
    del.errorStatuses = {404, 409};
    table.operations.append(del);

    ApiOperation add =
        ApiOperation::make("PUT", member, QStringLiteral("addGroupMember"), tag,
                           QStringLiteral("Adds a user to the group (no change when already a member)."),
                           ApiAccess::administrator(), addMember);
    add.parameters = {groupParameter(), userParameter};
    add.responseSchema = S::ref(QStringLiteral("Group"));
    add.errorStatuses = {404};
    table.operations.append(add);

    ApiOperation drop = ApiOperation::make(
        "DELETE", member, QStringLiteral("removeGroupMember"), tag,
        QStringLiteral("Removes a user from the group (Administrators keeps at least one unlocked member)."),
        ApiAccess::administrator(), removeMember);
    drop.parameters = {groupParameter(), userParameter};
    drop.responseSchema = S::ref(QStringLiteral("Group"));
    drop.errorStatuses = {404, 409};
    table.operations.append(drop);
}

} // namespace berth
