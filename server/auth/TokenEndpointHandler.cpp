#include "auth/TokenEndpointHandler.h"

#include "auth/TokenService.h"

namespace berth {

namespace {

TokenService::Reply tooLarge(qint64 limit)
{
    return TokenService::oauthError(413, QStringLiteral("invalid_request"),
                                    QStringLiteral("The form is larger than %1 bytes.").arg(limit));
}

} // namespace

TokenEndpointHandler::TokenEndpointHandler(TokenService& service) : m_service(service) {}

void TokenEndpointHandler::onHeaders(const HttpRequest& request, HttpResponder& responder)
{
    if (request.method != "POST") {
        if (request.hasBody())
            TokenService::oauthError(400, QStringLiteral("invalid_request"),
                                     QStringLiteral("A GET request to the token endpoint has no body."))
                .send(responder);
        return;
    }
    const QByteArray type = request.header("Content-Type").split(';').first().trimmed().toLower();
    if (type != "application/x-www-form-urlencoded") {
        TokenService::oauthError(
            400, QStringLiteral("invalid_request"),
            QStringLiteral("The token request must be application/x-www-form-urlencoded."))
            .send(responder);
        return;
    }
    if (request.contentLength > m_service.options().maxFormBytes)
        tooLarge(m_service.options().maxFormBytes).send(responder);
}

bool TokenEndpointHandler::onBody(QByteArrayView chunk, HttpResponder& responder)
{
    if (responder.hasResponded())
        return false;
    if (m_body.size() + chunk.size() > m_service.options().maxFormBytes) {
        m_body.clear();
        tooLarge(m_service.options().maxFormBytes).send(responder);
        return false;
    }
    m_body.append(chunk.data(), chunk.size());
    return true;
}

void TokenEndpointHandler::onComplete(const HttpRequest& request, HttpResponder& responder)
{
    if (responder.hasResponded())
        return;
    if (request.method == "POST")
        m_service.handlePost(request, m_body).send(responder);
    else
        m_service.handleGet(request).send(responder);
}

} // namespace berth
