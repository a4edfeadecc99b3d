#include "distribution/DistributionHandler.h"

#include "errors/ErrorTable.h"
#include "metering/UsageMeter.h"
#include "oci/Names.h"
#include "registry/RegistryService.h"

namespace berth {

DistributionHandler::DistributionHandler(RegistryService& registry, RouteMatch match)
    : m_registry(registry), m_match(std::move(match))
{}

void DistributionHandler::onHeaders(const HttpRequest& request, HttpResponder& responder)
{
    if (!m_match.name.isNull() && !Names::isValidRepositoryName(m_match.name)) {
        sendError(responder,
                  Error(ErrorCode::NameInvalid,
                        QStringLiteral("\"%1\" is not a valid repository name: use lowercase letters, digits "
                                       "and single separators (. _ __ -), with / between path components, "
                                       "at most %2 characters.")
                            .arg(m_match.name.left(300))
                            .arg(Names::MaxRepositoryNameLength)));
        return;
    }
    start(request, responder);
}

void DistributionHandler::onComplete(const HttpRequest& request, HttpResponder& responder)
{
    if (!responder.hasResponded())
        finish(request, responder);
}

void DistributionHandler::start(const HttpRequest&, HttpResponder&) {}

void DistributionHandler::addCommonHeaders(HttpResponder& responder)
{
    responder.addHeader("Docker-Distribution-API-Version", "registry/2.0");
}

void DistributionHandler::sendError(HttpResponder& responder, const Error& error)
{
    addCommonHeaders(responder);
    ErrorTable::send(responder, error);
}

QByteArray DistributionHandler::repositoryPath(const QString& suffix) const
{
    return "/v2/" + m_match.name.toUtf8() + '/' + suffix.toUtf8();
}

// ---- metering

QString DistributionHandler::meteredUser() const
{
    return m_match.subject.anonymous ? QString() : m_match.subject.userName;
}

void DistributionHandler::meterEgress(HttpResponder& responder) const
{
    UsageMeter* meter = &m_registry.usageMeter();
    responder.onBodySent([meter, repository = m_match.name, user = meteredUser()](qint64 bytes) {
        meter->recordEgress(repository, user, bytes);
    });
}

} // namespace berth
