#pragma once

#include "api/ApiTable.h"

namespace berth {

/// The administrators' view of licences: /api/v1/licences (every licence with how many users accepted
/// the version in force), /api/v1/licences/{licence}/versions, and /api/v1/licence-acceptances (who
/// accepted which version and when, filtered; JSON pages or CSV).
class LicenceReportEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
