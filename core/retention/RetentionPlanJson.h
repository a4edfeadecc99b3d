#pragma once

#include "retention/RetentionPlan.h"
#include "retention/RetentionPolicy.h"

#include <QJsonObject>

namespace berth {

/// The JSON of plans, policies and run results, as the REST API answers and berthctl and the console
/// read them back. Lists stop at `listCap` entries per repository ("truncated": true); counts and bytes
/// always cover everything.
class RetentionPlanJson
{
public:
    static constexpr int DefaultListCap = 1000;

    static QJsonObject plan(const RetentionPlan& plan, int listCap = DefaultListCap);
    static QJsonObject policy(const RetentionPolicy& policy);
    static QJsonObject applied(const RetentionApplyResult& applied, int listCap = DefaultListCap);

    /// Reads plan() back (what berthctl and the console show); lists only what the JSON has.
    static RetentionPlan planFromJson(const QJsonObject& json);
};

} // namespace berth
