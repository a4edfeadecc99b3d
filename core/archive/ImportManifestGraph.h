#pragma once

#include "archive/ImportSession.h"
#include "oci/Descriptor.h"

#include <QHash>
#include <QSet>
#include <functional>
#include <optional>

namespace berth {

/// The manifests of an OCI layout, walked from index.json's entries: each manifest is fetched,
/// checked against its descriptor and parsed, and listed so that an index's children and a
/// referrer's subject come before it. Collects the blobs (configs, layers) each repository needs.
class ImportManifestGraph
{
public:
    /// The manifest's bytes, or nullopt when the archive does not hold it.
    using Fetch = std::function<Result<std::optional<QByteArray>>(const Digest& digest)>;

    /// Most manifest bytes one import holds in memory.
    static constexpr qint64 MaxTotalManifestBytes = 64 * 1024 * 1024;

    ImportManifestGraph(ImportSession& session, Fetch fetch);

    /// Adds an image index.json names, stored in `repository` under `tag` (by digest when empty).
    Result<void> addRoot(const QString& repository, const QString& tag, const Descriptor& descriptor);

    const QList<ImportManifestPut>& puts() const { return m_puts; }
    /// Config and layer blobs the repository's manifests need: digest -> size stated.
    const QHash<QString, QHash<Digest, qint64>>& blobs() const { return m_blobs; }
    /// True when `digest` is one of the manifests stored into `repository`.
    bool isManifest(const QString& repository, const Digest& digest) const;

private:
    Result<void> visit(const QString& repository, const Descriptor& descriptor, const QString& tag,
                       bool isRoot, int depth);

    ImportSession& m_session;
    Fetch m_fetch;
    QList<ImportManifestPut> m_puts;
    QHash<QString, QHash<Digest, qint64>> m_blobs;
    QSet<QString> m_done;     ///< "repository@digest" stored
    QSet<QString> m_visiting; ///< on the current path (cycles)
    qint64 m_totalBytes = 0;
};

} // namespace berth
