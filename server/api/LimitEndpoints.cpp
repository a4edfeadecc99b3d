#include "api/LimitEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiErrors.h"
#include "api/ApiSchema.h"
#include "governance/LimitSettings.h"
#include "governance/TagImmutability.h"
#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"

#include <QJsonArray>

namespace berth {

namespace {

LimitSettings settingsOf(const ApiCall& call)
{
    RegistryService& registry = *call.services().registry;
    return LimitSettings(registry.metadata(), registry.defaultLimits());
}

QJsonObject limitsJson(const RegistryLimits& limits)
{
    return QJsonObject{{QStringLiteral("repositories"), limits.repositories},
                       {QStringLiteral("imagesPerRepository"), limits.imagesPerRepository}};
}

qint64 percentOf(qint64 count, qint64 limit)
{
    return limit > 0 ? count * 100 / limit : 100;
}

ApiReply figures(ApiCall& call)
{
    const LimitSettings settings = settingsOf(call);
    auto limits = settings.effective();
    if (!limits)
        return ApiReply::error(limits.error());
    auto count = settings.repositoryCount();
    if (!count)
        return ApiReply::error(count.error());
    return ApiReply::ok(QJsonObject{
        {QStringLiteral("limits"), limitsJson(limits.value())},
        {QStringLiteral("defaults"), limitsJson(settings.defaults())},
        {QStringLiteral("repositories"),
         QJsonObject{{QStringLiteral("count"), count.value()},
                     {QStringLiteral("limit"), limits->repositories},
                     {QStringLiteral("percent"), percentOf(count.value(), limits->repositories)}}},
        {QStringLiteral("warningPercent"), RegistryLimits::WarningPercent}});
}

ApiReply setLimits(ApiCall& call)
{
    RegistryService& registry = *call.services().registry;
    LimitSettings settings = settingsOf(call);
    const QDateTime now = registry.clock().now();
    auto done = registry.metadata().transaction([&]() -> Result<void> {
        const QJsonValue repositories = call.body().value(QStringLiteral("repositories"));
        if (!repositories.isUndefined()) {
            if (auto set = settings.setRepositories(repositories.toInteger(), call.actor(), now); !set)
                return set;
        }
        const QJsonValue images = call.body().value(QStringLiteral("imagesPerRepository"));
        if (!images.isUndefined()) {
            if (auto set = settings.setImagesPerRepository(images.toInteger(), call.actor(), now); !set)
                return set;
        }
        return {};
    });
    if (!done)
        return ApiReply::error(done.error());
    return figures(call);
}

/// The repository's row id, or the error reply (404).
Result<qint64> repositoryRow(const ApiCall& call)
{
    const QString name = call.path(QStringLiteral("name"));
    auto id = call.services().registry->metadata().repositoryId(name);
    if (!id)
        return id.error();
    if (!id.value())
        return Error(ErrorCode::NameUnknown, QStringLiteral("There is no repository %1").arg(name.left(300)));
    return *id.value();
}

ApiReply repositoryFigures(ApiCall& call)
{
    auto id = repositoryRow(call);
    if (!id)
        return ApiReply::error(id.error());
    const LimitSettings settings = settingsOf(call);
    auto images = settings.imageCount(id.value());
    if (!images)
        return ApiReply::error(images.error());
    auto limit = settings.imageLimit(id.value());
    if (!limit)
        return ApiReply::error(limit.error());
    auto own = settings.ownImageLimit(id.value());
    if (!own)
        return ApiReply::error(own.error());
    return ApiReply::ok(
        QJsonObject{{QStringLiteral("name"), call.path(QStringLiteral("name"))},
                    {QStringLiteral("images"), images.value()},
                    {QStringLiteral("limit"), limit.value()},
                    {QStringLiteral("ownLimit"), own.value() ? QJsonValue(*own.value()) : QJsonValue()},
                    {QStringLiteral("percent"), percentOf(images.value(), limit.value())}});
}

QJsonObject immutabilityJson(const TagImmutability& rules)
{
    return QJsonObject{{QStringLiteral("enabled"), rules.enabled()},
                       {QStringLiteral("exclusions"), QJsonArray::fromStringList(rules.exclusions())}};
}

ApiReply getImmutability(ApiCall& call)
{
    auto id = repositoryRow(call);
    if (!id)
        return ApiReply::error(id.error());
    auto rules = TagImmutability::load(call.services().registry->metadata(), id.value());
    if (!rules)
        return ApiReply::error(rules.error());
    return ApiReply::ok(immutabilityJson(rules.value()));
}

ApiReply setImmutability(ApiCall& call)
{
    QStringList exclusions;
    for (const QJsonValue& v : call.body().value(QStringLiteral("exclusions")).toArray()) {
        if (!v.isString())
            return ApiReply::invalidArgument(
                QStringLiteral("\"exclusions\" must be a list of regular expressions (strings)."));
        exclusions << v.toString();
    }
    auto rules = TagImmutability::make(call.body().value(QStringLiteral("enabled")).toBool(), exclusions);
    if (!rules)
        return ApiReply::error(rules.error());
    MetadataStore& metadata = call.services().registry->metadata();
    auto done = metadata.transaction([&]() -> Result<void> {
        auto id = repositoryRow(call);
        if (!id)
            return id.error();
        return rules->save(metadata, id.value());
    });
    if (!done)
        return ApiReply::error(done.error());
    return ApiReply::ok(immutabilityJson(rules.value()));
}

} // namespace

void LimitEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QString limitsTag = QStringLiteral("limits");
    const QJsonObject limitPair = S::object(
        {{QStringLiteral("repositories"), S::integer(QStringLiteral("Repositories in the registry."))},
         {QStringLiteral("imagesPerRepository"),
          S::integer(QStringLiteral("Manifests per repository; each platform manifest of an "
                                    "index, each signature and other referrer counts one."))}},
        {QStringLiteral("repositories"), QStringLiteral("imagesPerRepository")});
    table.schemas.insert(
        QStringLiteral("Limits"),
        S::object({{QStringLiteral("limits"), limitPair},
                   {QStringLiteral("defaults"), limitPair},
                   {QStringLiteral("repositories"),
                    S::object({{QStringLiteral("count"), S::integer()},
                               {QStringLiteral("limit"), S::integer()},
                               {QStringLiteral("percent"), S::integer()}},
                              {QStringLiteral("count"), QStringLiteral("limit"), QStringLiteral("percent")})},
                   {QStringLiteral("warningPercent"),
                    S::integer(QStringLiteral("Pushes bringing a figure to this share of its limit or "
                                              "above succeed with a Warning header."))}},
                  {QStringLiteral("limits"), QStringLiteral("defaults"), QStringLiteral("repositories"),
                   QStringLiteral("warningPercent")}));

