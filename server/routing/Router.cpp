#include "routing/Router.h"

#include "errors/ErrorTable.h"

namespace berth {

namespace {

QStringList splitPath(const QString& path)
{
    // "/v2/" -> ["v2", ""], "/v2/a/b" -> ["v2", "a", "b"]
    QStringList parts = path.split(QLatin1Char('/'));
    if (!parts.isEmpty() && parts.first().isEmpty())
        parts.removeFirst();
    return parts;
}

/// Answers every request with one fixed error (unknown endpoint, wrong method).
class ErrorHandler final : public HttpHandler
{
public:
    ErrorHandler(Error error, QByteArray allow) : m_error(std::move(error)), m_allow(std::move(allow)) {}

    void onHeaders(const HttpRequest&, HttpResponder& responder) override
    {
        if (!m_allow.isEmpty())
            responder.addHeader("Allow", m_allow);
        ErrorTable::send(responder, m_error);
    }
    void onComplete(const HttpRequest&, HttpResponder&) override {}

private:
    Error m_error;
    QByteArray m_allow;
};

} // namespace

Router::CompiledRoute Router::compile(Route route)
{
    CompiledRoute compiled;
    compiled.segments = splitPath(route.pattern);
    compiled.nameIndex = compiled.segments.indexOf(QStringLiteral("{name}"));
    compiled.route = std::move(route);
    return compiled;
}

void Router::add(Route route)
{
    m_routes.append(compile(std::move(route)));
}

std::optional<RouteMatch> Router::match(const QString& pattern, const QString& path)
{
    Route route;
    route.pattern = pattern;
    return match(compile(std::move(route)), splitPath(path));
}

std::optional<RouteMatch> Router::match(const CompiledRoute& route, const QStringList& segments)
{
    const QStringList& pattern = route.segments;
    RouteMatch result;
    auto matchSegment = [&result](const QString& want, const QString& have) {
        if (want == QLatin1String("{param}")) {
            if (have.isEmpty())
                return false;
            result.param = have;
            return true;
        }
        return want == have;
    };

    if (route.nameIndex < 0) {
        if (segments.size() != pattern.size())
            return std::nullopt;
        for (int i = 0; i < pattern.size(); ++i) {
            if (!matchSegment(pattern[i], segments[i]))
                return std::nullopt;
        }
        return result;
    }

    // {name} takes the segments between the fixed head and the fixed tail.
    const int head = route.nameIndex;
    const int tail = int(pattern.size()) - head - 1;
    if (segments.size() < head + tail + 1)
        return std::nullopt;
    for (int i = 0; i < head; ++i) {
        if (!matchSegment(pattern[i], segments[i]))
            return std::nullopt;
    }
    for (int i = 0; i < tail; ++i) {
        if (!matchSegment(pattern[head + 1 + i], segments[segments.size() - tail + i]))
            return std::nullopt;
    }
    result.name = segments.mid(head, segments.size() - head - tail).join(QLatin1Char('/'));
    return result;
}

std::unique_ptr<HttpHandler> Router::handlerFor(const HttpRequest& request) const
{
    const QStringList segments = splitPath(request.path);
    QByteArrayList allowed;
    for (const CompiledRoute& route : m_routes) {
        std::optional<RouteMatch> m = match(route, segments);
        if (!m)
            continue;
        if (route.route.methods.contains(request.method)) {
            if (m_guard && route.route.guard == Guard::Router) {
                if (std::unique_ptr<HttpHandler> refusal = m_guard(request, route.route, *m))
                    return refusal;
            }
            return route.route.makeHandler(request, *m);
        }
        for (const QByteArray& method : route.route.methods) {
            if (!allowed.contains(method))
                allowed.append(method);
        }
    }
    if (!allowed.isEmpty()) {
        return std::make_unique<ErrorHandler>(
            Error(ErrorCode::Unsupported,
                  QStringLiteral("The method %1 is not allowed here; allowed: %2.")
                      .arg(QString::fromLatin1(request.method), QString::fromLatin1(allowed.join(", ")))),
            allowed.join(", "));
    }
    Error notFound(ErrorCode::NameUnknown, QStringLiteral("There is no endpoint at %1.").arg(request.path));
    return std::make_unique<ErrorHandler>(notFound, QByteArray());
}

void Router::setGuard(RouteGuard guard)
{
    m_guard = std::move(guard);
}

HttpHandlerFactory Router::factory() const
{
    return [this](const HttpRequest& request) { return handlerFor(request); };
}

} // namespace berth
