#include "auth/IdentityCredentialVerifier.h"

#include "iam/IdentityService.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>

namespace berth {

namespace {

constexpr int MaxCachedCredentials = 10'000;

Error signInRefused()
{
    // One message for every cause, so a client cannot tell a wrong name from a wrong secret.
    return Error(
        ErrorCode::Unauthorized,
        QStringLiteral("The user name or the password (or auth token) is not correct, or the user is "
                       "locked."));
}

} // namespace

IdentityCredentialVerifier::IdentityCredentialVerifier(IdentityService& identity, qint64 cacheSeconds)
    : m_identity(identity), m_cacheMs(cacheSeconds * 1000)
{
    m_salt.resize(32);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(m_salt.data()), m_salt.size() / 4);
}

QByteArray IdentityCredentialVerifier::cacheKey(const QString& userName, const QString& secret) const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(m_salt);
    hash.addData(userName.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(secret.toUtf8());
    return hash.result();
}

Result<AuthorizationSubject> IdentityCredentialVerifier::verify(const QString& userName,
                                                                const QString& secret, const QString&)
{
    const QByteArray key = cacheKey(userName, secret);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString storedName;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_verified.constFind(key);
        if (it != m_verified.constEnd() && it->second > now)
            storedName = it->first;
    }
    if (storedName.isEmpty()) {
        const Result<CredentialMatch> match = m_identity.verifyCredentials(userName, secret);
        if (!match) {
            if (match.error().code == ErrorCode::Internal)
                return match.error();
            return signInRefused();
        }
        storedName = match->userName;
        // Auth tokens are checked with a fast hash anyway, and a revoked one must stop at once.
        if (match->kind == CredentialMatch::Kind::Password) {
            std::lock_guard lock(m_mutex);
            if (m_verified.size() >= MaxCachedCredentials)
                m_verified.clear();
            m_verified.insert(key, {storedName, now + m_cacheMs});
        }
    }
    // Looked up every time: a user locked or deleted a moment ago is refused at once.
    const Result<UserRecord> user = m_identity.user(storedName);
    if (!user || user->locked) {
        std::lock_guard lock(m_mutex);
        m_verified.remove(key);
        return signInRefused();
    }
    Result<AuthorizationSubject> subject = m_identity.subject(user->name);
    if (!subject)
        return signInRefused();
    return subject;
}

void IdentityCredentialVerifier::forgetVerifiedPasswords()
{
    std::lock_guard lock(m_mutex);
    m_verified.clear();
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
