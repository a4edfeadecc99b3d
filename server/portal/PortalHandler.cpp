#include "portal/PortalHandler.h"

#include "http/HttpRequest.h"
#include "portal/PortalController.h"

namespace berth {

namespace {

void addSecurityHeaders(HttpResponder& responder, bool cacheable)
{
    responder.addHeader("Content-Security-Policy",
                        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    responder.addHeader("X-Content-Type-Options", "nosniff");
    responder.addHeader("Referrer-Policy", "same-origin");
    responder.addHeader("X-Frame-Options", "DENY");
    responder.addHeader("Cache-Control", cacheable ? "public, max-age=300" : "no-store");
}

} // namespace

PortalHandler::PortalHandler(std::shared_ptr<const PortalController> controller)
    : m_controller(std::move(controller))
{}

void PortalHandler::tooLarge(HttpResponder& responder)
{
    addSecurityHeaders(responder, false);
    responder.send(413, QByteArray("The form is too large.\n"), "text/plain; charset=utf-8");
}

void PortalHandler::onHeaders(const HttpRequest& request, HttpResponder& responder)
{
    if (request.contentLength > PortalController::MaxFormBytes)
        tooLarge(responder);
}

bool PortalHandler::onBody(QByteArrayView chunk, HttpResponder& responder)
{
    if (m_body.size() + chunk.size() > PortalController::MaxFormBytes) {
        m_body.clear();
        tooLarge(responder);
        return false;
    }
    m_body.append(chunk.data(), chunk.size());
    return true;
}

void PortalHandler::onComplete(const HttpRequest& request, HttpResponder& responder)
{
    if (responder.hasResponded())
        return;
    const PortalReply reply = m_controller->handle(request, m_body);
    addSecurityHeaders(responder, reply.cacheable);
    for (const auto& header : reply.headers)
        responder.addHeader(header.first, header.second);
    responder.send(reply.status, reply.body, reply.contentType);
}

} // namespace berth
