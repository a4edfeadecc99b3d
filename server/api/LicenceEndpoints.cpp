#include "api/LicenceEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiHandler.h"
#include "api/ApiSchema.h"
#include "api/LicenceJson.h"
#include "api/LicenceReportEndpoints.h"
#include "audit/AuditLog.h"
#include "auth/AccessGate.h"
#include "auth/LicenceGate.h"
#include "http/PublicAddress.h"
#include "licensing/LicenceStore.h"
#include "registry/RegistryService.h"

#include <optional>

namespace berth {

namespace {

LicenceStore& store(const ApiCall& call)
{
    return call.services().registry->licences();
}

/// "cli" for berthctl (it says so in X-Berth-Client), else "api".
QString channelOf(const ApiCall& call)
{
    return call.request().header("X-Berth-Client").trimmed() == "berthctl" ? QStringLiteral("cli")
                                                                           : QStringLiteral("api");
}

QString targetOf(const LicenceScope& scope)
{
    return scope.kind == LicenceScope::Kind::Repository ? scope.repository : scope.compartment.toString();
}

void audit(const ApiCall& call, const QString& action, const LicenceScope& scope, const QString& version,
           const QString& title)
{
    AuditLog* log = call.services().audit;
    if (!log)
        return;
    AuditRecord record;
    record.actor = call.subject().anonymous ? AuditRecord::anonymousActor() : call.subject().userName;
    record.clientAddress = call.clientAddress();
    record.action = action;
    record.target = targetOf(scope);
    record.details = QJsonObject{{QStringLiteral("version"), version},
                                 {QStringLiteral("title"), title},
                                 {QStringLiteral("channel"), channelOf(call)}};
    log->append(std::move(record));
}

/// 404 unless the repository of the path exists.
std::optional<ApiReply> missingRepository(const ApiCall& call)
{
    const QString name = call.path(QStringLiteral("name"));
    if (call.services().registry->repositoryExists(name))
        return std::nullopt;
    return ApiReply::notFound(QStringLiteral("There is no repository %1.").arg(name.left(300)));
}

Result<LicenceScope> compartmentScope(const ApiCall& call)
{
    auto path =
        ApiCall::compartmentFrom(call.path(QStringLiteral("compartment")), QStringLiteral("compartment"));
    if (!path)
        return path.error();
    return LicenceScope::ofCompartment(path.value());
}

ApiReply getRepositoryLicence(ApiCall& call)
{
    if (auto missing = missingRepository(call))
        return *missing;
    const QString name = call.path(QStringLiteral("name"));
    auto check = store(call).check(name, call.subject().anonymous ? QString() : call.subject().userName);
    if (!check)
        return ApiReply::error(check.error());
    const LicenceCheck& c = check.value();
    const QString url =
        LicenceGate::portalUrl(PublicAddress::base(call.request(), call.services().externalUrl), name);
    return ApiReply::ok(QJsonObject{
        {QStringLiteral("required"), c.required},
        {QStringLiteral("licence"), c.required ? QJsonValue(LicenceJson::licence(c.licence)) : QJsonValue()},
        {QStringLiteral("accepted"), c.required && c.accepted},
        {QStringLiteral("acceptedAt"), c.required && c.accepted && c.acceptedAt.isValid()
                                           ? QJsonValue(c.acceptedAt.toUTC().toString(Qt::ISODateWithMs))
                                           : QJsonValue()},
        {QStringLiteral("acceptUrl"), c.required ? QJsonValue(url) : QJsonValue()}});
}

ApiReply publish(ApiCall& call, const LicenceScope& scope)
{
    LicenceVersion version;
    version.title = call.body().value(QStringLiteral("title")).toString();
    version.version = call.body().value(QStringLiteral("version")).toString();
    version.body = call.body().value(QStringLiteral("text")).toString();
    const QString format = call.body().value(QStringLiteral("format")).toString(QStringLiteral("text"));
    if (!parseLicenceFormat(format, &version.format))
        return ApiReply::invalidArgument(
            QStringLiteral("The field \"format\" must be \"text\" or \"markdown\", not \"%1\".")
                .arg(format.left(50)));
    version.publishedBy = call.actor();
    if (auto valid = LicenceStore::validate(version); !valid)
        return ApiReply::error(valid.error());
    auto before = store(call).licenceOf(scope);
    if (!before)
        return ApiReply::error(before.error());
    auto published = store(call).publish(scope, version);
    if (!published)
        return ApiReply::error(published.error());
    const bool changed = !before.value() || !before.value()->current.sameContent(version);
    if (changed)
        audit(call, QStringLiteral("licence.published"), scope, version.version, version.title);
    return ApiReply::ok(LicenceJson::licence(published.value()));
}

ApiReply remove(ApiCall& call, const LicenceScope& scope)
{
    auto before = store(call).licenceOf(scope);
    if (!before)
        return ApiReply::error(before.error());
    if (!before.value())
        return ApiReply::notFound(QStringLiteral("There is no licence on %1.").arg(scope.describe()));
    if (auto removed = store(call).remove(scope); !removed)
        return ApiReply::error(removed.error());
    audit(call, QStringLiteral("licence.removed"), scope, before.value()->current.version,
          before.value()->current.title);
    return ApiReply::noContent();
}

ApiReply setRepositoryLicence(ApiCall& call)
{
    if (auto missing = missingRepository(call))
        return *missing;
    return publish(call, LicenceScope::ofRepository(call.path(QStringLiteral("name"))));
}

ApiReply removeRepositoryLicence(ApiCall& call)
{
    if (auto missing = missingRepository(call))
        return *missing;
    return remove(call, LicenceScope::ofRepository(call.path(QStringLiteral("name"))));
}

ApiReply acceptRepositoryLicence(ApiCall& call)
{
    if (call.subject().anonymous) // the gate's refusal of an anonymous caller carries the challenge
        return ApiHandler::refusal(call.services().gate->requireAdministrator(call.request()));
    if (auto missing = missingRepository(call))
        return *missing;
    const QString name = call.path(QStringLiteral("name"));
    const QString version = call.body().value(QStringLiteral("version")).toString();
    auto before = store(call).check(name, call.subject().userName);
    if (!before)
        return ApiReply::error(before.error());
    if (!before.value().required)
        return ApiReply::notFound(
            QStringLiteral("Pulls from %1 need no licence: there is nothing to accept.").arg(name.left(300)));
    auto accepted =
        store(call).accept(name, version, call.subject().userName, call.clientAddress(), channelOf(call));
    if (!accepted)
        return ApiReply::error(accepted.error());
    if (!before.value().accepted)
        audit(call, QStringLiteral("licence.accepted"), accepted.value().scope, accepted.value().version,
              accepted.value().title);
    return ApiReply::ok(LicenceJson::acceptance(accepted.value()));
}

ApiReply getCompartmentLicence(ApiCall& call)
{
    auto scope = compartmentScope(call);
    if (!scope)
        return ApiReply::error(scope.error());
    auto licence = store(call).licenceOf(scope.value());
    if (!licence)
        return ApiReply::error(licence.error());
    if (!licence.value())
        return ApiReply::notFound(QStringLiteral("There is no licence on %1.").arg(scope.value().describe()));
    return ApiReply::ok(LicenceJson::licence(*licence.value()));
}

ApiReply setCompartmentLicence(ApiCall& call)
{
    auto scope = compartmentScope(call);
    if (!scope)
        return ApiReply::error(scope.error());
    return publish(call, scope.value());
}

ApiReply removeCompartmentLicence(ApiCall& call)
{
    auto scope = compartmentScope(call);
    if (!scope)
        return ApiReply::error(scope.error());
    return remove(call, scope.value());
}

} // namespace

void LicenceEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    LicenceJson::addSchemas(table);
    const QString tag = QStringLiteral("licences");
    const QString repo = QStringLiteral("/api/v1/repositories/{name}/licence");
    const QString compartment = QStringLiteral("/api/v1/compartments/{compartment}/licence");

