#pragma once

#include "api/ApiTable.h"

namespace berth {

/// /api/v1/groups and their members.
class GroupEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
