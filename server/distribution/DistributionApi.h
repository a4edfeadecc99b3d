#pragma once

#include "routing/Router.h"

namespace berth {

class RegistryService;

/// The OCI Distribution API v1.1 (/v2/...) as rows of the route table.
class DistributionApi
{
public:
    static void addRoutes(Router& router, RegistryService& registry);
};

} // namespace berth