    const QJsonObject setBody = S::object(
        {{QStringLiteral("title"), S::string(QStringLiteral("One line, 1 to 200 characters."))},
         {QStringLiteral("version"),
          S::string(QStringLiteral("Your label, e.g. 1, 2.0 or 2026-11: letters, digits, '.', '_', '+' and "
                                   "'-', at most 64. A new version must be accepted again by everybody."))},
         {QStringLiteral("format"), S::stringEnum({QStringLiteral("text"), QStringLiteral("markdown")},
                                                  QStringLiteral("Default text."))},
         {QStringLiteral("text"), S::string(QStringLiteral("The licence itself, at most 1 MiB."))}},
        {QStringLiteral("title"), QStringLiteral("version"), QStringLiteral("text")});

    ApiOperation get = ApiOperation::make(
        "GET", repo, QStringLiteral("getRepositoryLicence"), tag,
        QStringLiteral("Whether pulls from the repository need a licence accepted (its own or its "
                       "compartment's), the licence in force, whether you accepted it, and where to."),
        ApiAccess::repository(Permission::RepositoryRead), getRepositoryLicence);
    get.parameters = {ApiParameter::repositoryName()};
    QJsonObject nullableLicence = LicenceJson::licenceSchema();
    nullableLicence.insert(QStringLiteral("nullable"), true);
    QJsonObject acceptUrl = S::string(QStringLiteral("The portal page to read and accept it; null: none."));
    acceptUrl.insert(QStringLiteral("nullable"), true);
    get.responseSchema = S::object(
        {{QStringLiteral("required"), S::boolean(QStringLiteral("A licence gates pulls from it."))},
         {QStringLiteral("licence"), nullableLicence},
         {QStringLiteral("accepted"), S::boolean(QStringLiteral("You accepted the version in force."))},
         {QStringLiteral("acceptedAt"), S::nullableDateTime()},
         {QStringLiteral("acceptUrl"), acceptUrl}},
        {QStringLiteral("required"), QStringLiteral("licence"), QStringLiteral("accepted"),
         QStringLiteral("acceptedAt"), QStringLiteral("acceptUrl")});
    get.errorStatuses = {404};
    table.operations.append(get);

