#include "portal/PortalRoutes.h"

#include "portal/PortalController.h"
#include "portal/PortalHandler.h"
#include "routing/Router.h"

namespace berth {

void PortalRoutes::add(Router& router, const PortalServices& services)
{
    auto controller = std::make_shared<const PortalController>(services);
    auto make = [controller](const HttpRequest&, const RouteMatch&) -> std::unique_ptr<HttpHandler> {
        return std::make_unique<PortalHandler>(controller);
    };
    for (const QString& pattern :
         {QStringLiteral("/portal"), QStringLiteral("/portal/"), QStringLiteral("/portal/{name}")}) {
        Route route;
        route.methods = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
        route.pattern = pattern;
        route.access = Access::None;
        route.guard = Guard::Handler;
        route.makeHandler = make;
        router.add(route);
    }
}

} // namespace berth
