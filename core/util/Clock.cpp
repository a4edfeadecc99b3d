#include "util/Clock.h"

namespace berth {

Clock& Clock::system()
{
    static SystemClock clock;
    return clock;
}

ManualClock::ManualClock(QDateTime start) : m_msecs(start.toMSecsSinceEpoch()) {}

QDateTime ManualClock::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_msecs.load(), Qt::UTC);
}

void ManualClock::set(const QDateTime& t)
{
    m_msecs.store(t.toMSecsSinceEpoch());
}

void ManualClock::advance(qint64 seconds)
{
    m_msecs.fetch_add(seconds * 1000);
}

} // namespace berth
