#include "api/RepositoryEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiHandler.h"
#include "api/ApiPage.h"
#include "api/ApiSchema.h"
#include "api/LicenceJson.h"
#include "auth/AccessGate.h"
#include "licensing/LicenceStore.h"
#include "oci/Digest.h"
#include "registry/RegistryService.h"
#include "registry/RepositoryCatalog.h"

#include <QJsonArray>
#include <limits>

namespace berth {

namespace {

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

RepositoryCatalog catalogOf(const ApiCall& call)
{
    return RepositoryCatalog(call.services().registry->metadata());
}

/// The repository as the API shows it, or 404.
ApiReply repositoryReply(const ApiCall& call, const QString& name, int status = 200)
{
    auto repository = catalogOf(call).repository(name);
    if (!repository)
        return ApiReply::error(repository.error());
    if (!repository.value())
        return ApiReply::notFound(QStringLiteral("There is no repository %1.").arg(name.left(300)));
    auto licences = call.services().registry->licences().list();
    if (!licences)
        return ApiReply::error(licences.error());
    const RepositorySummary& r = *repository.value();
    ApiReply reply = ApiReply::ok(
        RepositoryEndpoints::toJson(r, LicenceJson::forRepository(licences.value(), r.name, r.compartment)));
    reply.status = status;
    return reply;
}

ApiReply listRepositories(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    auto compartment =
        ApiCall::compartmentFrom(call.query(QStringLiteral("compartment")), QStringLiteral("compartment"));
    if (!compartment)
        return ApiReply::error(compartment.error());
    auto recursive = call.queryFlag(QStringLiteral("recursive"), false);
    if (!recursive)
        return ApiReply::error(recursive.error());
    auto all = catalogOf(call).repositories();
    if (!all)
        return ApiReply::error(all.error());
    auto licences = call.services().registry->licences().list();
    if (!licences)
        return ApiReply::error(licences.error());
    // The candidates first, then one policy decision for all of them (in memory, no query each).
    QList<const RepositorySummary*> candidates;
    QStringList names;
    for (const RepositorySummary& r : all.value()) {
        const bool inside = recursive.value() ? compartment.value().contains(r.compartment)
                                              : compartment.value() == r.compartment;
        if (!inside || (!page.value().after.isEmpty() && r.name <= page.value().after))
            continue;
        candidates.append(&r);
        names.append(r.name);
    }
    const QVector<bool> visible =
        call.services().gate->canInspectEach(call.subject(), names, call.clientAddress());
    QList<QPair<QString, QJsonObject>> items;
    for (int i = 0; i < candidates.size(); ++i) {
        if (!visible.value(i))
            continue;
        const RepositorySummary& r = *candidates.at(i);
        items.append({r.name, RepositoryEndpoints::toJson(
                                  r, LicenceJson::forRepository(licences.value(), r.name, r.compartment))});
        if (items.size() > page.value().limit)
            break; // one more than a page is enough to know there is a next page
    }
    return ApiReply::ok(page.value().build(items));
}

ApiReply createRepository(ApiCall& call)
{
    const QString name = call.body().value(QStringLiteral("name")).toString();
    auto compartment = ApiCall::compartmentFrom(call.body().value(QStringLiteral("compartment")).toString(),
                                                QStringLiteral("compartment"));
    if (!compartment)
        return ApiReply::error(compartment.error());
    const bool makePublic = call.body().value(QStringLiteral("public")).toBool(false);
    if (makePublic) {
        // Public repositories are a manage-level setting.
        const AccessOutcome outcome = call.services().gate->authorizeCompartment(
            call.request(), Permission::RepositoryManage, compartment.value());
        if (!outcome.allowed())
            return ApiHandler::refusal(outcome);
    }
    RegistryService& registry = *call.services().registry;
    if (auto created = registry.createRepository(name, compartment.value()); !created)
        return ApiReply::error(created.error());
    if (makePublic) {
        if (auto made = registry.setRepositoryPublic(name, true); !made)
            return ApiReply::error(made.error());
    }
    return repositoryReply(call, name, 201);
}

ApiReply getRepository(ApiCall& call)
{
    return repositoryReply(call, call.path(QStringLiteral("name")));
}

ApiReply updateRepository(ApiCall& call)
{
    const QString name = call.path(QStringLiteral("name"));
    RegistryService& registry = *call.services().registry;
    if (!registry.repositoryExists(name))
        return ApiReply::notFound(QStringLiteral("There is no repository %1.").arg(name.left(300)));
    // First what can be refused for its content (a description too long), before anything changes.
    if (call.body().contains(QStringLiteral("description"))) {
        if (auto set = registry.setRepositoryDescription(
                name, call.body().value(QStringLiteral("description")).toString());
            !set)
            return ApiReply::error(set.error());
    }
    if (call.body().contains(QStringLiteral("compartment"))) {
        auto compartment = ApiCall::compartmentFrom(
            call.body().value(QStringLiteral("compartment")).toString(), QStringLiteral("compartment"));
        if (!compartment)
            return ApiReply::error(compartment.error());
        // Moving needs manage rights where the repository goes as well as where it is.
        const AccessOutcome outcome = call.services().gate->authorizeCompartment(
            call.request(), Permission::RepositoryManage, compartment.value());
        if (!outcome.allowed())
            return ApiHandler::refusal(outcome);
        if (auto moved = registry.moveRepository(name, compartment.value()); !moved)
            return ApiReply::error(moved.error());
    }
    if (call.body().contains(QStringLiteral("public"))) {
        if (auto set =
                registry.setRepositoryPublic(name, call.body().value(QStringLiteral("public")).toBool());
            !set)
            return ApiReply::error(set.error());
    }
    return repositoryReply(call, name);
}

ApiReply deleteRepository(ApiCall& call)
{
    if (auto deleted = call.services().registry->deleteRepository(call.path(QStringLiteral("name")));
        !deleted)
        return ApiReply::error(deleted.error());
    return ApiReply::noContent();
}

/// Newest push first, then by digest; as a key that sorts ascending.
QString imageKey(const ImageSummary& image)
{
    const qint64 ms = image.pushedAt.isValid() ? image.pushedAt.toMSecsSinceEpoch() : 0;
    return QString::number(std::numeric_limits<qint64>::max() - ms).rightJustified(19, QLatin1Char('0')) +
           QLatin1Char('|') + image.digest.toString();
}

ApiReply listImages(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    auto images = catalogOf(call).images(call.path(QStringLiteral("name")));
    if (!images)
        return ApiReply::error(images.error());
    QList<QPair<QString, QJsonObject>> items;
    for (const ImageSummary& image : images.value())
        items.append({imageKey(image), RepositoryEndpoints::toJson(image)});
    return ApiReply::ok(page.value().build(items));
}

ApiReply deleteImage(ApiCall& call)
{
    const QString text = call.path(QStringLiteral("digest"));
    std::optional<Digest> digest = Digest::parse(text);
    if (!digest)
        return ApiReply::invalidArgument(
            QStringLiteral("\"%1\" is not a digest; write it as algorithm:hex, e.g. sha256:<64 hex digits>.")
                .arg(text.left(200)));
    auto referrers = call.queryFlag(QStringLiteral("referrers"), false);
    if (!referrers)
        return ApiReply::error(referrers.error());
    if (auto deleted = call.services().registry->deleteManifest(call.path(QStringLiteral("name")), *digest,
                                                                referrers.value());
        !deleted)
        return ApiReply::error(deleted.error());
    return ApiReply::noContent();
}

ApiReply deleteTag(ApiCall& call)
{
    if (auto deleted = call.services().registry->deleteTag(call.path(QStringLiteral("name")),
                                                           call.path(QStringLiteral("tag")));
        !deleted)
        return ApiReply::error(deleted.error());
    return ApiReply::noContent();
}

} // namespace

QJsonObject RepositoryEndpoints::toJson(const RepositorySummary& r, const QJsonValue& licence)
{
    return QJsonObject{{QStringLiteral("name"), r.name},
                       {QStringLiteral("compartment"), r.compartment.toString()},
                       {QStringLiteral("public"), r.isPublic},
                       {QStringLiteral("description"), r.description},
                       {QStringLiteral("licence"), licence.isObject() ? licence : QJsonValue()},
                       {QStringLiteral("createdAt"), timeOrNull(r.createdAt)},
                       {QStringLiteral("lastPushAt"), timeOrNull(r.lastPushAt)},
                       {QStringLiteral("lastPullAt"), timeOrNull(r.lastPullAt)},
                       {QStringLiteral("manifestCount"), r.manifestCount},
                       {QStringLiteral("tagCount"), r.tagCount}};
}

QJsonObject RepositoryEndpoints::toJson(const ImageSummary& image)
{
    return QJsonObject{
        {QStringLiteral("digest"), image.digest.toString()},
        {QStringLiteral("mediaType"), image.mediaType},
        {QStringLiteral("artifactType"), image.artifactType},
        {QStringLiteral("kind"), ImageSummary::kindName(image.kind)},
        {QStringLiteral("size"), image.size},
        {QStringLiteral("tags"), QJsonArray::fromStringList(image.tags)},
        {QStringLiteral("subject"), image.subject ? QJsonValue(image.subject->toString()) : QJsonValue()},
        {QStringLiteral("pushedAt"), timeOrNull(image.pushedAt)},
        {QStringLiteral("lastPulledAt"), timeOrNull(image.lastPulledAt)}};
}

void RepositoryEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    QJsonObject createdAt = S::dateTime();
    createdAt.insert(QStringLiteral("nullable"), true);
    table.schemas.insert(
        QStringLiteral("Repository"),
        S::object(
            {{QStringLiteral("name"), S::string()},
             {QStringLiteral("compartment"), S::string(QStringLiteral("\"A:B\"; \"\" is the tenancy."))},
             {QStringLiteral("public"), S::boolean(QStringLiteral("Anyone may pull it, signed in or not."))},
             {QStringLiteral("description"), S::string(QStringLiteral("Plain text; \"\" when none."))},
             {QStringLiteral("licence"), LicenceJson::repositoryLicenceSchema()},
             {QStringLiteral("createdAt"), createdAt},
             {QStringLiteral("lastPushAt"), S::nullableDateTime()},
             {QStringLiteral("lastPullAt"), S::nullableDateTime()},
             {QStringLiteral("manifestCount"), S::integer()},
             {QStringLiteral("tagCount"), S::integer()}},
            {QStringLiteral("name"), QStringLiteral("compartment"), QStringLiteral("public"),
             QStringLiteral("description"), QStringLiteral("licence"), QStringLiteral("createdAt"),
             QStringLiteral("lastPushAt"), QStringLiteral("lastPullAt"), QStringLiteral("manifestCount"),
             QStringLiteral("tagCount")}));
    QJsonObject subject = S::string(QStringLiteral("The digest of the manifest this one refers to."));
    subject.insert(QStringLiteral("nullable"), true);
    table.schemas.insert(
        QStringLiteral("Image"),
        S::object(
            {{QStringLiteral("digest"), S::string()},
             {QStringLiteral("mediaType"), S::string()},
             {QStringLiteral("artifactType"), S::string(QStringLiteral("\"\" for indexes without one."))},
             {QStringLiteral("kind"), S::stringEnum({QStringLiteral("image"), QStringLiteral("index"),
                                                     QStringLiteral("artifact"), QStringLiteral("helm")})},
             {QStringLiteral("size"), S::integer(QStringLiteral("Bytes of the manifest itself."))},
             {QStringLiteral("tags"), S::arrayOf(S::string())},
             {QStringLiteral("subject"), subject},
             {QStringLiteral("pushedAt"), S::nullableDateTime()},
             {QStringLiteral("lastPulledAt"), S::nullableDateTime()}},
            {QStringLiteral("digest"), QStringLiteral("mediaType"), QStringLiteral("artifactType"),
             QStringLiteral("kind"), QStringLiteral("size"), QStringLiteral("tags"),
             QStringLiteral("subject"), QStringLiteral("pushedAt"), QStringLiteral("lastPulledAt")}));

