#pragma once

#include "metadata/MetadataTypes.h"

#include <QDateTime>
#include <QList>
#include <map>
#include <mutex>

namespace berth {

/// Pulls counted in memory until they are written in one transaction: the last pull of each
/// (repository, manifest). RegistryService writes them when take() says they are due, on
/// flushStatistics() and on destruction. Thread-safe.
class PullStatistics
{
public:
    /// Pending pulls are written at most this often.
    static constexpr qint64 FlushIntervalMs = 5000;

    /// Starts the interval anew (when the registry opens).
    void restart(const QDateTime& now);
    /// Notes a pull; true when the pending pulls are due to be written.
    bool record(const PullRecord& pull);
    /// Every pending pull (they are no longer pending); the interval starts anew at `now`.
    QList<PullRecord> take(const QDateTime& now);
    /// Drops the pending pulls of a repository that was deleted.
    void forget(const QString& repository);

private:
    std::mutex m_mutex;
    std::map<std::pair<QString, QString>, PullRecord> m_pending; ///< (repository, digest) -> last pull
    QDateTime m_lastFlush;
};

} // namespace berth
