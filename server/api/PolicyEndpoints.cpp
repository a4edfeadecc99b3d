#include "api/PolicyEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiPage.h"
#include "api/ApiSchema.h"
#include "api/IdentityJson.h"
#include "iam/IdentityService.h"
#include "registry/RegistryService.h"

#include <QJsonArray>

namespace berth {

namespace {

IdentityService& identity(const ApiCall& call)
{
    return *call.services().identity;
}

ApiParameter compartmentQuery(const QString& description)
{
    return ApiParameter{QStringLiteral("compartment"),
                        ApiParameter::In::Query,
                        description,
                        ApiSchema::string(),
                        false,
                        false};
}

/// The policy named in the path, in the compartment of ?compartment= (the tenancy when absent).
struct PolicyKey
{
    CompartmentPath compartment;
    QString name;
};

Result<PolicyKey> keyOf(const ApiCall& call)
{
    auto compartment =
        ApiCall::compartmentFrom(call.query(QStringLiteral("compartment")), QStringLiteral("compartment"));
    if (!compartment)
        return compartment.error();
    return PolicyKey{compartment.value(), call.path(QStringLiteral("policy"))};
}

ApiReply reply(const Result<PolicyRecord>& policy, int status = 200)
{
    if (!policy)
        return ApiReply::error(policy.error());
    ApiReply r = ApiReply::ok(IdentityJson::policy(policy.value()));
    r.status = status;
    return r;
}

ApiReply list(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    std::optional<CompartmentPath> only;
    if (call.hasQuery(QStringLiteral("compartment"))) {
        auto compartment = ApiCall::compartmentFrom(call.query(QStringLiteral("compartment")),
                                                    QStringLiteral("compartment"));
        if (!compartment)
            return ApiReply::error(compartment.error());
        only = compartment.value();
    }
    auto policies = identity(call).policies();
    if (!policies)
        return ApiReply::error(policies.error());
    QList<QPair<QString, QJsonObject>> items;
    for (const PolicyRecord& p : policies.value()) {
        if (only && p.compartment != *only)
            continue;
        // Compartment, then name; '\n' sorts before any character a compartment path may hold.
        items.append({p.compartment.toString() + QLatin1Char('\n') + p.name, IdentityJson::policy(p)});
    }
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return ApiReply::ok(page.value().build(items));
}

ApiReply create(ApiCall& call)
{
    auto compartment = ApiCall::compartmentFrom(call.body().value(QStringLiteral("compartment")).toString(),
                                                QStringLiteral("compartment"));
    if (!compartment)
        return ApiReply::error(compartment.error());
    return reply(
        identity(call).createPolicy(compartment.value(), call.body().value(QStringLiteral("name")).toString(),
                                    call.body().value(QStringLiteral("description")).toString(),
                                    call.body().value(QStringLiteral("statements")).toString(), call.actor()),
        201);
}

ApiReply get(ApiCall& call)
{
    auto key = keyOf(call);
    if (!key)
        return ApiReply::error(key.error());
    return reply(identity(call).policy(key.value().compartment, key.value().name));
}

ApiReply update(ApiCall& call)
{
    auto key = keyOf(call);
    if (!key)
        return ApiReply::error(key.error());
    auto current = identity(call).policy(key.value().compartment, key.value().name);
    if (!current)
        return ApiReply::error(current.error());
    const QJsonObject& body = call.body();
    return reply(identity(call).updatePolicy(
        key.value().compartment, key.value().name,
        body.value(QStringLiteral("description")).toString(current.value().description),
        body.value(QStringLiteral("statements")).toString(current.value().statements), call.actor()));
}

ApiReply remove(ApiCall& call)
{
    auto key = keyOf(call);
    if (!key)
        return ApiReply::error(key.error());
    if (auto deleted = identity(call).deletePolicy(key.value().compartment, key.value().name, call.actor());
        !deleted)
        return ApiReply::error(deleted.error());
    return ApiReply::noContent();
}

ApiReply validate(ApiCall& call)
{
    auto compartment = ApiCall::compartmentFrom(call.body().value(QStringLiteral("compartment")).toString(),
                                                QStringLiteral("compartment"));
    if (!compartment)
        return ApiReply::error(compartment.error());
    auto problems = identity(call).checkPolicy(compartment.value(),
                                               call.body().value(QStringLiteral("statements")).toString());
    if (!problems)
        return ApiReply::error(problems.error());
    QJsonArray list;
    for (const PolicyError& e : problems.value())
        list.append(QJsonObject{{QStringLiteral("line"), e.line},
                                {QStringLiteral("column"), e.column},
                                {QStringLiteral("message"), e.message}});
    return ApiReply::ok({{QStringLiteral("valid"), list.isEmpty()}, {QStringLiteral("problems"), list}});
}

ApiReply explain(ApiCall& call)
{
    const QJsonObject& body = call.body();
    const std::optional<Permission> permission =
        IamVocabulary::permissionFromName(body.value(QStringLiteral("permission")).toString());
    if (!permission) {
        QStringList names;
        for (Permission p : IamVocabulary::allPermissions())
            names.append(IamVocabulary::permissionName(p));
        return ApiReply::invalidArgument(QStringLiteral("The field \"permission\" must be one of: %1.")
                                             .arg(names.join(QStringLiteral(", "))));
    }
    auto subject = identity(call).subject(body.value(QStringLiteral("user")).toString());
    if (!subject)
        return ApiReply::error(subject.error());
    const QString repository = body.value(QStringLiteral("repository")).toString();
    AuthorizationRequest request;
    request.subject = subject.value();
    request.permission = *permission;
    request.target.repository = repository;
    // A repository that does not exist yet is judged in the tenancy, where a first push creates it.
    RegistryService& registry = *call.services().registry;
    if (registry.repositoryExists(repository)) {
        auto compartment = registry.repositoryCompartment(repository);
        if (!compartment)
            return ApiReply::error(compartment.error());
        request.target.compartment = compartment.value();
    }
    if (body.contains(QStringLiteral("tag")))
        request.target.tag = body.value(QStringLiteral("tag")).toString();
    request.context.clientAddress = body.value(QStringLiteral("clientAddress")).toString();
    auto authorizer = identity(call).authorizer();
    if (!authorizer)
        return ApiReply::error(authorizer.error());
    return ApiReply::ok(IdentityJson::decision(authorizer.value()->authorize(request)));
}

} // namespace

void PolicyEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QString tag = QStringLiteral("policies");
    const QString base = QStringLiteral("/api/v1/policies");
    const QString one = base + QStringLiteral("/{policy}");
    const ApiParameter policyParameter{QStringLiteral("policy"),
                                       ApiParameter::In::Path,
                                       QStringLiteral("The policy's name."),
                                       S::string(),
                                       true,
                                       false};
    const ApiParameter whereAttached =
        compartmentQuery(QStringLiteral("Where the policy is attached, \"A:B\"; absent is the tenancy."));
    const QJsonObject statements = S::string(QStringLiteral(
        "One statement per line, e.g. Allow group Developers to use repos in compartment Apps"));

