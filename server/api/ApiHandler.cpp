#include "api/ApiHandler.h"

#include "api/ApiCall.h"
#include "api/ApiErrors.h"
#include "api/ApiSchema.h"
#include "audit/AuditLog.h"
#include "auth/AccessGate.h"
#include "auth/HttpCredentials.h"
#include "http/HttpResponder.h"
#include "oci/MediaTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace berth {

ApiHandler::ApiHandler(std::shared_ptr<const ApiOperation> operation, RouteMatch match, ApiServices services)
    : m_operation(std::move(operation)), m_match(std::move(match)), m_services(services)
{}

bool ApiHandler::targetInBody() const
{
    return m_operation->access.kind == ApiAccess::Kind::Compartment && !m_operation->requestSchema.isEmpty();
}

void ApiHandler::onHeaders(const HttpRequest& request, HttpResponder& responder)
{
    if (targetInBody()) {
        // The target is in the body: at least refuse callers who are not signed in before reading it.
        AccessOutcome outcome = m_services.gate->authenticate(request);
        if (outcome.allowed() && outcome.subject.anonymous)
            outcome = m_services.gate->requireAdministrator(request);
        if (!outcome.allowed()) {
            send(responder, refusal(outcome));
            return;
        }
    } else if (!authorize(request, responder)) {
        return;
    }
    if (request.contentLength > MaxBodyBytes) {
        send(responder,
             ApiReply::error(
                 413, ApiErrors::PayloadTooLarge,
                 QStringLiteral("The request body is over the limit of %1 bytes.").arg(MaxBodyBytes)));
        return;
    }
    if (request.hasBody() && !m_operation->requestSchema.isEmpty()) {
        const QByteArray type = request.header("Content-Type");
        if (!type.isEmpty() &&
            MediaTypes::normalize(QString::fromLatin1(type)) != QLatin1String("application/json")) {
            send(responder,
                 ApiReply::error(415, ApiErrors::UnsupportedMediaType,
                                 QStringLiteral("The request body must be application/json, not %1.")
                                     .arg(QString::fromLatin1(type.left(100)))));
            return;
        }
    }
}

bool ApiHandler::onBody(QByteArrayView chunk, HttpResponder& responder)
{
    if (responder.hasResponded())
        return false;
    if (m_body.size() + chunk.size() > MaxBodyBytes) {
        send(responder,
             ApiReply::error(
                 413, ApiErrors::PayloadTooLarge,
                 QStringLiteral("The request body is over the limit of %1 bytes.").arg(MaxBodyBytes)));
        return false;
    }
    m_body.append(chunk.data(), chunk.size());
    return true;
}

void ApiHandler::onComplete(const HttpRequest& request, HttpResponder& responder)
{
    if (responder.hasResponded())
        return;
    QJsonObject body;
    if (!m_operation->requestSchema.isEmpty()) {
        const bool needsFields =
            !m_operation->requestSchema.value(QStringLiteral("required")).toArray().isEmpty();
        if (m_body.trimmed().isEmpty() && needsFields) {
            send(responder, ApiReply::error(400, ApiErrors::InvalidJson,
                                            QStringLiteral("This request needs a JSON object as its body.")));
            return;
        }
        if (m_body.trimmed().isEmpty())
            m_body = "{}"; // every field is optional: no body means none of them
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(m_body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            send(responder,
                 ApiReply::error(400, ApiErrors::InvalidJson,
                                 QStringLiteral("The request body is not valid JSON: %1 at byte %2.")
                                     .arg(parseError.errorString())
                                     .arg(parseError.offset)));
            return;
        }
        if (!document.isObject()) {
            send(responder, ApiReply::error(400, ApiErrors::InvalidJson,
                                            QStringLiteral("The request body must be a JSON object.")));
            return;
        }
        body = document.object();
        const QString problem = ApiSchema::check(m_operation->requestSchema, body);
        if (!problem.isEmpty()) {
            send(responder, ApiReply::invalidArgument(problem));
            return;
        }
    }
    if (!m_authorized) {
        if (!targetInBody())
            return; // refused in onHeaders
        // The compartment named in the body (the body was checked: the field is a string when present).
        if (!authorize(request, responder))
            return;
    }
    m_body.clear();
    ApiCall call(request, *m_operation, m_match, m_services, m_subject, body);
    ApiReply reply;
    try {
        reply = m_operation->run(call);
    } catch (const std::exception& e) {
        reply = ApiReply::error(500, ApiErrors::Internal,
                                QStringLiteral("The server failed while handling the request: %1")
                                    .arg(QString::fromLocal8Bit(e.what())));
    }
    audit(request, reply);
    send(responder, reply);
}