    const QString base = QStringLiteral("/api/v1/limits");
    ApiOperation get = ApiOperation::make(
        "GET", base, QStringLiteral("getLimits"), limitsTag,
        QStringLiteral("The registry's limits in force (berthd's configured defaults unless an administrator "
                       "changed them) and how many repositories it holds."),
        ApiAccess::signedIn(), figures);
    get.responseSchema = S::ref(QStringLiteral("Limits"));
    table.operations.append(get);

    ApiOperation put = ApiOperation::make(
        "PUT", base, QStringLiteral("setLimits"), limitsTag,
        QStringLiteral("Changes the registry's limits at run time (either or both). Lowering a limit below "
                       "the current figure refuses further pushes; nothing is deleted."),
        ApiAccess::administrator(), setLimits);
    put.requestSchema =
        S::object({{QStringLiteral("repositories"), S::integer(QStringLiteral("1 to 1000000000."))},
                   {QStringLiteral("imagesPerRepository"), S::integer(QStringLiteral("1 to 1000000000."))}});
    put.responseSchema = S::ref(QStringLiteral("Limits"));
    table.operations.append(put);

    const QString one = QStringLiteral("/api/v1/repositories/{name}");
    ApiOperation repo = ApiOperation::make(
        "GET", one + QStringLiteral("/limits"), QStringLiteral("getRepositoryLimits"),
        QStringLiteral("repositories"),
        QStringLiteral("The repository's images (manifests) and the image limit in force for it: its own "
                       "(an approved increase) or the registry's, whichever is higher."),
        ApiAccess::repository(Permission::RepositoryInspect), repositoryFigures);
    repo.parameters = {ApiParameter::repositoryName()};
    QJsonObject own = S::integer(QStringLiteral("Its own limit from an approved request; null: none."));
    own.insert(QStringLiteral("nullable"), true);
    repo.responseSchema =
        S::object({{QStringLiteral("name"), S::string()},
                   {QStringLiteral("images"), S::integer()},
                   {QStringLiteral("limit"), S::integer()},
                   {QStringLiteral("ownLimit"), own},
                   {QStringLiteral("percent"), S::integer()}},
                  {QStringLiteral("name"), QStringLiteral("images"), QStringLiteral("limit"),
                   QStringLiteral("ownLimit"), QStringLiteral("percent")});
    repo.errorStatuses = {404};
    table.operations.append(repo);

    const QJsonObject immutability = S::object(
        {{QStringLiteral("enabled"),
          S::boolean(QStringLiteral("Tags cannot be moved to another manifest or "
                                    "deleted (pushing the same digest again is fine)."))},
         {QStringLiteral("exclusions"),
          S::arrayOf(S::string(), QStringLiteral("Regular expressions matched against the whole tag; "
                                                 "matching tags stay mutable, e.g. latest or dev-.*"))}},
        {QStringLiteral("enabled"), QStringLiteral("exclusions")});
    table.schemas.insert(QStringLiteral("TagImmutability"), immutability);
    ApiOperation getRules = ApiOperation::make(
        "GET", one + QStringLiteral("/immutability"), QStringLiteral("getTagImmutability"),
        QStringLiteral("repositories"), QStringLiteral("The repository's tag immutability."),
        ApiAccess::repository(Permission::RepositoryInspect), getImmutability);
    getRules.parameters = {ApiParameter::repositoryName()};
    getRules.responseSchema = S::ref(QStringLiteral("TagImmutability"));
    getRules.errorStatuses = {404};
    table.operations.append(getRules);

    ApiOperation setRules = ApiOperation::make(
        "PUT", one + QStringLiteral("/immutability"), QStringLiteral("setTagImmutability"),
        QStringLiteral("repositories"),
        QStringLiteral("Turns tag immutability on or off and sets its exclusion patterns (replacing them); "
                       "an invalid regular expression is refused with what is wrong in it."),
        ApiAccess::repository(Permission::RepositoryManage), setImmutability);
    setRules.parameters = {ApiParameter::repositoryName()};
    QJsonObject body = immutability;
    body.insert(QStringLiteral("required"), QJsonArray{QStringLiteral("enabled")});
    setRules.requestSchema = body;
    setRules.responseSchema = S::ref(QStringLiteral("TagImmutability"));
    setRules.errorStatuses = {404};
    table.operations.append(setRules);
}

} // namespace berth
