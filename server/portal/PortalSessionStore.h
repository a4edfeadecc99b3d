#pragma once

#include "iam/AuthorizationRequest.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <optional>

namespace berth {

class Clock;

/// One visitor's portal session: who signed in (anonymous for the pre-session that only carries the
/// sign-in form's CSRF token), its CSRF token, and when it started and was last used.
struct PortalSession
{
    QByteArray id;        ///< 256 random bits, base64url: the cookie's value
    QByteArray csrfToken; ///< 256 random bits, base64url: every form of this session carries it
    AuthorizationSubject subject;
    QDateTime createdAt;
    QDateTime lastSeenAt;

    bool signedIn() const { return !subject.anonymous; }
};

/// The portal's sessions, in memory (a restart signs everybody out). A session ends when it was not
/// used for Options::idleSeconds, when it is older than Options::absoluteSeconds, on sign-out, and when
/// its user is deleted, locked or changes password (endSessionsOf). Thread-safe.
class PortalSessionStore
{
public:
    struct Options
    {
        qint64 idleSeconds = 30 * 60;
        qint64 absoluteSeconds = 12 * 3600;
        int maxSessions = 50'000; ///< beyond it the least recently used session goes
    };

    explicit PortalSessionStore(const Clock& clock);
    PortalSessionStore(const Clock& clock, Options options);

    /// A new session with fresh random id and CSRF token.
    PortalSession create(const AuthorizationSubject& subject);
    /// The live session with this id (its last use set to now); nullopt when unknown or expired.
    std::optional<PortalSession> find(const QByteArray& id);
    void remove(const QByteArray& id);
    /// Ends every session of `userName`; returns how many.
    int endSessionsOf(const QString& userName);
    int count() const;
    const Options& options() const { return m_options; }

    /// 32 random bytes from the system's generator, base64url without padding (43 characters).
    static QByteArray newSecret();

private:
    bool expiredLocked(const PortalSession& session, const QDateTime& now) const;
    void pruneLocked(const QDateTime& now);

    const Clock& m_clock;
    Options m_options;
    mutable QMutex m_mutex;
    QHash<QByteArray, PortalSession> m_sessions;
};

} // namespace berth
