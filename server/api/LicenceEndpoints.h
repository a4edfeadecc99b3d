#pragma once

#include "api/ApiTable.h"

namespace berth {

/// Licence-gated repositories (issue 7) in the management API:
/// /api/v1/repositories/{name}/licence (GET: what a pull needs and whether you accepted it; PUT, DELETE:
/// administrators set a new version or remove it), .../licence/acceptance (POST: accept the version in
/// force), /api/v1/compartments/{compartment}/licence (administrators), /api/v1/licences with their
/// versions, and /api/v1/licence-acceptances (who accepted which version and when). Publishing, removing
/// and accepting are audited as licence.published, licence.removed and licence.accepted.
class LicenceEndpoints
{
public:
    static void add(ApiTable& table);
};

} // namespace berth
