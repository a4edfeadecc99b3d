#pragma once

#include "util/Clock.h"
#include "util/Result.h"

#include <QString>
#include <functional>
#include <map>
#include <mutex>

namespace berth {

class MetadataStore;

/// Pulls, pushes, egress and ingress counted in memory per (UTC day, repository, user), plus the last
/// pull of each tag, until flush() adds them to usage_daily and tag_pulls in one transaction. Recording
/// is a map update under a mutex (no SQL; an allocation only for a key not seen since the last flush),
/// so it sits on the request path. RegistryService owns one, flushes it when it is due (every
/// FlushIntervalMs, checked as requests record), on flushStatistics() and on destruction.
///
/// The compartment of usage_daily is resolved when the counts are written: a repository moved
/// between requests and flush is charged to where it is at flush. Thread-safe.
class UsageMeter
{
public:
    /// Pending counts are written at most this often.
    static constexpr qint64 FlushIntervalMs = 5000;

    explicit UsageMeter(Clock& clock);

    /// Called (outside the meter's lock) when a recording finds the pending counts due.
    void setFlushDue(std::function<void()> flush);
    /// Starts the interval anew (when the registry opens).
    void restart();

    /// A manifest GET. userName is '' for anonymous requests.
    void recordPull(const QString& repository, const QString& userName);
    /// A manifest PUT.
    void recordPush(const QString& repository, const QString& userName);
    /// Response body bytes of a blob or manifest GET that went out.
    void recordEgress(const QString& repository, const QString& userName, qint64 bytes);
    /// Upload body bytes received.
    void recordIngress(const QString& repository, const QString& userName, qint64 bytes);
    /// A pull of a manifest by tag (tag_pulls: last pull and count).
    void recordTagPull(const QString& repository, const QString& tag);

    /// True when something waits to be written.
    bool hasPending() const;
    /// Writes and clears what is pending, in one transaction (joining the caller's, if any). On failure
    /// the counts are kept for the next flush.
    Result<void> flush(MetadataStore& metadata);

    /// The UTC day ("YYYY-MM-DD") a time falls on, as usage_daily keys it.
    static QString dayOf(const QDateTime& at);

private:
    struct UsageKey
    {
        qint64 day = 0; ///< days since the epoch (UTC)
        QString repository;
        QString userName;
        bool operator<(const UsageKey& other) const;
    };
    struct UsageCounts
    {
        qint64 pulls = 0;
        qint64 pushes = 0;
        qint64 egressBytes = 0;
        qint64 ingressBytes = 0;
    };
    struct TagPull
    {
        qint64 lastPulledAtMs = 0;
        qint64 pulls = 0;
    };
    using UsageMap = std::map<UsageKey, UsageCounts>;
    using TagPullMap = std::map<std::pair<QString, QString>, TagPull>;

    /// Adds to the counts of (today, repository, user); asks for a flush when one is due.
    template <typename Update> void add(const QString& repository, const QString& userName, Update update);
    /// Call with the lock held: is a flush due at nowMs?
    bool dueLocked(qint64 nowMs);
    void requestFlush(bool due);
    static Result<void> write(MetadataStore& metadata, const UsageMap& usage, const TagPullMap& tagPulls);
    static void merge(UsageMap& into, const UsageMap& from);
    static void merge(TagPullMap& into, const TagPullMap& from);

    Clock& m_clock;
    std::function<void()> m_flushDue;
    mutable std::mutex m_mutex;
    UsageMap m_usage;
    TagPullMap m_tagPulls;
    qint64 m_lastFlushMs = 0;
    bool m_flushRequested = false;
};

} // namespace berth
