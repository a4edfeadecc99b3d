#pragma once

#include "http/HttpHandler.h"
#include "iam/AuthorizationRequest.h"

#include <QByteArrayList>
#include <QString>
#include <functional>
#include <memory>

namespace berth {

/// The access a /v2 route needs on its repository. The router's guard decides on it before any
/// handler runs (see Router::setGuard).
enum class Access
{
    None,
    Pull,
    Push,
    Delete,
    Catalog
};

/// Who checks a route's access: the router's guard before the handler exists (the /v2 API), or the
/// handler itself (the management API, which authorizes per object, and the token endpoint).
enum class Guard
{
    Router,
    Handler
};

/// Values a matched pattern captured: {name} (one or more path segments) and {param} (one segment),
/// and, once the guard let the request through, who it comes from.
struct RouteMatch
{
    QString name;
    QString param;
    AuthorizationSubject subject;
};

/// One row of the route table: methods, a path pattern, the access it needs, and how to make the
/// handler. Patterns are slash-separated literals plus at most one {name} and one {param}, e.g.
/// "/v2/{name}/blobs/uploads/{param}". A trailing "/" is significant.
struct Route
{
    QByteArrayList methods;
    QString pattern;
    Access access = Access::None;
    std::function<std::unique_ptr<HttpHandler>(const HttpRequest&, const RouteMatch&)> makeHandler;
    Guard guard = Guard::Router;
};

} // namespace berth
