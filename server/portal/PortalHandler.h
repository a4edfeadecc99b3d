#pragma once

#include "http/HttpHandler.h"

#include <memory>

namespace berth {

class PortalController;

/// One request to /portal: reads a form body of at most PortalController::MaxFormBytes, lets the
/// controller answer, and sends the answer with the headers every portal response carries
/// (Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, X-Frame-Options, Cache-Control).
class PortalHandler final : public HttpHandler
{
public:
    explicit PortalHandler(std::shared_ptr<const PortalController> controller);

    void onHeaders(const HttpRequest& request, HttpResponder& responder) override;
    bool onBody(QByteArrayView chunk, HttpResponder& responder) override;
    void onComplete(const HttpRequest& request, HttpResponder& responder) override;

private:
    void tooLarge(HttpResponder& responder);

    std::shared_ptr<const PortalController> m_controller;
    QByteArray m_body;
};

} // namespace berth
