#pragma once

#include "api/ApiTable.h"

namespace berth {

class RegistryService;

/// /api/v1/gc: how much garbage collection would free now and what the last run did (GET), and a run or
/// dry run (POST). Administrators only; POST is audited like every change.
class GcEndpoints
{
public:
    /// The operations share one GarbageCollector on `registry` (it remembers the last run).
    static void add(ApiTable& table, RegistryService& registry);
};

} // namespace berth
