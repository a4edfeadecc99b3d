#include "registry/ManifestCache.h"

namespace berth {

namespace {

/// What an entry costs besides its bytes (key, media type, digest, hash node), roughly.
constexpr qsizetype EntryOverhead = 512;

} // namespace

QString ManifestCache::keyOf(const QString& repository, const QString& reference)
{
    // '\n' occurs in neither a repository name nor a reference.
    return repository + QLatin1Char('\n') + reference;
}

void ManifestCache::advanceLocked(quint64 generation)
{
    if (generation <= m_generation)
        return;
    m_entries.clear();
    m_generation = generation;
}

std::optional<ManifestCache::Entry> ManifestCache::find(quint64 generation, const QString& repository,
                                                        const QString& reference)
{
    const QString key = keyOf(repository, reference);
    std::lock_guard lock(m_mutex);
    advanceLocked(generation);
    if (generation != m_generation)
        return std::nullopt;
    if (const Entry* entry = m_entries.object(key))
        return *entry;
    return std::nullopt;
}

void ManifestCache::insert(quint64 generation, const QString& repository, const QString& reference,
                           const Entry& entry)
{
    if (entry.bytes.size() > MaxEntryBytes)
        return;
    QString key = keyOf(repository, reference);
    std::lock_guard lock(m_mutex);
    advanceLocked(generation);
    if (generation != m_generation)
        return;
    m_entries.insert(std::move(key), new Entry(entry), entry.bytes.size() + EntryOverhead);
}

qsizetype ManifestCache::size() const
{
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

} // namespace berth
