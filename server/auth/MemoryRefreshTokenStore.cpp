#include "auth/MemoryRefreshTokenStore.h"

#include <QCryptographicHash>
#include <QMutexLocker>
#include <QRandomGenerator>

namespace berth {

MemoryRefreshTokenStore::MemoryRefreshTokenStore(int maxEntries) : m_maxEntries(maxEntries) {}

QByteArray MemoryRefreshTokenStore::hashOf(const QString& secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256);
}

QString MemoryRefreshTokenStore::create(const QString& userName, const QString& clientId,
                                        const QDateTime& now, const QDateTime& expires)
{
    quint32 random[8];
    QRandomGenerator::system()->fillRange(random);
    const QString secret =
        QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(random), sizeof random)
                                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    QMutexLocker lock(&m_mutex);
    pruneLocked(now);
    m_tokens.insert(hashOf(secret), RefreshTokenRecord{userName, clientId, now, expires});
    return secret;
}

std::optional<RefreshTokenRecord> MemoryRefreshTokenStore::find(const QString& secret, const QDateTime& now)
{
    if (secret.isEmpty() || secret.size() > 256)
        return std::nullopt;
    QMutexLocker lock(&m_mutex);
    auto it = m_tokens.find(hashOf(secret));
    if (it == m_tokens.end())
        return std::nullopt;
    if (it->expires <= now) {
        m_tokens.erase(it);
        return std::nullopt;
    }
    return *it;
}

void MemoryRefreshTokenStore::revoke(const QString& secret)
{
    QMutexLocker lock(&m_mutex);
    m_tokens.remove(hashOf(secret));
}

int MemoryRefreshTokenStore::revokeUser(const QString& userName)
{
    QMutexLocker lock(&m_mutex);
    int removed = 0;
    for (auto it = m_tokens.begin(); it != m_tokens.end();) {
        if (it->userName == userName) {
            it = m_tokens.erase(it);
            ++removed;
        } else {
            ++it;
        }
    }
    return removed;
}

int MemoryRefreshTokenStore::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_tokens.size());
}

void MemoryRefreshTokenStore::pruneLocked(const QDateTime& now)
{
    for (auto it = m_tokens.begin(); it != m_tokens.end();) {
        if (it->expires <= now)
            it = m_tokens.erase(it);
        else
            ++it;
    }
    while (m_tokens.size() >= m_maxEntries && !m_tokens.isEmpty()) {
        auto oldest = m_tokens.begin();
        for (auto it = m_tokens.begin(); it != m_tokens.end(); ++it) {
            if (it->created < oldest->created)
                oldest = it;
        }
        m_tokens.erase(oldest);
    }
}

} // namespace berth
