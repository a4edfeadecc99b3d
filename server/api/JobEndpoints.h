#pragma once

#include "api/ApiTable.h"

namespace berth {

/// /api/v1/jobs: the long tasks of the server (garbage collection, imports, scrub...) with their
/// progress: list them, follow one, cancel one (DELETE). Administrators only. Operations that start a
/// job answer 202 with Location: /api/v1/jobs/{id} (see JobJson).
class JobEndpoints
{
public:
    /// The operations use ApiServices::jobs; register them only when it is set.
    static void add(ApiTable& table);
};

} // namespace berth
