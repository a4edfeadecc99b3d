#pragma once

#include "routing/Route.h"

#include <QList>
#include <QStringList>
#include <optional>

namespace berth {

/// The route table. Finds the row for a request, or answers 404 (no such endpoint) and
/// 405 (endpoint exists, method does not) itself with an OCI error body.
class Router
{
public:
    void add(Route route);

    /// The handler for a request (never null).
    std::unique_ptr<HttpHandler> handlerFor(const HttpRequest& request) const;
    HttpHandlerFactory factory() const;

    /// Matches one pattern against a path; exposed for tests.
    static std::optional<RouteMatch> match(const QString& pattern, const QString& path);

private:
    struct CompiledRoute
    {
        Route route;
        QStringList segments;
        int nameIndex = -1;
    };
    static std::optional<RouteMatch> match(const CompiledRoute& route, const QStringList& segments);
    static CompiledRoute compile(Route route);

    QList<CompiledRoute> m_routes;
};

} // namespace berth
