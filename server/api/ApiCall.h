#pragma once

#include "api/ApiOperation.h"
#include "api/ApiServices.h"
#include "http/HttpRequest.h"
#include "iam/AuthorizationRequest.h"
#include "routing/Route.h"
#include "util/Result.h"

#include <QJsonObject>

namespace berth {

struct AccessOutcome;

/// One authorized call of an operation: the request, its path and query parameters, the checked JSON
/// body and who is calling.
class ApiCall
{
public:
    ApiCall(const HttpRequest& request, const ApiOperation& operation, const RouteMatch& match,
            const ApiServices& services, AuthorizationSubject subject, QJsonObject body);

    const HttpRequest& request() const { return m_request; }
    const ApiOperation& operation() const { return m_operation; }
    const ApiServices& services() const { return m_services; }
    const AuthorizationSubject& subject() const { return m_subject; }
    const QJsonObject& body() const { return m_body; }

    /// A path parameter by its name in the operation's path.
    QString path(const QString& name) const;
    static QString path(const ApiOperation& operation, const RouteMatch& match, const QString& name);
    QString query(const QString& name) const;
    bool hasQuery(const QString& name) const;
    /// A boolean query parameter: "true"/"false"/"1"/"0"; `fallback` when absent.
    Result<bool> queryFlag(const QString& name, bool fallback) const;
    /// The user making the change, for events and the audit ("" for anonymous).
    QString actor() const;
    QString clientAddress() const;

    /// Parses "A:B" ("" = the tenancy) from a request value named `field`, for messages.
    static Result<CompartmentPath> compartmentFrom(const QString& text, const QString& field);

private:
    const HttpRequest& m_request;
    const ApiOperation& m_operation;
    RouteMatch m_match;
    const ApiServices& m_services;
    AuthorizationSubject m_subject;
    QJsonObject m_body;
};

} // namespace berth
