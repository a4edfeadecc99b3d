#pragma once

#include "api/ApiServices.h"
#include "api/ApiTable.h"

namespace berth {

/// /api/v1/scrub: the last scrub's report, the schedule and the blob store's fault domains and counters
/// (GET), and a scrub started as a job (POST, 202 with the job). Administrators only; POST is audited
/// like every change. Needs services.registry and services.jobs; services.maintenance for the history
/// and services.scheduler (when it has a scrub task) so that a manual run and a scheduled one are never
/// queued twice.
class ScrubEndpoints
{
public:
    static void add(ApiTable& table, const ApiServices& services);
};

} // namespace berth
