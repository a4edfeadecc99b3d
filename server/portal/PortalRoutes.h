#pragma once

#include "portal/PortalServices.h"

namespace berth {

class Router;

/// Adds the portal's routes (/portal, /portal/ and everything below it) to the route table. The
/// portal checks access itself (Guard::Handler): its visitors carry a session cookie, not the
/// registry's credentials.
class PortalRoutes
{
public:
    static void add(Router& router, const PortalServices& services);
};

} // namespace berth
