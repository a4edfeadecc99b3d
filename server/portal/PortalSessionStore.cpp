#include "portal/PortalSessionStore.h"

#include "util/Clock.h"

#include <QMutexLocker>
#include <QRandomGenerator>
#include <array>

namespace berth {

PortalSessionStore::PortalSessionStore(const Clock& clock) : PortalSessionStore(clock, Options()) {}

PortalSessionStore::PortalSessionStore(const Clock& clock, Options options)
    : m_clock(clock), m_options(options)
{}

QByteArray PortalSessionStore::newSecret()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), int(words.size()));
    return QByteArray(reinterpret_cast<const char*>(words.data()), int(sizeof(words)))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

PortalSession PortalSessionStore::create(const AuthorizationSubject& subject)
{
    const QDateTime now = m_clock.now();
    PortalSession session;
    session.subject = subject;
    session.csrfToken = newSecret();
    session.createdAt = now;
    session.lastSeenAt = now;
    QMutexLocker lock(&m_mutex);
    if (m_sessions.size() >= m_options.maxSessions)
        pruneLocked(now);
    do
        session.id = newSecret();
    while (m_sessions.contains(session.id));
    m_sessions.insert(session.id, session);
    return session;
}

std::optional<PortalSession> PortalSessionStore::find(const QByteArray& id)
{
    if (id.isEmpty())
        return std::nullopt;
    const QDateTime now = m_clock.now();
    QMutexLocker lock(&m_mutex);
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return std::nullopt;
    if (expiredLocked(*it, now)) {
        m_sessions.erase(it);
        return std::nullopt;
    }
    it->lastSeenAt = now;
    return *it;
}

void PortalSessionStore::remove(const QByteArray& id)
{
    QMutexLocker lock(&m_mutex);
    m_sessions.remove(id);
}

int PortalSessionStore::endSessionsOf(const QString& userName)
{
    QMutexLocker lock(&m_mutex);
    int ended = 0;
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (!it->subject.anonymous && it->subject.userName == userName) {
            it = m_sessions.erase(it);
            ++ended;
        } else {
            ++it;
        }
    }
    return ended;
}

int PortalSessionStore::count() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_sessions.size());
}

bool PortalSessionStore::expiredLocked(const PortalSession& session, const QDateTime& now) const
{
    return session.lastSeenAt.secsTo(now) >= m_options.idleSeconds ||
           session.createdAt.secsTo(now) >= m_options.absoluteSeconds;
}

void PortalSessionStore::pruneLocked(const QDateTime& now)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end();)
        it = expiredLocked(*it, now) ? m_sessions.erase(it) : std::next(it);
    // Still full: the least recently used go (anonymous pre-sessions are the likely flood).
    while (m_sessions.size() >= m_options.maxSessions) {
        auto oldest = m_sessions.begin();
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it)
            if (it->lastSeenAt < oldest->lastSeenAt)
                oldest = it;
        m_sessions.erase(oldest);
    }
}

} // namespace berth
