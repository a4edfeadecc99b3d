#pragma once

#include "api/ApiTable.h"

namespace berth {

/// /api/v1/usage: pulls, pushes, egress and ingress per repository, compartment, user or day (from
/// usage_daily, which the UsageMeter writes), and /api/v1/usage/storage: the stored bytes per
/// repository and compartment now, unique and shared. Visible to administrators and to whoever may
/// inspect repositories in the compartment asked about (and below it).
class UsageEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
