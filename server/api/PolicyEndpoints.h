#pragma once

#include "api/ApiTable.h"

namespace berth {

/// /api/v1/policies (list, create, get, update, delete, validate) and /api/v1/explain.
class PolicyEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
