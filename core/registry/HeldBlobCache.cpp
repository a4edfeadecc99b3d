#include "registry/HeldBlobCache.h"

namespace berth {

namespace {

QString keyOf(const QString& repository, const Digest& digest)
{
    return repository + QLatin1Char('\n') + digest.toString();
}

} // namespace

void HeldBlobCache::advanceLocked(quint64 generation)
{
    if (generation <= m_generation)
        return;
    m_held.clear();
    m_generation = generation;
}

std::optional<bool> HeldBlobCache::find(quint64 generation, const QString& repository, const Digest& digest)
{
    const QString key = keyOf(repository, digest);
    std::lock_guard lock(m_mutex);
    advanceLocked(generation);
    if (generation != m_generation)
        return std::nullopt;
    const auto it = m_held.constFind(key);
    if (it == m_held.constEnd())
        return std::nullopt;
    return *it;
}

void HeldBlobCache::insert(quint64 generation, const QString& repository, const Digest& digest, bool held)
{
    QString key = keyOf(repository, digest);
    std::lock_guard lock(m_mutex);
    advanceLocked(generation);
    if (generation != m_generation)
        return;
    if (m_held.size() >= MaxEntries)
        m_held.clear();
    m_held.insert(std::move(key), held);
}

} // namespace berth
