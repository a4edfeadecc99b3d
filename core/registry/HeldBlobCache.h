#pragma once

#include "oci/Digest.h"

#include <QHash>
#include <QString>
#include <mutex>
#include <optional>

namespace berth {

/// Which repository holds which blob, as the database said under a MetadataStore::generation(): a blob
/// GET or HEAD of a blob seen before needs no query. Entries count only under the generation they were
/// read at (every metadata write moves it: a blob unlinked, a repository deleted, garbage collection),
/// the same rule as ManifestCache. At most MaxEntries (then it starts over). Thread-safe.
class HeldBlobCache
{
public:
    static constexpr qsizetype MaxEntries = 4096;

    /// True when the repository held the blob at `generation`; nothing when not known.
    std::optional<bool> find(quint64 generation, const QString& repository, const Digest& digest);
    /// Notes what a lookup that began at `generation` found.
    void insert(quint64 generation, const QString& repository, const Digest& digest, bool held);

private:
    void advanceLocked(quint64 generation);

    std::mutex m_mutex;
    quint64 m_generation = 0;
    QHash<QString, bool> m_held; ///< repository '\n' digest -> held
};

} // namespace berth
