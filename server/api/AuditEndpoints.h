#pragma once

#include "api/ApiTable.h"

namespace berth {

/// /api/v1/audit: the audit log, filtered and paged, and a check of its hash chain.
class AuditEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
