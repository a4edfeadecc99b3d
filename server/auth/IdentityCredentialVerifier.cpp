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
    // Direct: runs on the thread that made the change, right after it committed.
    m_changes = QObject::connect(&m_identity, &IdentityService::identityEvent,
                                 [this](const IdentityEvent&) { forgetVerifiedPasswords(); });
}

IdentityCredentialVerifier::~IdentityCredentialVerifier()
{
    QObject::disconnect(m_changes);
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
    quint64 generation = 0;
    bool remembered = false;
    {
        std::lock_guard lock(m_mutex);
        generation = m_generation;
        const auto it = m_verified.constFind(key);
        if (it != m_verified.constEnd() && it->expiresAtMs > now) {
            if (it->subject)
                return *it->subject;
            storedName = it->userName;
            remembered = true;
        }
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
        remembered = match->kind == CredentialMatch::Kind::Password;
    }
    const Result<UserRecord> user = m_identity.user(storedName);
    if (!user || user->locked) {
        std::lock_guard lock(m_mutex);
        m_verified.remove(key);
        return signInRefused();
    }
    Result<AuthorizationSubject> subject = m_identity.subject(user->name);
    if (!subject)
        return signInRefused();
    if (remembered) {
        std::lock_guard lock(m_mutex);
        // A change since this lookup began (a lock, a membership) would make what was read stale.
        if (m_generation == generation) {
            if (m_verified.size() >= MaxCachedCredentials && !m_verified.contains(key))
                m_verified.clear();
            m_verified.insert(key, Verified{storedName, now + m_cacheMs, subject.value()});
        }
    }
    return subject;
}

void IdentityCredentialVerifier::forgetVerifiedPasswords()
{
    std::lock_guard lock(m_mutex);
    ++m_generation;
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
