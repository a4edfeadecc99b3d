#include "registry/RepositoryCatalog.h"

#include "iam/IamErrors.h"
#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"
#include "oci/MediaTypes.h"

#include <QHash>
#include <QSqlQuery>
#include <QVariant>

namespace berth {

namespace {

/// Every compartment's path by row id, from one query.
Result<QHash<qint64, CompartmentPath>> readCompartmentPaths(const MetadataStore& metadata)
{
    auto q = metadata.exec(QStringLiteral("SELECT id, parent_id, name FROM compartments"));
    if (!q)
        return q.error();
    struct Row
    {
        qint64 parent = 0;
        QString name;
    };
    QHash<qint64, Row> rows;
    while (q.value().next())
        rows.insert(q.value().value(0).toLongLong(),
                    Row{q.value().value(1).isNull() ? 0 : q.value().value(1).toLongLong(),
                        q.value().value(2).toString()});
    QHash<qint64, CompartmentPath> paths;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        QStringList names;
        qint64 id = it.key();
        // Walk up to the tenancy (parent 0); the depth bound guards against a corrupt cycle.
        for (int depth = 0; id != 0 && depth <= rows.size(); ++depth) {
            const Row row = rows.value(id);
            if (row.parent == 0)
                break;
            names.prepend(row.name);
            id = row.parent;
        }
        paths.insert(it.key(), CompartmentPath(names));
    }
    return paths;
}

} // namespace

QString ImageSummary::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Image:
        return QStringLiteral("image");
    case Kind::Index:
        return QStringLiteral("index");
    case Kind::Artifact:
        return QStringLiteral("artifact");
    case Kind::Helm:
        return QStringLiteral("helm");
    }
    return QStringLiteral("image");
}

ImageSummary::Kind ImageSummary::kindOf(const QString& mediaType, const QString& artifactType)
{
    if (MediaTypes::isIndexType(mediaType))
        return Kind::Index;
    if (artifactType == MediaTypes::HelmConfig)
        return Kind::Helm;
    if (artifactType.isEmpty() || artifactType == MediaTypes::OciImageConfig ||
        artifactType == MediaTypes::DockerContainerConfig)
        return Kind::Image;
    return Kind::Artifact;
}

RepositoryCatalog::RepositoryCatalog(MetadataStore& metadata) : m_metadata(metadata) {}

Result<QList<RepositorySummary>> RepositoryCatalog::query(const QString& where,
                                                          const QVariantList& values) const
{
    auto paths = readCompartmentPaths(m_metadata);
    if (!paths)
        return paths.error();
    auto q = m_metadata.exec(
        QStringLiteral("SELECT r.name, r.compartment_id, r.is_public, r.created_at, r.last_push_at, "
                       "r.last_pull_at, (SELECT COUNT(*) FROM manifests m WHERE m.repository_id = r.id), "
                       "(SELECT COUNT(*) FROM tags t WHERE t.repository_id = r.id), r.description "
                       "FROM repositories r %1 ORDER BY r.name")
            .arg(where),
        values);
    if (!q)
        return q.error();
    QList<RepositorySummary> list;
    while (q.value().next()) {
        RepositorySummary s;
        s.name = q.value().value(0).toString();
        s.compartment = paths.value().value(q.value().value(1).toLongLong());
        s.isPublic = q.value().value(2).toInt() != 0;
        s.createdAt = StoredTime::fromColumn(q.value().value(3));
        s.lastPushAt = StoredTime::fromColumn(q.value().value(4));
        s.lastPullAt = StoredTime::fromColumn(q.value().value(5));
        s.manifestCount = q.value().value(6).toLongLong();
        s.tagCount = q.value().value(7).toLongLong();
        s.description = q.value().value(8).toString();
        list.append(s);
    }
    return list;
}

Result<QList<RepositorySummary>> RepositoryCatalog::repositories() const
{
    return query(QString(), {});
}

Result<QList<RepositorySummary>> RepositoryCatalog::repositoriesIn(const CompartmentPath& compartment) const
{
    auto paths = compartmentPaths();
    if (!paths)
        return paths.error();
    for (auto it = paths.value().cbegin(); it != paths.value().cend(); ++it) {
        if (it.value() == compartment)
            return query(QStringLiteral("WHERE r.compartment_id = ?"), {it.key()});
    }
    return IamErrors::notFound(QStringLiteral("There is no %1").arg(compartment.describe()));
}

Result<QHash<qint64, CompartmentPath>> RepositoryCatalog::compartmentPaths() const
{
    return readCompartmentPaths(m_metadata);
}

Result<std::optional<RepositorySummary>> RepositoryCatalog::repository(const QString& name) const
{
    auto list = query(QStringLiteral("WHERE r.name = ?"), {name});
    if (!list)
        return list.error();
    if (list.value().isEmpty())
        return std::optional<RepositorySummary>();
    return std::optional<RepositorySummary>(list.value().first());
}

Result<QList<ImageSummary>> RepositoryCatalog::images(const QString& repository) const
{
    auto id = m_metadata.repositoryId(repository);
    if (!id)
        return id.error();
    if (!id.value())
        return Error(ErrorCode::NameUnknown, QStringLiteral("There is no repository %1.").arg(repository));
    auto q = m_metadata.exec(
        QStringLiteral(
            "SELECT m.id, m.digest, m.media_type, m.artifact_type, m.size, m.subject, m.pushed_at, "
            "m.last_pulled_at FROM manifests m WHERE m.repository_id = ? "
            "ORDER BY m.pushed_at DESC, m.digest"),
        {*id.value()});
    if (!q)
        return q.error();
    QList<ImageSummary> list;
    QList<qint64> ids;
    while (q.value().next()) {
        ImageSummary image;
        ids.append(q.value().value(0).toLongLong());
        auto digest = Digest::parse(q.value().value(1).toString());
        if (digest)
            image.digest = digest.value();
        image.mediaType = q.value().value(2).toString();
        image.artifactType = q.value().value(3).toString();
        image.kind = ImageSummary::kindOf(image.mediaType, image.artifactType);
        image.size = q.value().value(4).toLongLong();
        if (!q.value().value(5).isNull()) {
            if (auto subject = Digest::parse(q.value().value(5).toString()))
                image.subject = subject.value();
        }
        image.pushedAt = StoredTime::fromColumn(q.value().value(6));
        image.lastPulledAt = StoredTime::fromColumn(q.value().value(7));
        list.append(image);
    }
    auto tags =
        m_metadata.exec(QStringLiteral("SELECT t.manifest_id, t.name FROM tags t WHERE t.repository_id = ? "
                                       "ORDER BY t.name"),
                        {*id.value()});
    if (!tags)
        return tags.error();
    QHash<qint64, QStringList> tagsByManifest;
    while (tags.value().next())
        tagsByManifest[tags.value().value(0).toLongLong()].append(tags.value().value(1).toString());
    for (int i = 0; i < list.size(); ++i)
        list[i].tags = tagsByManifest.value(ids[i]);
    return list;
}

} // namespace berth
