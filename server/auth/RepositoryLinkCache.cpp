#include "auth/RepositoryLinkCache.h"

namespace berth {

RepositoryLinkCache::RepositoryLinkCache(MetadataStore& metadata) : m_metadata(metadata) {}

Result<std::optional<RepositoryLinkCache::Link>> RepositoryLinkCache::find(const QString& repository)
{
    quint64 startedAt = 0;
    bool filled = false;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_links.constFind(repository);
        if (it != m_links.constEnd())
            return std::optional<Link>(*it);
        startedAt = m_generation;
        filled = m_filled;
    }
    if (!filled) {
        // The first lookup reads every repository at once, so a listing or a new process's first
        // requests do not ask for each repository one by one.
        auto all = findAll({repository});
        if (!all)
            return all.error();
        return all->first();
    }
    auto link = IdentityStore(m_metadata).repositoryLink(repository);
    if (!link)
        return link.error();
    if (link.value()) {
        std::lock_guard lock(m_mutex);
        if (m_generation == startedAt)
            m_links.insert(repository, *link.value());
    }
    return link.value();
}

Result<QVector<std::optional<RepositoryLinkCache::Link>>>
RepositoryLinkCache::findAll(const QStringList& repositories)
{
    QVector<std::optional<Link>> found(repositories.size());
    QVector<int> missing;
    quint64 startedAt = 0;
    bool filled = false;
    {
        std::lock_guard lock(m_mutex);
        for (int i = 0; i < repositories.size(); ++i) {
            const auto it = m_links.constFind(repositories.at(i));
            if (it != m_links.constEnd())
                found[i] = *it;
            else
                missing.append(i);
        }
        startedAt = m_generation;
        filled = m_filled;
    }
    if (missing.isEmpty())
        return found;
    if (filled) {
        for (int i : missing) {
            auto link = find(repositories.at(i));
            if (!link)
                return link.error();
            found[i] = link.value();
        }
        return found;
    }
    auto all = IdentityStore(m_metadata).repositoryLinks();
    if (!all)
        return all.error();
    for (int i : missing) {
        const auto it = all->constFind(repositories.at(i));
        if (it != all->constEnd())
            found[i] = *it;
    }
    std::lock_guard lock(m_mutex);
    if (m_generation == startedAt) {
        // A very large registry keeps what it was asked for; later misses ask one by one.
        if (all->size() <= MaxFilled) {
            m_links = std::move(all).value();
        } else {
            for (int i : missing) {
                if (found.at(i))
                    m_links.insert(repositories.at(i), *found.at(i));
            }
        }
        m_filled = true;
    }
    return found;
}

void RepositoryLinkCache::forget(const QString& repository)
{
    std::lock_guard lock(m_mutex);
    m_links.remove(repository);
    ++m_generation;
}

void RepositoryLinkCache::forgetAll()
{
    std::lock_guard lock(m_mutex);
    m_links.clear();
    m_filled = false;
    ++m_generation;
}

} // namespace berth
