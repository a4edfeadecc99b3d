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
    /// Decides whether a request may reach its route's handler. Returns null to let it through
    /// (after filling match.subject), or the handler that sends the refusal (401, 403, 429).
    using RouteGuard =
        std::function<std::unique_ptr<HttpHandler>(const HttpRequest&, const Route&, RouteMatch&)>;

    void add(Route route);
    /// Installs the guard for Guard::Router routes. Without one every request is let through.
    void setGuard(RouteGuard guard);

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
    RouteGuard m_guard;
};

} // namespace berth
