#pragma once

#include <QDateTime>

#include <atomic>

namespace berth {

/// Where core code takes "now" from. Tests install a ManualClock and advance it.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;

    /// The process-wide wall clock (UTC).
    static Clock& system();
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

/// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
    QDateTime now() const override;
    void set(const QDateTime& t);
    void advance(qint64 seconds);

private:
    mutable std::atomic<qint64> m_msecs;
};

} // namespace berth
