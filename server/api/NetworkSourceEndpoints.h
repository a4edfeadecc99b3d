#pragma once

#include "api/ApiTable.h"

namespace berth {

/// /api/v1/network-sources: named lists of CIDR ranges that policy conditions refer to.
class NetworkSourceEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
