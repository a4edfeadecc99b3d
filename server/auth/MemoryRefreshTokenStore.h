#pragma once

#include "auth/RefreshTokenStore.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>

namespace berth {

/// Refresh tokens in memory (they do not survive a restart; clients then sign in again). Secrets
/// are 32 random bytes, base64url; only their SHA-256 is kept. Expired entries are dropped as
/// new ones are made; at most maxEntries are kept (the oldest go first).
class MemoryRefreshTokenStore final : public RefreshTokenStore
{
public:
    explicit MemoryRefreshTokenStore(int maxEntries = 100'000);

    QString create(const QString& userName, const QString& clientId, const QDateTime& now,
                   const QDateTime& expires) override;
    std::optional<RefreshTokenRecord> find(const QString& secret, const QDateTime& now) override;
    void revoke(const QString& secret) override;
    int revokeUser(const QString& userName) override;

    int size() const;
    static QByteArray hashOf(const QString& secret);

private:
    void pruneLocked(const QDateTime& now);

    mutable QMutex m_mutex;
    QHash<QByteArray, RefreshTokenRecord> m_tokens; ///< SHA-256 of the secret -> record
    int m_maxEntries;
};

} // namespace berth
