#include "distribution/DistributionApi.h"

#include "distribution/BlobHandler.h"
#include "distribution/ListingHandler.h"
#include "distribution/ManifestHandler.h"
#include "distribution/UploadHandler.h"

namespace berth {

namespace {

template <typename H> auto make(RegistryService& registry)
{
    return [&registry](const HttpRequest&, const RouteMatch& match) -> std::unique_ptr<HttpHandler> {
        return std::make_unique<H>(registry, match);
    };
}

auto listing(RegistryService& registry, ListingHandler::Kind kind, DistributionApi::InspectFilter filter = {})
{
    return [&registry, kind, filter](const HttpRequest&,
                                     const RouteMatch& match) -> std::unique_ptr<HttpHandler> {
        auto handler = std::make_unique<ListingHandler>(registry, match, kind);
        handler->setInspectFilter(filter);
        return handler;
    };
}

auto upload(RegistryService& registry, DistributionApi::MountFilter filter)
{
    return [&registry, filter](const HttpRequest&, const RouteMatch& match) -> std::unique_ptr<HttpHandler> {
        auto handler = std::make_unique<UploadHandler>(registry, match);
        handler->setMountFilter(filter);
        return handler;
    };
}

} // namespace

void DistributionApi::addRoutes(Router& router, RegistryService& registry, InspectFilter canInspect,
                                MountFilter canMountFrom)
{
    using K = ListingHandler::Kind;
    // Fixed paths first: "_catalog" is not a valid repository name, but keep it unambiguous anyway.
    router.add({{"GET", "HEAD"}, QStringLiteral("/v2/"), Access::None, listing(registry, K::ApiVersion)});
    router.add({{"GET"},
                QStringLiteral("/v2/_catalog"),
                Access::Catalog,
                listing(registry, K::Catalog, canInspect)});

    router.add(
        {{"GET", "HEAD"}, QStringLiteral("/v2/{name}/tags/list"), Access::Pull, listing(registry, K::Tags)});
    router.add({{"GET"},
                QStringLiteral("/v2/{name}/referrers/{param}"),
                Access::Pull,
                listing(registry, K::Referrers)});

    router.add({{"GET", "HEAD"},
                QStringLiteral("/v2/{name}/manifests/{param}"),
                Access::Pull,
                make<ManifestHandler>(registry)});
    router.add({{"PUT"},
                QStringLiteral("/v2/{name}/manifests/{param}"),
                Access::Push,
                make<ManifestHandler>(registry)});
    router.add({{"DELETE"},
                QStringLiteral("/v2/{name}/manifests/{param}"),
                Access::Delete,
                make<ManifestHandler>(registry)});

    router.add({{"POST"},
                QStringLiteral("/v2/{name}/blobs/uploads/"),
                Access::Push,
                upload(registry, canMountFrom)});
    router.add({{"GET", "PATCH", "PUT", "DELETE"},
                QStringLiteral("/v2/{name}/blobs/uploads/{param}"),
                Access::Push,
                make<UploadHandler>(registry)});

    router.add({{"GET", "HEAD"},
                QStringLiteral("/v2/{name}/blobs/{param}"),
                Access::Pull,
                make<BlobHandler>(registry)});
    router.add({{"DELETE"},
                QStringLiteral("/v2/{name}/blobs/{param}"),
                Access::Delete,
                make<BlobHandler>(registry)});
}

} // namespace berth
