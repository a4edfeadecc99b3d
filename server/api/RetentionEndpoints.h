#pragma once

#include "api/ApiServices.h"
#include "api/ApiTable.h"

namespace berth {

/// /api/v1/retention-policies: CRUD of retention policies, a dry run (POST .../{policy}/plan answers the
/// plan: what goes and what stays with the rule behind each, and the bytes that would come back), a run
/// (POST .../{policy}/apply answers 202 with the job), and /api/v1/retention-runs, the history.
/// Administrators only; every change is audited by the API layer.
class RetentionEndpoints
{
public:
    /// Uses services.retention (the runner the schedule uses too), or one of its own when that is empty.
    static void add(ApiTable& table, const ApiServices& services);
};

} // namespace berth
