#include "auth/PolicyAccessGate.h"

#include "audit/AuditLog.h"
#include "auth/HttpCredentials.h"
#include "auth/JwtService.h"
#include "auth/RepositoryAuthorizer.h"
#include "auth/SignInService.h"
#include "iam/IdentityService.h"

namespace berth {

PolicyAccessGate::PolicyAccessGate(IdentityService& identity, SignInService& signIn, JwtService& jwt,
                                   RepositoryAuthorizer& repositories, AuditLog* audit)
    : m_identity(identity), m_signIn(signIn), m_jwt(jwt), m_repositories(repositories), m_audit(audit)
{}

AccessOutcome PolicyAccessGate::unauthorized(const QString& message)
{
    AccessOutcome outcome;
    outcome.kind = AccessOutcome::Kind::Unauthorized;
    outcome.message = message;
    outcome.headers.append(
        qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"Berth\", charset=\"UTF-8\"")));
    return outcome;
}

AccessOutcome PolicyAccessGate::authenticate(const HttpRequest& request)
{
    const HttpCredentials credentials = HttpCredentials::of(request);
    const QString address = HttpCredentials::clientAddress(request);
    AccessOutcome outcome;
    switch (credentials.scheme) {
    case HttpCredentials::Scheme::None:
        outcome.kind = AccessOutcome::Kind::Allowed;
        outcome.subject = AuthorizationSubject::anonymousUser();
        return outcome;
    case HttpCredentials::Scheme::Basic: {
        const Result<AuthorizationSubject> subject =
            m_signIn.signIn(credentials.userName, credentials.secret, address, QStringLiteral("api-basic"));
        if (!subject) {
            if (subject.error().code == ErrorCode::TooManyRequests) {
                outcome.kind = AccessOutcome::Kind::Throttled;
                outcome.message = subject.error().message;
                outcome.headers.append(
                    qMakePair(QByteArray("Retry-After"),
                              QByteArray::number(SignInService::retryAfterOf(subject.error()))));
                return outcome;
            }
            return unauthorized(subject.error().message);
        }
        outcome.kind = AccessOutcome::Kind::Allowed;
        outcome.subject = subject.value();
        return outcome;
    }
    case HttpCredentials::Scheme::Bearer: {
        const Result<TokenClaims> claims = m_jwt.verify(credentials.token);
        if (!claims) {
            m_signIn.recordInvalidToken(address, QStringLiteral("api-bearer"), claims.error().message);
            return unauthorized(claims.error().message);
        }
        if (claims->anonymous()) {
            outcome.kind = AccessOutcome::Kind::Allowed;
            return outcome;
        }
        // The token names the user; who they are now (groups, locked) comes from the identity store.
        const Result<UserRecord> user = m_identity.user(claims->subject);
        const Result<AuthorizationSubject> subject =
            user && !user->locked ? m_identity.subject(user->name) : Result<AuthorizationSubject>(Error());
        if (!subject)
            return unauthorized(QStringLiteral("The user of this token no longer exists or is locked."));
        outcome.kind = AccessOutcome::Kind::Allowed;
        outcome.subject = subject.value();
        return outcome;
    }
    case HttpCredentials::Scheme::Unsupported:
        return unauthorized(
            QStringLiteral("Use Basic credentials (user name and password or auth token) or a "
                           "Bearer token from /v2/token."));
    case HttpCredentials::Scheme::Malformed:
        break;
    }
    return unauthorized(QStringLiteral("The Authorization header is malformed."));
}

AccessOutcome PolicyAccessGate::fromPolicy(AccessOutcome signedIn, bool allowed, const QString& reason)
{
    signedIn.reason = reason;
    if (allowed)
        return signedIn;
    if (signedIn.subject.anonymous)
        return unauthorized(QStringLiteral("Sign in first: %1").arg(reason));
    signedIn.kind = AccessOutcome::Kind::Denied;
    signedIn.message = reason;
    return signedIn;
}

AccessOutcome PolicyAccessGate::authorizeRepository(const HttpRequest& request, Permission permission,
                                                    const QString& repository)
{
    AccessOutcome outcome = authenticate(request);
    if (!outcome.allowed())
        return outcome;
    const RepositoryAuthorizer::Outcome decision = m_repositories.decide(
        outcome.subject, permission, repository, HttpCredentials::clientAddress(request));
    return fromPolicy(std::move(outcome), decision.allowed, decision.reason());
}

AccessOutcome PolicyAccessGate::authorizeCompartment(const HttpRequest& request, Permission permission,
                                                     const CompartmentPath& compartment)
{
    AccessOutcome outcome = authenticate(request);
    if (!outcome.allowed())
        return outcome;
    const RepositoryAuthorizer::Outcome decision = m_repositories.decideInCompartment(
        outcome.subject, permission, compartment, HttpCredentials::clientAddress(request));
    return fromPolicy(std::move(outcome), decision.allowed, decision.reason());
}

AccessOutcome PolicyAccessGate::requireAdministrator(const HttpRequest& request)
{
    AccessOutcome outcome = authenticate(request);
    if (!outcome.allowed())
        return outcome;
    if (outcome.subject.administrator) {
        outcome.reason = QStringLiteral("%1 is in the Administrators group.").arg(outcome.subject.userName);
        return outcome;
    }
    const QString reason = QStringLiteral("Only members of the Administrators group may do this.");
    if (m_audit && !outcome.subject.anonymous) {
        AuditRecord record;
        record.actor = outcome.subject.userName;
        record.clientAddress = HttpCredentials::clientAddress(request);
        record.action = QStringLiteral("access.denied");
        record.target = QString::fromUtf8(request.method + ' ' + request.path.toUtf8());
        record.decision = AuditDecision::Denied;
        record.reason = reason;
        m_audit->append(std::move(record));
    }
    return fromPolicy(std::move(outcome), false, reason);
}

bool PolicyAccessGate::canInspect(const AuthorizationSubject& subject, const QString& repository,
                                  const QString& clientAddress)
{
    return m_repositories.allows(subject, Permission::RepositoryInspect, repository, clientAddress);
}

QVector<bool> PolicyAccessGate::canInspectEach(const AuthorizationSubject& subject,
                                               const QStringList& repositories, const QString& clientAddress)
{
    return m_repositories.allowsEach(subject, Permission::RepositoryInspect, repositories, clientAddress);
}

} // namespace berth
