#pragma once

#include "api/ApiTable.h"

namespace berth {

/// /api/v1/compartments: the tree, create, rename/move/describe, delete.
class CompartmentEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
