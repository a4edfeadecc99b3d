#include "metering/UsageMeter.h"

#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"

#include <QHash>
#include <tuple>

namespace berth {

namespace {

constexpr qint64 MsPerDay = 24LL * 3600 * 1000;

qint64 dayNumber(qint64 msecsSinceEpoch)
{
    // Floor division: times before 1970 still land on their own day.
    return msecsSinceEpoch >= 0 ? msecsSinceEpoch / MsPerDay : (msecsSinceEpoch - MsPerDay + 1) / MsPerDay;
}

QString dayText(qint64 day)
{
    return QDateTime::fromMSecsSinceEpoch(day * MsPerDay, Qt::UTC).date().toString(Qt::ISODate);
}

} // namespace

bool UsageMeter::UsageKey::operator<(const UsageKey& other) const
{
    return std::tie(day, repository, userName) < std::tie(other.day, other.repository, other.userName);
}

UsageMeter::UsageMeter(Clock& clock) : m_clock(clock), m_lastFlushMs(clock.now().toMSecsSinceEpoch()) {}

void UsageMeter::setFlushDue(std::function<void()> flush)
{
    std::lock_guard lock(m_mutex);
    m_flushDue = std::move(flush);
}

void UsageMeter::restart()
{
    std::lock_guard lock(m_mutex);
    m_lastFlushMs = m_clock.now().toMSecsSinceEpoch();
    m_flushRequested = false;
}

QString UsageMeter::dayOf(const QDateTime& at)
{
    return dayText(dayNumber(at.toMSecsSinceEpoch()));
}

bool UsageMeter::dueLocked(qint64 nowMs)
{
    if (m_flushRequested || !m_flushDue || nowMs - m_lastFlushMs < FlushIntervalMs)
        return false;
    m_flushRequested = true;
    return true;
}

void UsageMeter::requestFlush(bool due)
{
    if (!due)
        return;
    std::function<void()> flush;
    {
        std::lock_guard lock(m_mutex);
        flush = m_flushDue;
    }
    if (flush)
        flush();
}

template <typename Update>
void UsageMeter::add(const QString& repository, const QString& userName, Update update)
{
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    bool due = false;
    {
        std::lock_guard lock(m_mutex);
        update(m_usage[UsageKey{dayNumber(nowMs), repository, userName}]);
        due = dueLocked(nowMs);
    }
    requestFlush(due);
}

void UsageMeter::recordPull(const QString& repository, const QString& userName)
{
    add(repository, userName, [](UsageCounts& c) { ++c.pulls; });
}

void UsageMeter::recordPush(const QString& repository, const QString& userName)
{
    add(repository, userName, [](UsageCounts& c) { ++c.pushes; });
}

void UsageMeter::recordEgress(const QString& repository, const QString& userName, qint64 bytes)
{
    if (bytes > 0)
        add(repository, userName, [bytes](UsageCounts& c) { c.egressBytes += bytes; });
}

void UsageMeter::recordIngress(const QString& repository, const QString& userName, qint64 bytes)
{
    if (bytes > 0)
        add(repository, userName, [bytes](UsageCounts& c) { c.ingressBytes += bytes; });
}

void UsageMeter::recordTagPull(const QString& repository, const QString& tag)
{
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    bool due = false;
    {
        std::lock_guard lock(m_mutex);
        TagPull& pull = m_tagPulls[{repository, tag}];
        pull.lastPulledAtMs = qMax(pull.lastPulledAtMs, nowMs);
        ++pull.pulls;
        due = dueLocked(nowMs);
    }
    requestFlush(due);
}

bool UsageMeter::hasPending() const
{
    std::lock_guard lock(m_mutex);
    return !m_usage.empty() || !m_tagPulls.empty();
}

Result<void> UsageMeter::flush(MetadataStore& metadata)
{
    UsageMap usage;
    TagPullMap tagPulls;
    {
        std::lock_guard lock(m_mutex);
        usage.swap(m_usage);
        tagPulls.swap(m_tagPulls);
        m_lastFlushMs = m_clock.now().toMSecsSinceEpoch();
        m_flushRequested = false;
    }
    if (usage.empty() && tagPulls.empty())
        return {};
    auto written = metadata.transaction([&] { return write(metadata, usage, tagPulls); });
    if (!written) {
        std::lock_guard lock(m_mutex);
        merge(m_usage, usage);
        merge(m_tagPulls, tagPulls);
    }
    return written;
}

Result<void> UsageMeter::write(MetadataStore& metadata, const UsageMap& usage, const TagPullMap& tagPulls)
{
    // Where each repository is now; a deleted repository's usage stays with the tenancy.
    QHash<QString, qint64> compartments;
    auto compartmentOf = [&](const QString& repository) -> Result<qint64> {
        auto known = compartments.constFind(repository);
        if (known != compartments.constEnd())
            return *known;
        auto q = metadata.exec(QStringLiteral("SELECT compartment_id FROM repositories WHERE name = ?"),
                               {repository});
        if (!q)
            return q.error();
        const qint64 id = q->next() ? q->value(0).toLongLong() : 1;
        compartments.insert(repository, id);
        return id;
    };
    for (const auto& [key, counts] : usage) {
        auto compartment = compartmentOf(key.repository);
        if (!compartment)
            return compartment.error();
        auto q = metadata.exec(
            QStringLiteral(
                "INSERT INTO usage_daily (day, repository, compartment_id, user_name, pulls, pushes,"
                " egress_bytes, ingress_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (day, repository, compartment_id, user_name) DO UPDATE SET"
                " pulls = pulls + excluded.pulls, pushes = pushes + excluded.pushes,"
                " egress_bytes = egress_bytes + excluded.egress_bytes,"
                " ingress_bytes = ingress_bytes + excluded.ingress_bytes"),
            {dayText(key.day), key.repository, compartment.value(),
             key.userName.isNull() ? QString(QLatin1String("")) : key.userName, // '' for anonymous, not NULL
             counts.pulls, counts.pushes, counts.egressBytes, counts.ingressBytes});
        if (!q)
            return q.error();
    }
    for (const auto& [key, pull] : tagPulls) {
        // A repository deleted since the pull has no row: nothing is written for it.
        auto q = metadata.exec(
            QStringLiteral("INSERT INTO tag_pulls (repository_id, tag, last_pulled_at, pulls)"
                           " SELECT id, ?, ?, ? FROM repositories WHERE name = ?"
                           " ON CONFLICT (repository_id, tag) DO UPDATE SET"
                           " last_pulled_at = MAX(last_pulled_at, excluded.last_pulled_at),"
                           " pulls = pulls + excluded.pulls"),
            {key.second, StoredTime::toColumn(QDateTime::fromMSecsSinceEpoch(pull.lastPulledAtMs, Qt::UTC)),
             pull.pulls, key.first});
        if (!q)
            return q.error();
    }
    return {};
}

void UsageMeter::merge(UsageMap& into, const UsageMap& from)
{
    for (const auto& [key, counts] : from) {
        UsageCounts& c = into[key];
        c.pulls += counts.pulls;
        c.pushes += counts.pushes;
        c.egressBytes += counts.egressBytes;
        c.ingressBytes += counts.ingressBytes;
    }
}

void UsageMeter::merge(TagPullMap& into, const TagPullMap& from)
{
    for (const auto& [key, pull] : from) {
        TagPull& p = into[key];
        p.lastPulledAtMs = qMax(p.lastPulledAtMs, pull.lastPulledAtMs);
        p.pulls += pull.pulls;
    }
}

} // namespace berth
