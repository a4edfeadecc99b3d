#pragma once

#include "auth/AuthEventSink.h"

#include <QHash>
#include <mutex>

namespace berth {

class AuditLog;
class Clock;

/// Sign-ins, refusals, throttling and issued tokens, into the audit log.
///
/// A successful sign-in is written once per SignInWindowSeconds for the same user, client address and
/// method: clients that send Basic credentials with every request (docker, podman, curl -u) sign in on
/// every request, and a hash-chained record with a disk sync each would make a pull cost an audit write
/// and the log grow by a row per request without saying anything new. The first sign-in of a window is
/// always written, so the log still shows who signed in, from where, how and when (to the window).
/// Failures, throttling and issued tokens are written every time.
class AuditAuthEventSink final : public AuthEventSink
{
public:
    /// Repeated successful sign-ins (same user, address and method) within this many seconds of the
    /// last one written are not written again.
    static constexpr qint64 SignInWindowSeconds = 60;

    explicit AuditAuthEventSink(AuditLog& audit);
    AuditAuthEventSink(AuditLog& audit, const Clock& clock);

    void signInSucceeded(const QString& userName, const QString& clientAddress,
                         const QString& method) override;
    void signInFailed(const QString& userName, const QString& clientAddress, const QString& method,
                      const QString& reason) override;
    void signInThrottled(const QString& userName, const QString& clientAddress, const QString& method,
                         qint64 retryAfterSeconds) override;
    void tokenIssued(const QString& userName, const QString& clientAddress,
                     const QVector<AccessEntry>& access) override;

private:
    /// True when this successful sign-in is to be written (none like it in the window); notes it.
    bool signInDue(const QString& userName, const QString& clientAddress, const QString& method);

    AuditLog& m_audit;
    const Clock& m_clock;
    std::mutex m_mutex;
    QHash<QString, qint64> m_lastWritten; ///< user '\n' address '\n' method -> ms of the last record
};

} // namespace berth
