#include "auth/LicenceGate.h"

#include "auth/HttpCredentials.h"
#include "auth/RepositoryAuthorizer.h"
#include "http/HttpRequest.h"
#include "http/PublicAddress.h"
#include "licensing/LicenceStore.h"
#include "routing/Route.h"

#include <QUrl>

namespace berth {

namespace {

/// "registry.example.com" or "127.0.0.1:5000": what `docker login` takes.
QString loginHost(const QString& base)
{
    const QUrl url(base);
    QString host = url.host();
    if (host.isEmpty())
        return base;
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    if (url.port() != -1)
        host += QLatin1Char(':') + QString::number(url.port());
    return host;
}

AuthenticationOutcome denied(const AuthorizationSubject& subject, const QString& message)
{
    AuthenticationOutcome o;
    o.kind = AuthenticationOutcome::Kind::Denied;
    o.subject = subject;
    o.message = message;
    return o;
}

} // namespace

QString LicenceGateMessage(const QString& repository, const Licence& licence, const QString& base,
                           bool anonymous)
{
    const QString needs =
        QStringLiteral("Pulling from %1 needs the licence \"%2\" (version %3) accepted first.")
            .arg(repository, licence.current.title, licence.current.version);
    const QString url = LicenceGate::portalUrl(base, repository);
    if (anonymous)
        return needs + QStringLiteral(" Sign in (docker login %1), then read and accept it at %2")
                           .arg(loginHost(base), url);
    return needs + QStringLiteral(" Read and accept it at %1 or run: berthctl licence accept %2")
                       .arg(url, repository);
}

LicenceGate::LicenceGate(LicenceStore& licences, RepositoryAuthorizer& repositories, QString externalUrl)
    : m_licences(licences), m_repositories(repositories), m_externalUrl(std::move(externalUrl))
{}

bool LicenceGate::applies(const HttpRequest& request, const Route& route)
{
    if (route.access != Access::Pull || (request.method != "GET" && request.method != "HEAD"))
        return false;
    return route.pattern == QLatin1String("/v2/{name}/manifests/{param}") ||
           route.pattern == QLatin1String("/v2/{name}/blobs/{param}");
}

AuthenticationOutcome LicenceGate::check(const AuthorizationSubject& subject, const QString& repository,
                                         const HttpRequest& request) const
{
    AuthenticationOutcome allowed;
    allowed.kind = AuthenticationOutcome::Kind::Allowed;
    allowed.subject = subject;

    const Result<LicenceCheck> needed =
        m_licences.check(repository, subject.anonymous ? QString() : subject.userName);
    if (!needed) {
        // Fail closed: a pull that might need a licence is not let through unchecked.
        return denied(subject, QStringLiteral("The licence of %1 could not be checked: %2 Try again; if this "
                                              "persists, tell the registry's administrator.")
                                   .arg(repository, needed.error().message));
    }
    if (needed.value().satisfied())
        return allowed;
    // Those who may push to the repository (administrators among them) are not held back.
    const RepositoryAuthorizer::Outcome pusher =
        m_repositories.decide(subject, Permission::RepositoryUpdate, repository,
                              HttpCredentials::clientAddress(request), std::nullopt, false);
    if (pusher.allowed)
        return allowed;
    return denied(subject,
                  LicenceGateMessage(repository, needed.value().licence,
                                     PublicAddress::base(request, m_externalUrl), subject.anonymous));
}

QString LicenceGate::portalUrl(const QString& base, const QString& repository)
{
    return base + QStringLiteral("/portal/repositories/") + repository + QStringLiteral("/licence");
}

} // namespace berth
