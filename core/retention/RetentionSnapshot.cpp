#include "retention/RetentionSnapshot.h"

#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace berth {

Result<RetentionSnapshot> RetentionSnapshot::load(const MetadataStore& metadata, const QString& repository)
{
    RetentionSnapshot s;
    s.repository = repository;
    auto id = metadata.repositoryId(repository);
    if (!id)
        return id.error();
    if (!id.value())
        return Error(ErrorCode::NameUnknown,
                     QCoreApplication::translate("RetentionSnapshot", "There is no repository %1.")
                         .arg(repository.left(300)));
    s.repositoryId = *id.value();
    const QVariantList repo{s.repositoryId};

    auto immutability = TagImmutability::load(metadata, s.repositoryId);
    if (!immutability)
        return immutability.error();
    s.immutability = immutability.value();

    auto manifests = metadata.exec(
        QStringLiteral(
            "SELECT m.id, m.digest, m.media_type, m.size, m.subject, m.pushed_at, m.last_pulled_at,"
            " rb.linked_at FROM manifests m LEFT JOIN repository_blobs rb"
            " ON rb.repository_id = m.repository_id AND rb.digest = m.digest"
            " WHERE m.repository_id = ? ORDER BY m.id"),
        repo);
    if (!manifests)
        return manifests.error();
    QHash<qint64, qsizetype> index;
    while (manifests->next()) {
        Manifest m;
        m.id = manifests->value(0).toLongLong();
        m.digest = manifests->value(1).toString();
        m.mediaType = manifests->value(2).toString();
        m.size = manifests->value(3).toLongLong();
        m.subject = manifests->value(4).toString();
        m.pushedAt = StoredTime::fromColumn(manifests->value(5));
        m.lastPulledAt = StoredTime::fromColumn(manifests->value(6));
        m.linkedAt = StoredTime::fromColumn(manifests->value(7));
        index.insert(m.id, s.manifests.size());
        s.manifests.append(std::move(m));
    }

    auto tags = metadata.exec(
        QStringLiteral("SELECT t.manifest_id, t.name, t.updated_at, p.last_pulled_at FROM tags t"
                       " LEFT JOIN tag_pulls p ON p.repository_id = t.repository_id AND p.tag = t.name"
                       " WHERE t.repository_id = ? ORDER BY t.name"),
        repo);
    if (!tags)
        return tags.error();
    while (tags->next()) {
        const auto it = index.constFind(tags->value(0).toLongLong());
        if (it != index.constEnd())
            s.manifests[*it].tags.append(Tag{tags->value(1).toString(),
                                             StoredTime::fromColumn(tags->value(2)),
                                             StoredTime::fromColumn(tags->value(3))});
    }

    const QString ofRepository =
        QStringLiteral(" JOIN manifests m ON m.id = x.manifest_id WHERE m.repository_id = ?");
    auto children = metadata.exec(
        QStringLiteral("SELECT x.manifest_id, x.child_digest FROM manifest_children x") + ofRepository, repo);
    if (!children)
        return children.error();
    while (children->next()) {
        const auto it = index.constFind(children->value(0).toLongLong());
        if (it != index.constEnd())
            s.manifests[*it].children << children->value(1).toString();
    }
    auto blobs = metadata.exec(
        QStringLiteral("SELECT x.manifest_id, x.digest FROM manifest_blobs x") + ofRepository, repo);
    if (!blobs)
        return blobs.error();
    while (blobs->next()) {
        const auto it = index.constFind(blobs->value(0).toLongLong());
        if (it != index.constEnd())
            s.manifests[*it].blobs << blobs->value(1).toString();
    }

    auto sizes = metadata.exec(
        QStringLiteral("SELECT digest, size FROM repository_blobs WHERE repository_id = ?"), repo);
    if (!sizes)
        return sizes.error();
    while (sizes->next())
        s.blobSizes.insert(sizes->value(0).toString(), sizes->value(1).toLongLong());

    // Other repositories referencing what this one holds: through a manifest's blobs, or holding a manifest
    // with the same digest (its bytes are the same blob).
    const QVariantList twice{s.repositoryId, s.repositoryId};
    for (const QString& sql :
         {QStringLiteral(
              "SELECT DISTINCT x.digest, m.repository_id FROM manifest_blobs x"
              " JOIN manifests m ON m.id = x.manifest_id WHERE m.repository_id <> ? AND x.digest IN"
              " (SELECT digest FROM repository_blobs WHERE repository_id = ?)"),
          QStringLiteral("SELECT DISTINCT m.digest, m.repository_id FROM manifests m"
                         " WHERE m.repository_id <> ? AND m.digest IN"
                         " (SELECT digest FROM manifests WHERE repository_id = ?)")}) {
        auto elsewhere = metadata.exec(sql, twice);
        if (!elsewhere)
            return elsewhere.error();
        while (elsewhere->next())
            s.referencedElsewhere[elsewhere->value(0).toString()].insert(elsewhere->value(1).toLongLong());
    }
    return s;
}

} // namespace berth
