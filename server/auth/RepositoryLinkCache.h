#pragma once

#include "iam/IdentityStore.h"
#include "util/Result.h"

#include <QHash>
#include <QStringList>
#include <QVector>
#include <mutex>
#include <optional>

namespace berth {

class MetadataStore;

/// Which compartment each repository is in and whether it is public, as RepositoryAuthorizer needs
/// for every request, kept in memory so a decision costs no SQL while nothing changes.
///
/// Only repositories that exist are kept: a repository created after it was looked up is found by
/// the next lookup (a miss always asks the database). forget() must be called once a repository is
/// deleted, moved or made public or private (RepositoryAuthorizer does it on the registry's events,
/// which are emitted after each commit and before the call that made the change returns). A lookup
/// that read the database while such a change committed is used for its own request but not kept
/// (a generation counter moves with every forget). Thread-safe.
class RepositoryLinkCache
{
public:
    using Link = IdentityStore::RepositoryLink;

    explicit RepositoryLinkCache(MetadataStore& metadata);

    /// nullopt when the repository does not exist. One query when it is not cached.
    Result<std::optional<Link>> find(const QString& repository);
    /// The same for many names at once: while the cache has not been filled yet, one query reads
    /// every repository's link; after that, only names not seen before are asked for one by one.
    Result<QVector<std::optional<Link>>> findAll(const QStringList& repositories);

    void forget(const QString& repository);
    void forgetAll();

    /// Up to this many repositories are read into the cache at once (about 100 bytes each).
    static constexpr int MaxFilled = 100000;

private:
    MetadataStore& m_metadata;
    std::mutex m_mutex;
    QHash<QString, Link> m_links;
    bool m_filled = false; ///< every repository that existed when it was filled is in m_links
    quint64 m_generation = 0;
};

} // namespace berth
