#pragma once

#include <QDateTime>
#include <QString>
#include <optional>

namespace berth {

/// What a refresh token stands for.
struct RefreshTokenRecord
{
    QString userName;
    QString clientId;
    QDateTime created;
    QDateTime expires;
};

/// Keeps refresh tokens (the long-lived secrets the token endpoint hands to clients that ask for
/// offline access). Implementations store only a hash of each secret. Thread-safe.
class RefreshTokenStore
{
public:
    virtual ~RefreshTokenStore() = default;

    /// Creates a token for the user and returns the secret (shown to the client once).
    virtual QString create(const QString& userName, const QString& clientId, const QDateTime& now,
                           const QDateTime& expires) = 0;
    /// The record for a secret that exists and has not expired at `now`.
    virtual std::optional<RefreshTokenRecord> find(const QString& secret, const QDateTime& now) = 0;
    virtual void revoke(const QString& secret) = 0;
    /// Revokes every token of a user (password change, user deleted); returns how many.
    virtual int revokeUser(const QString& userName) = 0;
};

} // namespace berth
