#include "api/ApiCall.h"

namespace berth {

ApiCall::ApiCall(const HttpRequest& request, const ApiOperation& operation, const RouteMatch& match,
                 const ApiServices& services, AuthorizationSubject subject, QJsonObject body)
    : m_request(request), m_operation(operation), m_match(match), m_services(services),
      m_subject(std::move(subject)), m_body(std::move(body))
{}

QString ApiCall::path(const QString& name) const
{
    return path(m_operation, m_match, name);
}

QString ApiCall::path(const ApiOperation& operation, const RouteMatch& match, const QString& name)
{
    const ApiParameter* p = operation.parameter(name);
    if (!p || p->in != ApiParameter::In::Path)
        return QString();
    return p->multiSegment ? match.name : match.param;
}

QString ApiCall::query(const QString& name) const
{
    return m_request.query.queryItemValue(name, QUrl::FullyDecoded);
}

bool ApiCall::hasQuery(const QString& name) const
{
    return m_request.query.hasQueryItem(name);
}

Result<bool> ApiCall::queryFlag(const QString& name, bool fallback) const
{
    if (!hasQuery(name))
        return fallback;
    const QString value = query(name).toLower();
    if (value == QLatin1String("true") || value == QLatin1String("1"))
        return true;
    if (value == QLatin1String("false") || value == QLatin1String("0"))
        return false;
    return Error(ErrorCode::NameInvalid,
                 QStringLiteral("The query parameter \"%1\" must be true or false, not \"%2\".")
                     .arg(name, value.left(100)));
}

QString ApiCall::actor() const
{
    return m_subject.anonymous ? QString() : m_subject.userName;
}

QString ApiCall::clientAddress() const
{
    return m_request.peerAddress.toString();
}

Result<CompartmentPath> ApiCall::compartmentFrom(const QString& text, const QString& field)
{
    QString problem;
    std::optional<CompartmentPath> path = CompartmentPath::parse(text, &problem);
    if (!path)
        return Error(
            ErrorCode::NameInvalid,
            QStringLiteral("\"%1\" is not a compartment path (%2): %3").arg(text.left(300), field, problem));
    return *path;
}

} // namespace berth