void ApiHandler::audit(const HttpRequest& request, const ApiReply& reply) const
{
    // Every change made through the API is recorded with who made it; reads are not.
    if (!m_services.audit || reply.isError() || request.method == "GET" || request.method == "HEAD")
        return;
    AuditRecord record;
    record.actor = m_subject.anonymous ? AuditRecord::anonymousActor() : m_subject.userName;
    record.clientAddress = HttpCredentials::clientAddress(request);
    record.action = QStringLiteral("api.") + m_operation->operationId;
    record.target = request.path;
    record.decision = AuditDecision::Allowed;
    record.details = QJsonObject{{QStringLiteral("method"), QString::fromLatin1(request.method)},
                                 {QStringLiteral("status"), reply.status}};
    m_services.audit->append(std::move(record));
}

bool ApiHandler::authorize(const HttpRequest& request, HttpResponder& responder)
{
    AccessGate& gate = *m_services.gate;
    const ApiAccess& access = m_operation->access;
    AccessOutcome outcome;
    switch (access.kind) {
    case ApiAccess::Kind::Public:
        m_authorized = true;
        return true;
    case ApiAccess::Kind::SignedIn:
    case ApiAccess::Kind::Self: {
        outcome = gate.authenticate(request);
        if (outcome.allowed() && outcome.subject.anonymous) {
            // Sign-in is required: the gate's refusal of an anonymous caller carries the challenge.
            outcome = gate.requireAdministrator(request);
        } else if (outcome.allowed() && access.kind == ApiAccess::Kind::Self) {
            const QString user = ApiCall::path(*m_operation, m_match, QStringLiteral("user"));
            if (user.compare(outcome.subject.userName, Qt::CaseInsensitive) != 0)
                outcome = gate.requireAdministrator(request);
        }
        break;
    }
    case ApiAccess::Kind::Administrator:
        outcome = gate.requireAdministrator(request);
        break;
    case ApiAccess::Kind::Repository:
        outcome = gate.authorizeRepository(request, access.permission, m_match.name);
        break;
    case ApiAccess::Kind::Compartment: {
        QString text;
        if (targetInBody()) {
            // Checked against the schema already: absent or a string.
            text = QJsonDocument::fromJson(m_body).object().value(access.compartmentField).toString();
        } else {
            text = request.query.queryItemValue(access.compartmentField, QUrl::FullyDecoded);
        }
        Result<CompartmentPath> compartment = ApiCall::compartmentFrom(text, access.compartmentField);
        if (!compartment) {
            send(responder, ApiReply::error(compartment.error()));
            return false;
        }
        outcome = gate.authorizeCompartment(request, access.permission, compartment.value());
        break;
    }
    }
    if (!outcome.allowed()) {
        send(responder, refusal(outcome));
        return false;
    }
    m_subject = outcome.subject;
    m_authorized = true;
    return true;
}

ApiReply ApiHandler::refusal(const AccessOutcome& outcome)
{
    ApiReply reply;
    switch (outcome.kind) {
    case AccessOutcome::Kind::Allowed:
        break;
    case AccessOutcome::Kind::Unauthorized:
        reply = ApiReply::error(401, ApiErrors::NotAuthenticated,
                                outcome.message.isEmpty() ? QStringLiteral("Sign in to use this endpoint.")
                                                          : outcome.message);
        break;
    case AccessOutcome::Kind::Denied:
        reply = ApiReply::error(403, ApiErrors::NotAuthorized,
                                outcome.message.isEmpty() ? QStringLiteral("You are not allowed to do this.")
                                                          : outcome.message);
        break;
    case AccessOutcome::Kind::Throttled:
        reply = ApiReply::error(429, ApiErrors::TooManyRequests,
                                outcome.message.isEmpty()
                                    ? QStringLiteral("Too many failed sign-ins; wait before trying again.")
                                    : outcome.message);
        break;
    }
    reply.headers = outcome.headers;
    return reply;
}

void ApiHandler::send(HttpResponder& responder, const ApiReply& reply)
{
    for (const auto& header : reply.headers)
        responder.addHeader(header.first, header.second);
    responder.addHeader("Cache-Control", "no-store");
    if (reply.status == 204) {
        responder.send(204);
        return;
    }
    if (!reply.rawContentType.isEmpty()) {
        responder.send(reply.status, reply.rawBody, reply.rawContentType);
        return;
    }
    responder.send(reply.status, QJsonDocument(reply.body).toJson(QJsonDocument::Compact),
                   "application/json; charset=utf-8");
}

} // namespace berth
