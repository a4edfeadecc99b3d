#pragma once

#include "api/ApiOperation.h"
#include "api/ApiServices.h"
#include "http/HttpHandler.h"
#include "iam/AuthorizationRequest.h"
#include "routing/Route.h"

#include <memory>

namespace berth {

struct AccessOutcome;

/// Runs one management API operation: checks access through the AccessGate first (from the head when
/// the target is in the path or query, else right after the body is read and checked), reads a JSON body
/// of at most 1 MiB, checks it against the operation's request schema, runs the operation and sends its
/// reply as JSON.
class ApiHandler final : public HttpHandler
{
public:
    static constexpr qint64 MaxBodyBytes = 1024 * 1024;

    ApiHandler(std::shared_ptr<const ApiOperation> operation, RouteMatch match, ApiServices services);

    void onHeaders(const HttpRequest& request, HttpResponder& responder) override;
    bool onBody(QByteArrayView chunk, HttpResponder& responder) override;
    void onComplete(const HttpRequest& request, HttpResponder& responder) override;

    /// Sends a reply as JSON (application/json; charset=utf-8), with its headers.
    static void send(HttpResponder& responder, const ApiReply& reply);
    /// The reply for an outcome that is not Allowed: 401 with its challenge, 403, or 429 with Retry-After.
    static ApiReply refusal(const AccessOutcome& outcome);

private:
    /// Checks access; true when the operation may run (otherwise a refusal was sent).
    bool authorize(const HttpRequest& request, HttpResponder& responder);
    bool targetInBody() const;
    /// Records a successful change in the audit log.
    void audit(const HttpRequest& request, const ApiReply& reply) const;

    std::shared_ptr<const ApiOperation> m_operation;
    RouteMatch m_match;
    ApiServices m_services;
    QByteArray m_body;
    bool m_authorized = false;
    AuthorizationSubject m_subject;
};

} // namespace berth
