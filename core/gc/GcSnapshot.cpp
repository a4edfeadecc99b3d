#include "gc/GcSnapshot.h"

#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"

namespace berth {

namespace {

/// " WHERE <column> = ?" and its value when limited to one repository, else nothing.
QString onlyRepository(const QString& column, std::optional<qint64> repositoryId, QVariantList& values)
{
    if (!repositoryId)
        return QString();
    values << *repositoryId;
    return QStringLiteral(" WHERE %1 = ?").arg(column);
}

} // namespace

Result<GcSnapshot> GcSnapshot::load(const MetadataStore& metadata, std::optional<qint64> repositoryId)
{
    GcSnapshot s;
    QVariantList values;
    auto repos = metadata.exec(QStringLiteral("SELECT id, name FROM repositories") +
                                   onlyRepository(QStringLiteral("id"), repositoryId, values),
                               values);
    if (!repos)
        return repos.error();
    while (repos->next())
        s.repositories.insert(repos->value(0).toLongLong(), repos->value(1).toString());

    values.clear();
    auto manifests = metadata.exec(
        QStringLiteral("SELECT m.id, m.repository_id, m.digest, m.size, m.subject, m.pushed_at,"
                       " EXISTS (SELECT 1 FROM tags t WHERE t.manifest_id = m.id) FROM manifests m") +
            onlyRepository(QStringLiteral("m.repository_id"), repositoryId, values) +
            QStringLiteral(" ORDER BY m.id"),
        values);
    if (!manifests)
        return manifests.error();
    QHash<qint64, qsizetype> index;
    while (manifests->next()) {
        Manifest m;
        m.id = manifests->value(0).toLongLong();
        m.repositoryId = manifests->value(1).toLongLong();
        m.digest = Digest::parse(manifests->value(2).toString()).value_or(Digest());
        m.size = manifests->value(3).toLongLong();
        m.subject = manifests->value(4).toString();
        m.pushedAt = StoredTime::fromColumn(manifests->value(5));
        m.tagged = manifests->value(6).toBool();
        index.insert(m.id, s.manifests.size());
        s.manifests.append(m);
    }

    const QString ofRepository =
        repositoryId ? QStringLiteral(" JOIN manifests m ON m.id = x.manifest_id WHERE m.repository_id = ?")
                     : QString();
    const QVariantList repoValue = repositoryId ? QVariantList{*repositoryId} : QVariantList{};
    auto children = metadata.exec(
        QStringLiteral("SELECT x.manifest_id, x.child_digest FROM manifest_children x") + ofRepository,
        repoValue);
    if (!children)
        return children.error();
    while (children->next()) {
        const auto it = index.constFind(children->value(0).toLongLong());
        if (it != index.constEnd())
            s.manifests[*it].children << children->value(1).toString();
    }
    auto blobs = metadata.exec(
        QStringLiteral("SELECT x.manifest_id, x.digest FROM manifest_blobs x") + ofRepository, repoValue);
    if (!blobs)
        return blobs.error();
    while (blobs->next()) {
        const auto it = index.constFind(blobs->value(0).toLongLong());
        if (it != index.constEnd())
            s.manifests[*it].blobs << blobs->value(1).toString();
    }

    values.clear();
    auto links =
        metadata.exec(QStringLiteral("SELECT repository_id, digest, linked_at FROM repository_blobs") +
                          onlyRepository(QStringLiteral("repository_id"), repositoryId, values),
                      values);
    if (!links)
        return links.error();
    while (links->next()) {
        s.links.append(Link{links->value(0).toLongLong(), links->value(1).toString(),
                            StoredTime::fromColumn(links->value(2))});
    }
    return s;
}

} // namespace berth
