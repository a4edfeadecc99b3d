#pragma once

#include "auth/CredentialVerifier.h"

#include <QByteArray>
#include <QHash>
#include <QMetaObject>
#include <mutex>
#include <optional>

namespace berth {

class IdentityService;

/// Token authentication's view of the identity store: passwords and auth tokens of local users.
/// Passwords are checked with a deliberately slow KDF; clients that send Basic credentials with
/// every request (curl -u, scripts) would pay that each time, so a verified pair is remembered for
/// a short while (passwords only), keyed by a salted hash of name and secret (never the secret itself),
/// together with the user's subject (name, groups, administrator), so that a request signed in again
/// needs no database query. Every identity change (IdentityService::identityEvent: a user locked,
/// deleted, a password changed, a group membership...) forgets all of it at once, so locking or deleting
/// a user takes effect with the next request.
class IdentityCredentialVerifier final : public CredentialVerifier
{
public:
    explicit IdentityCredentialVerifier(IdentityService& identity, qint64 cacheSeconds = 60);
    ~IdentityCredentialVerifier() override;
    IdentityCredentialVerifier(const IdentityCredentialVerifier&) = delete;
    IdentityCredentialVerifier& operator=(const IdentityCredentialVerifier&) = delete;

    Result<AuthorizationSubject> verify(const QString& userName, const QString& secret,
                                        const QString& clientAddress) override;
    Result<AuthorizationSubject> resolve(const QString& userName, const QString& clientAddress) override;
    /// Forgets every remembered password check and subject (called on every identity change).
    void forgetVerifiedPasswords();

private:
    struct Verified
    {
        QString userName; ///< as stored
        qint64 expiresAtMs = 0;
        std::optional<AuthorizationSubject> subject; ///< once looked up
    };

    QByteArray cacheKey(const QString& userName, const QString& secret) const;

    IdentityService& m_identity;
    qint64 m_cacheMs;
    QByteArray m_salt;
    QMetaObject::Connection m_changes;
    std::mutex m_mutex;
    quint64 m_generation = 0; ///< moved by forgetVerifiedPasswords(): lookups begun before keep nothing
    QHash<QByteArray, Verified> m_verified;
};

} // namespace berth
