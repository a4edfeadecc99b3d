#pragma once

#include "api/ApiServices.h"
#include "api/ApiTable.h"

namespace berth {

/// /api/v1/pricing: the price sheet (GET for anyone signed in; PUT for administrators, audited as
/// api.setPricing), and /api/v1/cost: the monthly cost report per compartment (administrators), as JSON
/// or, with ?format=csv or Accept: text/csv, as CSV. Needs services.registry (its metadata and clock).
class CostEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
