#pragma once

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QVector>

namespace berth {

class Clock;

/// Slows down password guessing. Failures are counted per user name and per client address; a
/// count is forgotten once no failure was added to it for a window (10 minutes). From the fifth on, further
/// attempts for that name or from that address are refused until a back-off has passed (2 s after the fifth
/// failure, doubling with each further failure, at most 5 minutes). A success clears the user name's count;
/// the address's count is kept, so one good account cannot be used to keep guessing others. Refused attempts
/// are not counted. Thread-safe.
class SignInThrottle
{
public:
    struct Options
    {
        int freeFailures = 5;
        qint64 windowSeconds = 600;
        qint64 firstDelaySeconds = 2;
        qint64 maxDelaySeconds = 300;
        int maxTrackedKeys = 100'000;
    };

    explicit SignInThrottle(const Clock& clock);
    SignInThrottle(const Clock& clock, Options options);

    /// Seconds to wait before an attempt for this user from this address is allowed; 0 when it
    /// may go ahead now.
    qint64 retryAfter(const QString& userName, const QString& clientAddress);
    void recordFailure(const QString& userName, const QString& clientAddress);
    void recordSuccess(const QString& userName, const QString& clientAddress);

    const Options& options() const { return m_options; }

private:
    struct Entry
    {
        int failures = 0;
        qint64 lastFailure = 0;  ///< msecs since epoch
        qint64 blockedUntil = 0; ///< msecs since epoch
    };
    qint64 waitLocked(const QString& key, qint64 now);
    void failLocked(const QString& key, qint64 now);
    void pruneLocked(qint64 now);

    const Clock& m_clock;
    Options m_options;
    QMutex m_mutex;
    QHash<QString, Entry> m_entries; ///< "u:<name>" and "a:<address>"
};

} // namespace berth
