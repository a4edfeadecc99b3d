#include "auth/IdentityCredentialVerifier.h"

#include "iam/IdentityService.h"

namespace berth {

namespace {

Error signInRefused()
{
    // One message for every cause, so a client cannot tell a wrong name from a wrong secret.
    return Error(
        ErrorCode::Unauthorized,
        QStringLiteral("The user name or the password (or auth token) is not correct, or the user is "
                       "locked."));
}

} // namespace

Result<AuthorizationSubject> IdentityCredentialVerifier::verify(const QString& userName,
                                                                const QString& secret, const QString&)
{
    const Result<CredentialMatch> match = m_identity.verifyCredentials(userName, secret);
    if (!match) {
        if (match.error().code == ErrorCode::Internal)
            return match.error();
        return signInRefused();
    }
    Result<AuthorizationSubject> subject = m_identity.subject(match->userName);
    if (!subject)
        return signInRefused();
    return subject;
}

Result<AuthorizationSubject> IdentityCredentialVerifier::resolve(const QString& userName, const QString&)
{
    const Result<UserRecord> user = m_identity.user(userName);
    if (!user || user->locked)
        return Error(
            ErrorCode::Unauthorized,
            QStringLiteral("The user %1 no longer exists or is locked; sign in again.").arg(userName));
    return m_identity.subject(user->name);
}

} // namespace berth
