#include "registry/PullStatistics.h"

namespace berth {

void PullStatistics::restart(const QDateTime& now)
{
    std::lock_guard lock(m_mutex);
    m_lastFlush = now;
}

bool PullStatistics::record(const PullRecord& pull)
{
    std::lock_guard lock(m_mutex);
    m_pending[{pull.repository, pull.digest.toString()}] = pull;
    return !m_lastFlush.isValid() || m_lastFlush.msecsTo(pull.at) >= FlushIntervalMs;
}

QList<PullRecord> PullStatistics::take(const QDateTime& now)
{
    QList<PullRecord> pulls;
    std::lock_guard lock(m_mutex);
    m_lastFlush = now;
    for (auto& [key, pull] : m_pending)
        pulls << pull;
    m_pending.clear();
    return pulls;
}

void PullStatistics::forget(const QString& repository)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->first.first == repository)
            it = m_pending.erase(it);
        else
            ++it;
    }
}

} // namespace berth
