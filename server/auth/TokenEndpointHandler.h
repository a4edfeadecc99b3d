#pragma once

#include "http/HttpHandler.h"

#include <QByteArray>

namespace berth {

class TokenService;

/// Serves one request to the token endpoint: GET at once, POST after collecting its form body
/// (at most TokenService::Options::maxFormBytes; larger bodies are refused with 413 as they
/// arrive).
class TokenEndpointHandler final : public HttpHandler
{
public:
    explicit TokenEndpointHandler(TokenService& service);

    void onHeaders(const HttpRequest& request, HttpResponder& responder) override;
    bool onBody(QByteArrayView chunk, HttpResponder& responder) override;
    void onComplete(const HttpRequest& request, HttpResponder& responder) override;

private:
    TokenService& m_service;
    QByteArray m_body;
};

} // namespace berth
