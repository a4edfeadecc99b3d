#include "auth/RequestAuthenticator.h"

#include "auth/HttpCredentials.h"
#include "auth/JwtService.h"
#include "auth/ScopeAuthorizer.h"
#include "auth/SignInService.h"
#include "errors/ErrorTable.h"
#include "http/HttpRequest.h"
#include "http/HttpResponder.h"
#include "http/PublicAddress.h"

namespace berth {

namespace {

AuthenticationOutcome unauthorized(QByteArray challenge, QString message)
{
    AuthenticationOutcome o;
    o.kind = AuthenticationOutcome::Kind::Unauthorized;
    o.challenge = std::move(challenge);
    o.message = std::move(message);
    return o;
}

QString describeActions(Access access)
{
    switch (access) {
    case Access::Pull:
        return QStringLiteral("pull from");
    case Access::Push:
        return QStringLiteral("push to");
    case Access::Delete:
        return QStringLiteral("delete from");
    case Access::Catalog:
        return QStringLiteral("list the catalog of");
    case Access::None:
        break;
    }
    return QStringLiteral("use");
}

} // namespace

void AuthenticationOutcome::sendRefusal(HttpResponder& responder) const
{
    switch (kind) {
    case Kind::Allowed:
        return;
    case Kind::Unauthorized:
        responder.addHeader("WWW-Authenticate", challenge);
        ErrorTable::send(responder, Error(ErrorCode::Unauthorized, message));
        return;
    case Kind::Denied:
        ErrorTable::send(responder, Error(ErrorCode::Denied, message));
        return;
    case Kind::Throttled:
        responder.addHeader("Retry-After", QByteArray::number(qMax<qint64>(1, retryAfter)));
        ErrorTable::send(responder, Error(ErrorCode::TooManyRequests, message));
        return;
    }
}

RequestAuthenticator::RequestAuthenticator(Options options, JwtService& jwt, SignInService& signIn,
                                           ScopeAuthorizer& authorizer)
    : m_options(std::move(options)), m_jwt(jwt), m_signIn(signIn), m_authorizer(authorizer)
{}

QStringList RequestAuthenticator::actionsFor(Access access)
{
    switch (access) {
    case Access::Pull:
        return {QStringLiteral("pull")};
    case Access::Push:
        return {QStringLiteral("pull"), QStringLiteral("push")};
    case Access::Delete:
        return {QStringLiteral("delete")};
    case Access::Catalog:
        return {QStringLiteral("*")};
    case Access::None:
        break;
    }
    return {};
}

QString RequestAuthenticator::scopeFor(Access access, const QString& repository)
{
    if (access == Access::None)
        return QString();
    if (access == Access::Catalog)
        return QStringLiteral("registry:catalog:*");
    return QStringLiteral("repository:%1:%2").arg(repository, actionsFor(access).join(QLatin1Char(',')));
}

QString RequestAuthenticator::realm(const HttpRequest& request) const
{
    return PublicAddress::base(request, m_options.externalUrl) + m_options.tokenPath;
}

QByteArray RequestAuthenticator::challenge(const HttpRequest& request, Access access,
                                           const QString& repository, bool insufficientScope) const
{
    QByteArray c =
        "Bearer realm=\"" + realm(request).toUtf8() + "\",service=\"" + m_options.service.toUtf8() + '"';
    const QString scope = scopeFor(access, repository);
    if (!scope.isEmpty())
        c += ",scope=\"" + scope.toUtf8() + '"';
    if (insufficientScope)
        c += ",error=\"insufficient_scope\"";
    return c;
}

AuthenticationOutcome RequestAuthenticator::authenticate(const HttpRequest& request, Access access,
                                                         const QString& repository)
{
    const QString address = HttpCredentials::clientAddress(request);
    const HttpCredentials credentials = HttpCredentials::of(request);
    switch (credentials.scheme) {
    case HttpCredentials::Scheme::None:
        return decide(AuthorizationSubject::anonymousUser(), false, request, access, repository, address);
    case HttpCredentials::Scheme::Basic: {
        Result<AuthorizationSubject> subject =
            m_signIn.signIn(credentials.userName, credentials.secret, address, QStringLiteral("basic"));
        if (!subject) {
            if (subject.error().code == ErrorCode::TooManyRequests) {
                AuthenticationOutcome o;
                o.kind = AuthenticationOutcome::Kind::Throttled;
                o.message = subject.error().message;
                o.retryAfter = SignInService::retryAfterOf(subject.error());
                return o;
            }
            return unauthorized(challenge(request, access, repository), subject.error().message);
        }
        return decide(subject.value(), false, request, access, repository, address);
    }
    case HttpCredentials::Scheme::Bearer: {
        Result<TokenClaims> claims = m_jwt.verify(credentials.token);
        if (!claims)
            return unauthorized(challenge(request, access, repository), claims.error().message);
        AuthorizationSubject subject =
            claims->anonymous()
                ? AuthorizationSubject::anonymousUser()
                : AuthorizationSubject::user(claims->subject, claims->groups, claims->administrator);
        if (access == Access::None) {
            AuthenticationOutcome o = decide(subject, true, request, access, repository, address);
            return o;
        }
        const QString type =
            access == Access::Catalog ? QStringLiteral("registry") : QStringLiteral("repository");
        const QString name = access == Access::Catalog ? QStringLiteral("catalog") : repository;
        const AccessEntry* entry = claims->find(type, name);
        bool covered = entry != nullptr;
        for (const QString& action : actionsFor(access))
            covered = covered && entry->allows(action);
        if (covered) {
            AuthenticationOutcome o;
            o.kind = AuthenticationOutcome::Kind::Allowed;
            o.subject = subject;
            return o;
        }
        // The token does not cover it: would a new token? Then say so; else refuse for good.
        return decide(subject, true, request, access, repository, address);
    }
    case HttpCredentials::Scheme::Unsupported:
    case HttpCredentials::Scheme::Malformed:
        break;
    }
    return unauthorized(
        challenge(request, access, repository),
        QStringLiteral("The Authorization header is not understood; use Basic credentials or a bearer "
                       "token from %1.")
            .arg(realm(request)));
}

AuthenticationOutcome RequestAuthenticator::decide(const AuthorizationSubject& subject, bool viaToken,
                                                   const HttpRequest& request, Access access,
                                                   const QString& repository, const QString& address)
{
    AuthenticationOutcome o;
    o.subject = subject;
    if (access == Access::None) {
        if (subject.anonymous && !viaToken && !m_options.anonymousApiVersion)
            return unauthorized(challenge(request, access, repository),
                                QStringLiteral("Sign in to use this registry."));
        o.kind = AuthenticationOutcome::Kind::Allowed;
        return o;
    }

    RequestedScope scope;
    if (access == Access::Catalog) {
        scope.type = QStringLiteral("registry");
        scope.name = QStringLiteral("catalog");
    } else {
        scope.type = QStringLiteral("repository");
        scope.name = repository;
    }
    scope.actions = actionsFor(access);
    const QStringList granted = m_authorizer.grant(subject, scope, address);
    bool allowed = true;
    for (const QString& action : scope.actions)
        allowed = allowed && (granted.contains(action) || granted.contains(QStringLiteral("*")));

    if (allowed && !viaToken) {
        o.kind = AuthenticationOutcome::Kind::Allowed;
        return o;
    }
    if (allowed) // a token for this scope would be granted: ask the client to get one
        return unauthorized(
            challenge(request, access, repository, true),
            QStringLiteral("The bearer token does not cover this request; get a token for %1.")
                .arg(scopeFor(access, repository)));
    if (subject.anonymous)
        return unauthorized(challenge(request, access, repository),
                            QStringLiteral("Sign in to %1 %2.")
                                .arg(describeActions(access), access == Access::Catalog
                                                                  ? QStringLiteral("this registry")
                                                                  : repository));
    o.kind = AuthenticationOutcome::Kind::Denied;
    o.message = access == Access::Catalog
                    ? QStringLiteral("User %1 is not allowed to list the catalog of this registry.")
                          .arg(subject.userName)
                    : QStringLiteral("User %1 is not allowed to %2 the repository %3.")
                          .arg(subject.userName, describeActions(access), repository);
    return o;
}

} // namespace berth
