#pragma once

#include "api/ApiTable.h"

namespace berth {

/// /api/v1/limits: the registry's limits and figures (GET, any signed-in user) and changing them at run
/// time (PUT, administrators); /api/v1/repositories/{name}/limits: one repository's images and image
/// limit; /api/v1/repositories/{name}/immutability: its tag immutability and exclusion patterns (GET
/// with REPOSITORY_INSPECT, PUT with REPOSITORY_MANAGE). Changes are audited like every API change.
class LimitEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
