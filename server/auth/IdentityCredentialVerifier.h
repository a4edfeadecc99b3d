#pragma once

#include "auth/CredentialVerifier.h"

#include <QByteArray>
#include <QHash>
#include <mutex>

namespace berth {

class IdentityService;

/// Token authentication's view of the identity store: passwords and auth tokens of local users.
/// Passwords are checked with a deliberately slow KDF; clients that send Basic credentials with
/// every request (curl -u, scripts) would pay that each time, so a verified pair is remembered for
/// a short while (passwords only, forgotten when any password changes), keyed by a salted hash of name and
/// secret (never the secret itself). The user is still looked up on every request, so locking or deleting
/// them takes effect at once.
class IdentityCredentialVerifier final : public CredentialVerifier
{
public:
    explicit IdentityCredentialVerifier(IdentityService& identity, qint64 cacheSeconds = 60);

    Result<AuthorizationSubject> verify(const QString& userName, const QString& secret,
                                        const QString& clientAddress) override;
    Result<AuthorizationSubject> resolve(const QString& userName, const QString& clientAddress) override;
    /// Forgets every remembered password check (after a password change, for instance).
    void forgetVerifiedPasswords();

private:
    QByteArray cacheKey(const QString& userName, const QString& secret) const;

    IdentityService& m_identity;
    qint64 m_cacheMs;
    QByteArray m_salt;
    std::mutex m_mutex;
    QHash<QByteArray, std::pair<QString, qint64>> m_verified; ///< key -> (stored user name, expiry ms)
};

} // namespace berth