    const QString base = QStringLiteral("/api/v1/repositories");
    const QString one = base + QStringLiteral("/{name}");

    ApiOperation list = ApiOperation::make(
        "GET", base, QStringLiteral("listRepositories"), QStringLiteral("repositories"),
        QStringLiteral("Repositories in a compartment that you may inspect, by name."),
        ApiAccess::compartment(Permission::RepositoryInspect, QStringLiteral("compartment")),
        listRepositories);
    list.parameters = {ApiParameter{QStringLiteral("compartment"), ApiParameter::In::Query,
                                    QStringLiteral("\"A:B\"; absent or \"\" is the tenancy."), S::string(),
                                    false, false},
                       ApiParameter{QStringLiteral("recursive"), ApiParameter::In::Query,
                                    QStringLiteral("Include the compartments below it (default false)."),
                                    S::boolean(), false, false}};
    list.parameters += ApiPage::parameters();
    list.responseSchema = S::page(S::ref(QStringLiteral("Repository")));
    table.operations.append(list);

    ApiOperation create = ApiOperation::make(
        "POST", base, QStringLiteral("createRepository"), QStringLiteral("repositories"),
        QStringLiteral("Creates an empty repository in a compartment (public needs "
                       "REPOSITORY_MANAGE there too)."),
        ApiAccess::compartment(Permission::RepositoryCreate, QStringLiteral("compartment")),
        createRepository);
    create.requestSchema =
        S::object({{QStringLiteral("name"), S::string(QStringLiteral("e.g. team/app"))},
                   {QStringLiteral("compartment"),
                    S::string(QStringLiteral("\"A:B\"; absent or \"\" is the tenancy."))},
                   {QStringLiteral("public"), S::boolean(QStringLiteral("Default false."))}},
                  {QStringLiteral("name")});
    create.status = 201;
    create.responseSchema = S::ref(QStringLiteral("Repository"));
    create.errorStatuses = {404, 409};
    table.operations.append(create);