    ApiOperation all = ApiOperation::make("GET", base, QStringLiteral("listPolicies"), tag,
                                          QStringLiteral("Policies, by compartment then name."),
                                          ApiAccess::administrator(), list);
    all.parameters = {compartmentQuery(QStringLiteral("Only the policies attached to this compartment."))};
    all.parameters += ApiPage::parameters();
    all.responseSchema = S::page(S::ref(QStringLiteral("Policy")));
    table.operations.append(all);

    ApiOperation make = ApiOperation::make(
        "POST", base, QStringLiteral("createPolicy"), tag,
        QStringLiteral(
            "Attaches a policy to a compartment; invalid statements are refused with their line and "
            "column in detail.problems."),
        ApiAccess::administrator(), create);
    make.requestSchema =
        S::object({{QStringLiteral("name"), S::string()},
                   {QStringLiteral("compartment"), S::string(QStringLiteral("Absent or \"\": the tenancy."))},
                   {QStringLiteral("description"), S::string()},
                   {QStringLiteral("statements"), statements}},
                  {QStringLiteral("name"), QStringLiteral("statements")});
    make.status = 201;
    make.responseSchema = S::ref(QStringLiteral("Policy"));
    make.errorStatuses = {404, 409};
    table.operations.append(make);

    ApiOperation check =
        ApiOperation::make("POST", base + QStringLiteral("/validate"), QStringLiteral("validatePolicy"), tag,
                           QStringLiteral("Checks statements as if attached to a compartment, "
                                          "without saving them."),
                           ApiAccess::administrator(), validate);
    check.requestSchema =
        S::object({{QStringLiteral("compartment"), S::string()}, {QStringLiteral("statements"), statements}},
                  {QStringLiteral("statements")});
    check.responseSchema =
        S::object({{QStringLiteral("valid"), S::boolean()},
                   {QStringLiteral("problems"), S::arrayOf(S::ref(QStringLiteral("PolicyProblem")))}},
                  {QStringLiteral("valid"), QStringLiteral("problems")});
    check.errorStatuses = {404};
    table.operations.append(check);

    ApiOperation getOne = ApiOperation::make("GET", one, QStringLiteral("getPolicy"), tag,
                                             QStringLiteral("One policy."), ApiAccess::administrator(), get);
    getOne.parameters = {policyParameter, whereAttached};
    getOne.responseSchema = S::ref(QStringLiteral("Policy"));
    getOne.errorStatuses = {404};
    table.operations.append(getOne);

    ApiOperation patch =
        ApiOperation::make("PATCH", one, QStringLiteral("updatePolicy"), tag,
                           QStringLiteral("Replaces a policy's statements and/or description."),
                           ApiAccess::administrator(), update);
    patch.parameters = {policyParameter, whereAttached};
    patch.requestSchema =
        S::object({{QStringLiteral("description"), S::string()}, {QStringLiteral("statements"), statements}});
    patch.responseSchema = S::ref(QStringLiteral("Policy"));
    patch.errorStatuses = {404};
    table.operations.append(patch);

    ApiOperation del =
        ApiOperation::make("DELETE", one, QStringLiteral("deletePolicy"), tag,
                           QStringLiteral("Deletes a policy."), ApiAccess::administrator(), remove);
    del.parameters = {policyParameter, whereAttached};
    del.status = 204;
    del.errorStatuses = {404};
    table.operations.append(del);

    ApiOperation why = ApiOperation::make(
        "POST", QStringLiteral("/api/v1/explain"), QStringLiteral("explain"), QStringLiteral("explain"),
        QStringLiteral("What the policies decide for a user, a permission and a repository, and why."),
        ApiAccess::administrator(), explain);
    why.requestSchema = S::object(
        {{QStringLiteral("user"), S::string()},
         {QStringLiteral("permission"), S::string(QStringLiteral("e.g. REPOSITORY_READ"))},
         {QStringLiteral("repository"), S::string()},
         {QStringLiteral("tag"), S::string()},
         {QStringLiteral("clientAddress"), S::string(QStringLiteral("For network-source conditions."))}},
        {QStringLiteral("user"), QStringLiteral("permission"), QStringLiteral("repository")});
    why.responseSchema = S::ref(QStringLiteral("Decision"));
    why.errorStatuses = {404};
    table.operations.append(why);
}

} // namespace berth
