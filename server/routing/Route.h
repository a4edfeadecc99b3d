#pragma once

#include "http/HttpHandler.h"

#include <QByteArrayList>
#include <QString>
#include <functional>
#include <memory>

namespace berth {

/// The access a route needs on its repository. One authorizer decides on it before any handler runs
/// (identity and policies arrive with the IAM issue; until then every request is allowed).
enum class Access
{
    None,
    Pull,
    Push,
    Delete,
    Catalog
};

/// Values a matched pattern captured: {name} (one or more path segments) and {param} (one segment).
struct RouteMatch
{
    QString name;
    QString param;
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
};

} // namespace berth
