#pragma once

#include "api/ApiServices.h"
#include "api/ApiTable.h"

namespace berth {

/// /api/v1/gc: how much garbage collection would free now and what the last run did (GET), and a run or
/// dry run (POST). Administrators only; POST is audited like every change.
class GcEndpoints
{
public:
    /// The operations share one GarbageCollector on services.registry that records its runs in
    /// services.maintenance; runs go through services.jobs when set (POST answers when the job is done,
    /// or at once with 202 and the job when the body says "wait": false).
    static void add(ApiTable& table, const ApiServices& services);
};

} // namespace berth