    ApiOperation set = ApiOperation::make(
        "PUT", repo, QStringLiteral("setRepositoryLicence"), tag,
        QStringLiteral(
            "Publishes a version of the repository's own licence; pulls need it accepted from then "
            "on (the same content again changes nothing; a known version with another text is "
            "refused with 409)."),
        ApiAccess::administrator(), setRepositoryLicence);
    set.parameters = {ApiParameter::repositoryName()};
    set.requestSchema = setBody;
    set.responseSchema = S::ref(QStringLiteral("Licence"));
    set.errorStatuses = {404, 409};
    table.operations.append(set);

    ApiOperation del = ApiOperation::make(
        "DELETE", repo, QStringLiteral("removeRepositoryLicence"), tag,
        QStringLiteral("Removes the repository's own licence with its versions and acceptances (a "
                       "compartment's licence above it may still apply)."),
        ApiAccess::administrator(), removeRepositoryLicence);
    del.parameters = {ApiParameter::repositoryName()};
    del.status = 204;
    del.errorStatuses = {404};
    table.operations.append(del);

    ApiOperation accept = ApiOperation::make(
        "POST", repo + QStringLiteral("/acceptance"), QStringLiteral("acceptRepositoryLicence"), tag,
        QStringLiteral("Accepts the licence in force for the repository as the signed-in user; the version "
                       "you read must still be the one in force (409 otherwise). Accepting again keeps the "
                       "first time."),
        ApiAccess::repository(Permission::RepositoryRead), acceptRepositoryLicence);
    accept.parameters = {ApiParameter::repositoryName()};
    accept.requestSchema =
        S::object({{QStringLiteral("version"), S::string(QStringLiteral("The version you read."))}},
                  {QStringLiteral("version")});
    accept.responseSchema = S::ref(QStringLiteral("LicenceAcceptance"));
    accept.errorStatuses = {404, 409};
    table.operations.append(accept);

    ApiOperation getC =
        ApiOperation::make("GET", compartment, QStringLiteral("getCompartmentLicence"), tag,
                           QStringLiteral("The licence set on the compartment (404 when none)."),
                           ApiAccess::administrator(), getCompartmentLicence);
    getC.parameters = {ApiParameter::compartmentPath()};
    getC.responseSchema = S::ref(QStringLiteral("Licence"));
    getC.errorStatuses = {404};
    table.operations.append(getC);

    ApiOperation setC = ApiOperation::make(
        "PUT", compartment, QStringLiteral("setCompartmentLicence"), tag,
        QStringLiteral("Publishes a version of the compartment's licence: it gates every repository in the "
                       "compartment and below it that has no licence of its own."),
        ApiAccess::administrator(), setCompartmentLicence);
    setC.parameters = {ApiParameter::compartmentPath()};
    setC.requestSchema = setBody;
    setC.responseSchema = S::ref(QStringLiteral("Licence"));
    setC.errorStatuses = {404, 409};
    table.operations.append(setC);

    ApiOperation delC = ApiOperation::make(
        "DELETE", compartment, QStringLiteral("removeCompartmentLicence"), tag,
        QStringLiteral("Removes the compartment's licence with its versions and acceptances."),
        ApiAccess::administrator(), removeCompartmentLicence);
    delC.parameters = {ApiParameter::compartmentPath()};
    delC.status = 204;
    delC.errorStatuses = {404};
    table.operations.append(delC);

    LicenceReportEndpoints::add(table);
}

} // namespace berth
