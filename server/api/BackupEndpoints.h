#pragma once

#include "api/ApiTable.h"

namespace berth {

/// /api/v1/backups: start an online backup into a folder on the server (POST, a job: 202 with the job
/// to poll) and the history of backups (GET, from the maintenance history). Administrators only; POST
/// is audited like every change. Registered when the API has a job runner and a maintenance log.
class BackupEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