    ApiOperation get =
        ApiOperation::make("GET", one, QStringLiteral("getRepository"), QStringLiteral("repositories"),
                           QStringLiteral("One repository."),
                           ApiAccess::repository(Permission::RepositoryInspect), getRepository);
    get.parameters = {ApiParameter::repositoryName()};
    get.responseSchema = S::ref(QStringLiteral("Repository"));
    get.errorStatuses = {404};
    table.operations.append(get);

    ApiOperation update = ApiOperation::make(
        "PATCH", one, QStringLiteral("updateRepository"), QStringLiteral("repositories"),
        QStringLiteral("Moves the repository to another compartment (needs REPOSITORY_MANAGE there too), "
                       "changes whether it is public and/or its description."),
        ApiAccess::repository(Permission::RepositoryManage), updateRepository);
    update.parameters = {ApiParameter::repositoryName()};
    update.requestSchema = S::object(
        {{QStringLiteral("compartment"), S::string(QStringLiteral("Where to move it; \"\" is the tenancy."))},
         {QStringLiteral("public"), S::boolean()},
         {QStringLiteral("description"),
          S::string(QStringLiteral("Plain text, at most 2000 characters; \"\" removes it."))}});
    update.responseSchema = S::ref(QStringLiteral("Repository"));
    update.errorStatuses = {404};
    table.operations.append(update);

