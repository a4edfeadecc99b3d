#pragma once

#include "api/ApiTable.h"

namespace berth {

class RegistryService;

/// /api/v1/fsck: POST {"repair": bool, "removeUnreferenced": bool} checks the metadata against the blob
/// store (and repairs what can be repaired) as a job: 202 with the job. GET answers the last run's report
/// from the maintenance history. Administrators only; POST is audited like every change. Registered only
/// when ApiServices::jobs and ApiServices::maintenance are set.
class FsckEndpoints
{
public:
    /// The runs share one FsckChecker on `registry` (one run at a time).
    static void add(ApiTable& table, RegistryService& registry);
};

} // namespace berth
