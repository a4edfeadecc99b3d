#pragma once

#include "routing/Router.h"

#include <functional>

namespace berth {

class RegistryService;

/// The OCI Distribution API v1.1 (/v2/...) as rows of the route table.
class DistributionApi
{
public:
    /// May this subject see this repository in the catalog (REPOSITORY_INSPECT)?
    using InspectFilter = std::function<bool(const AuthorizationSubject& subject, const QString& repository,
                                             const QString& clientAddress)>;

    /// Without a filter the catalog lists every repository.
    static void addRoutes(Router& router, RegistryService& registry, InspectFilter canInspect = {});
};

} // namespace berth