    ApiOperation remove =
        ApiOperation::make("DELETE", one, QStringLiteral("deleteRepository"), QStringLiteral("repositories"),
                           QStringLiteral("Deletes the repository with its images and tags."),
                           ApiAccess::repository(Permission::RepositoryDelete), deleteRepository);
    remove.parameters = {ApiParameter::repositoryName()};
    remove.status = 204;
    remove.errorStatuses = {404};
    table.operations.append(remove);

    ApiOperation images = ApiOperation::make(
        "GET", one + QStringLiteral("/images"), QStringLiteral("listImages"), QStringLiteral("repositories"),
        QStringLiteral("The repository's manifests, newest push first, with their tags."),
        ApiAccess::repository(Permission::RepositoryInspect), listImages);
    images.parameters = {ApiParameter::repositoryName()};
    images.parameters += ApiPage::parameters();
    images.responseSchema = S::page(S::ref(QStringLiteral("Image")));
    images.errorStatuses = {404};
    table.operations.append(images);

    ApiOperation deleteImageOp =
        ApiOperation::make("DELETE", one + QStringLiteral("/images/{digest}"), QStringLiteral("deleteImage"),
                           QStringLiteral("repositories"),
                           QStringLiteral("Deletes a manifest and every tag pointing at it (and, with "
                                          "referrers=true, its referrers)."),
                           ApiAccess::repository(Permission::RepositoryDelete), deleteImage);
    deleteImageOp.parameters = {ApiParameter::repositoryName(),
                                ApiParameter{QStringLiteral("digest"), ApiParameter::In::Path,
                                             QStringLiteral("sha256:..."), S::string(), true, false},
                                ApiParameter{QStringLiteral("referrers"), ApiParameter::In::Query,
                                             QStringLiteral("Also delete the manifests whose subject it is "
                                                            "(default false)."),
                                             S::boolean(), false, false}};
    deleteImageOp.status = 204;
    deleteImageOp.errorStatuses = {404};
    table.operations.append(deleteImageOp);

    ApiOperation untag = ApiOperation::make("DELETE", one + QStringLiteral("/tags/{tag}"),
                                            QStringLiteral("deleteTag"), QStringLiteral("repositories"),
                                            QStringLiteral("Removes a tag; the manifest stays."),
                                            ApiAccess::repository(Permission::RepositoryDelete), deleteTag);
    untag.parameters = {
        ApiParameter::repositoryName(),
        ApiParameter{QStringLiteral("tag"), ApiParameter::In::Path, QString(), S::string(), true, false}};
    untag.status = 204;
    untag.errorStatuses = {404};
    table.operations.append(untag);
}

} // namespace berth
