#include "auth/SignInThrottle.h"

#include "util/Clock.h"

#include <QHostAddress>
#include <QMutexLocker>

namespace berth {

namespace {

QString userKey(const QString& userName)
{
    return QStringLiteral("u:") + userName.toCaseFolded();
}

/// IPv6 clients usually hold a whole /64: count failures per /64, not per address.
QString addressKey(const QString& address)
{
    QHostAddress host(address);
    bool isV4 = false;
    host.toIPv4Address(&isV4);
    if (host.protocol() == QAbstractSocket::IPv6Protocol && !isV4) {
        Q_IPV6ADDR bytes = host.toIPv6Address();
        for (int i = 8; i < 16; ++i)
            bytes[i] = 0;
        return QStringLiteral("a:") + QHostAddress(bytes).toString() + QStringLiteral("/64");
    }
    return QStringLiteral("a:") + address;
}

} // namespace

SignInThrottle::SignInThrottle(const Clock& clock) : SignInThrottle(clock, Options()) {}

SignInThrottle::SignInThrottle(const Clock& clock, Options options) : m_clock(clock), m_options(options) {}

qint64 SignInThrottle::waitLocked(const QString& key, qint64 now)
{
    auto it = m_entries.constFind(key);
    if (it == m_entries.constEnd() || it->blockedUntil <= now)
        return 0;
    return (it->blockedUntil - now + 999) / 1000;
}

qint64 SignInThrottle::retryAfter(const QString& userName, const QString& clientAddress)
{
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    if (m_entries.isEmpty()) // no failures noted: the usual case, without making the keys
        return 0;
    qint64 wait = 0;
    if (!userName.isEmpty())
        wait = waitLocked(userKey(userName), now);
    if (!clientAddress.isEmpty())
        wait = qMax(wait, waitLocked(addressKey(clientAddress), now));
    return wait;
}

void SignInThrottle::failLocked(const QString& key, qint64 now)
{
    Entry& entry = m_entries[key];
    if (now - entry.lastFailure > m_options.windowSeconds * 1000)
        entry.failures = 0;
    entry.failures = qMin(entry.failures + 1, 1000);
    entry.lastFailure = now;
    const int excess = entry.failures - m_options.freeFailures;
    if (excess >= 0) {
        qint64 delay = m_options.firstDelaySeconds;
        for (int i = 0; i < excess && delay < m_options.maxDelaySeconds; ++i)
            delay *= 2;
        delay = qMin(delay, m_options.maxDelaySeconds);
        entry.blockedUntil = qMax(entry.blockedUntil, now + delay * 1000);
    }
}

void SignInThrottle::recordFailure(const QString& userName, const QString& clientAddress)
{
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    if (m_entries.size() >= m_options.maxTrackedKeys)
        pruneLocked(now);
    if (!userName.isEmpty())
        failLocked(userKey(userName), now);
    if (!clientAddress.isEmpty())
        failLocked(addressKey(clientAddress), now);
}

void SignInThrottle::recordSuccess(const QString& userName, const QString& clientAddress)
{
    QMutexLocker lock(&m_mutex);
    if (!userName.isEmpty() && !m_entries.isEmpty())
        m_entries.remove(userKey(userName));
}

void SignInThrottle::pruneLocked(qint64 now)
{
    const qint64 windowStart = now - m_options.windowSeconds * 1000;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const bool stale = it->blockedUntil <= now && it->lastFailure <= windowStart;
        it = stale ? m_entries.erase(it) : std::next(it);
    }
    // Still full (failures from very many names or addresses): keep only the blocked entries, and
    // if even those fill it, start over rather than grow without bound.
    if (m_entries.size() >= m_options.maxTrackedKeys) {
        for (auto it = m_entries.begin(); it != m_entries.end();)
            it = it->blockedUntil <= now ? m_entries.erase(it) : std::next(it);
    }
    if (m_entries.size() >= m_options.maxTrackedKeys)
        m_entries.clear();
}

} // namespace berth
