#pragma once

#include "http/HttpHandler.h"
#include "routing/Route.h"
#include "util/Error.h"

namespace berth {

class RegistryService;

/// Base of the /v2 handlers: checks the repository name before anything else, sends every response
/// with the distribution API version header, and turns Errors into OCI error bodies.
class DistributionHandler : public HttpHandler
{
public:
    DistributionHandler(RegistryService& registry, RouteMatch match);

    void onHeaders(const HttpRequest& request, HttpResponder& responder) final;
    void onComplete(const HttpRequest& request, HttpResponder& responder) final;

protected:
    /// After the name was checked; may respond early. Default: nothing.
    virtual void start(const HttpRequest& request, HttpResponder& responder);
    /// The request is complete and nobody has responded yet.
    virtual void finish(const HttpRequest& request, HttpResponder& responder) = 0;

    static void sendError(HttpResponder& responder, const Error& error);
    static void addCommonHeaders(HttpResponder& responder);
    /// "/v2/<name>/<suffix>" with the name as it came (already validated).
    QByteArray repositoryPath(const QString& suffix) const;
    /// Metering: the body bytes this response sends go to the usage of the repository and the signed-in
    /// user ('' for anonymous) once the response is over.
    void meterEgress(HttpResponder& responder) const;
    /// The signed-in user's name, '' for anonymous requests (metering).
    QString meteredUser() const;

    RegistryService& m_registry;
    RouteMatch m_match;
};

} // namespace berth
