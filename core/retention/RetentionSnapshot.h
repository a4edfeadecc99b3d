#pragma once

#include "governance/TagImmutability.h"
#include "oci/Digest.h"
#include "util/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace berth {

class MetadataStore;

/// What the retention planner needs of one repository, read with a handful of queries: its manifests
/// with tags, pulls, children and blob references, the sizes of its blobs, and which digests manifests
/// of other repositories reference too.
struct RetentionSnapshot
{
    struct Tag
    {
        QString name;
        QDateTime updatedAt;
        QDateTime lastPulledAt; ///< from tag_pulls; invalid when never recorded
    };
    struct Manifest
    {
        qint64 id = 0;
        QString digest;
        QString mediaType;
        qint64 size = 0;
        QString subject; ///< empty when none
        QDateTime pushedAt;
        QDateTime lastPulledAt; ///< invalid when never pulled
        QDateTime linkedAt;     ///< the repository's link to the manifest's bytes
        QList<Tag> tags;        ///< in byte order
        QStringList children;   ///< child manifest digests (indexes)
        QStringList blobs;      ///< config and layer digests
    };

    qint64 repositoryId = 0;
    QString repository;
    /// Tag immutability (core/governance): immutable tags are never removed by retention, except those
    /// matching an exclusion (regular expressions, whole tag).
    TagImmutability immutability;
    QList<Manifest> manifests;
    QHash<QString, qint64> blobSizes; ///< digest -> size of what the repository holds
    /// digest -> other repositories with a manifest of that digest or a manifest referencing it
    QHash<QString, QSet<qint64>> referencedElsewhere;

    /// NameUnknown when the repository does not exist.
    static Result<RetentionSnapshot> load(const MetadataStore& metadata, const QString& repository);
};

} // namespace berth
