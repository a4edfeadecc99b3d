#pragma once

#include "api/ApiTable.h"

#include <QJsonObject>

namespace berth {

struct LimitRequest;

/// /api/v1/limit-requests: a signed-in user asks for a higher limit with a reason (POST) and sees their
/// own requests (GET); administrators see everybody's and approve (the limit is raised) or decline them
/// with a note. Requests and decisions are audited (api.createLimitRequest, api.approveLimitRequest,
/// api.declineLimitRequest).
class LimitRequestEndpoints
{
public:
    static void add(ApiTable& table);
    static QJsonObject toJson(const LimitRequest& request);
};

} // namespace berth
