#pragma once

#include "oci/Digest.h"

#include <QByteArray>
#include <QCache>
#include <QString>
#include <mutex>
#include <optional>

namespace berth {

/// Manifests recently served, by repository and reference (tag or digest): their bytes, digest and media
/// type, so that a GET or HEAD of a popular tag is answered without a database query or a file read.
///
/// Correctness rests on MetadataStore::generation(), which moves after every write: an entry is kept only
/// under the generation it was read at, and every lookup under a newer generation empties the cache. A
/// tag moved, a manifest deleted, a repository deleted, retention, garbage collection or a restore (all
/// metadata writes) therefore make every later lookup miss. Callers read the generation before their
/// database lookups and pass it to insert(): what was read from an older snapshot never lands under a
/// newer generation.
///
/// Bounded: at most MaxBytes of manifest bytes (least recently used go first), and manifests larger than
/// MaxEntryBytes are not kept. Thread-safe (one mutex held for a hash lookup).
class ManifestCache
{
public:
    static constexpr qsizetype MaxBytes = 8 * 1024 * 1024;
    static constexpr qsizetype MaxEntryBytes = 256 * 1024;

    struct Entry
    {
        Digest digest;
        QString mediaType;
        QByteArray bytes;
    };

    /// The entry for (repository, reference) when it was stored under `generation`.
    std::optional<Entry> find(quint64 generation, const QString& repository, const QString& reference);
    /// Keeps an entry read from the database at `generation` (ignored when the cache has seen a newer
    /// generation since, or when the manifest is too large).
    void insert(quint64 generation, const QString& repository, const QString& reference, const Entry& entry);
    /// Entries held now (for tests).
    qsizetype size() const;

private:
    /// Call with the lock held: starts over when `generation` is newer than what the entries were read at.
    void advanceLocked(quint64 generation);
    static QString keyOf(const QString& repository, const QString& reference);

    mutable std::mutex m_mutex;
    quint64 m_generation = 0;
    QCache<QString, Entry> m_entries{MaxBytes};
};

} // namespace berth
