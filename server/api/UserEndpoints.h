#pragma once

#include "api/ApiTable.h"

namespace berth {

/// /api/v1/users (list, create, get, update and lock, delete, me) and their auth tokens.
class UserEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
