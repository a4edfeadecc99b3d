#pragma once

#include "oci/Digest.h"
#include "util/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace berth {

class MetadataStore;

/// What garbage collection needs of the metadata, read in one go: manifests with their tags, children
/// and blob references, and the blobs linked into repositories.
struct GcSnapshot
{
    struct Manifest
    {
        qint64 id = 0;
        qint64 repositoryId = 0;
        Digest digest;
        qint64 size = 0;
        QString subject; ///< empty when none
        QDateTime pushedAt;
        bool tagged = false;
        QStringList children; ///< child manifest digests (indexes)
        QStringList blobs;    ///< config and layer digests
    };
    struct Link
    {
        qint64 repositoryId = 0;
        QString digest;
        QDateTime linkedAt;
    };

    QHash<qint64, QString> repositories; ///< id -> name
    QList<Manifest> manifests;
    QList<Link> links;

    /// Reads everything, or only one repository's rows.
    static Result<GcSnapshot> load(const MetadataStore& metadata,
                                   std::optional<qint64> repositoryId = std::nullopt);
};

} // namespace berth
