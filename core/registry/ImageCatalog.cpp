#include "registry/ImageCatalog.h"

#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"
#include "oci/ManifestParser.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "registry/ImageCatalogPrivate.h"
#include "registry/RegistryService.h"

#include <QCache>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QVariant>
#include <mutex>

namespace berth {

namespace {

/// Row ids bound per statement (well under SQLite's limit on variables).
constexpr int MaxBoundIds = 500;
/// How deep indexes of indexes are followed for sizes.
constexpr int MaxIndexDepth = 4;

QString placeholders(int count)
{
    QString s;
    s.reserve(count * 2);
    for (int i = 0; i < count; ++i)
        s += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
    return s;
}

/// Runs `sql` (with "%1" where the id list goes) over `ids` in chunks; `row` gets each result row.
Result<void> forIds(const MetadataStore& metadata, const QString& sql, const QVariantList& leading,
                    const QList<qint64>& ids, const std::function<void(const QSqlQuery&)>& row)
{
    for (int start = 0; start < ids.size(); start += MaxBoundIds) {
        const QList<qint64> chunk = ids.mid(start, MaxBoundIds);
        QVariantList values = leading;
        for (qint64 id : chunk)
            values << id;
        auto q = metadata.exec(sql.arg(placeholders(int(chunk.size()))), values);
        if (!q)
            return q.error();
        while (q.value().next())
            row(q.value());
    }
    return {};
}

/// "%text%" for LIKE ... ESCAPE '\', with %, _ and \ in the text taken literally.
QString likePattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString platformText(const QString& os, const QString& architecture, const QString& variant)
{
    if (os.isEmpty() && architecture.isEmpty())
        return QString();
    QString text = (os.isEmpty() ? QStringLiteral("unknown") : os) + QLatin1Char('/') +
                   (architecture.isEmpty() ? QStringLiteral("unknown") : architecture);
    if (!variant.isEmpty())
        text += QLatin1Char('/') + variant;
    return text;
}

/// The columns every row query selects, in this order (tag columns may be NULL for untagged rows).
const QString RowColumns =
    QStringLiteral("m.id, m.digest, m.media_type, m.artifact_type, m.size, m.pushed_at, m.last_pulled_at");

TagRow rowFrom(const QSqlQuery& q, int first)
{
    TagRow row;
    if (auto digest = Digest::parse(q.value(first + 1).toString()))
        row.digest = *digest;
    row.mediaType = q.value(first + 2).toString();
    row.artifactType = q.value(first + 3).toString();
    row.kind = ImageSummary::kindOf(row.mediaType, row.artifactType);
    row.manifestSize = q.value(first + 4).toLongLong();
    row.pushedAt = StoredTime::fromColumn(q.value(first + 5));
    row.lastPulledAt = StoredTime::fromColumn(q.value(first + 6));
    return row;
}

} // namespace

QString PlatformEntry::platform() const
{
    return platformText(os, architecture, variant);
}

struct ImageCatalog::Cache
{
    std::mutex mutex;
    QCache<QString, QStringList> platforms{PlatformCacheSize};
};

ImageCatalog::ImageCatalog(RegistryService& registry)
    : m_registry(registry), m_cache(std::make_shared<Cache>())
{}

Result<void> ImageCatalog::complete(const QString& repository, qint64 repositoryId, QList<TagRow>& rows,
                                    const QList<qint64>& manifestIds) const
{
    const MetadataStore& metadata = m_registry.metadata();
    // Own size and blob bytes of every manifest concerned, then the children of indexes, level by level.
    QHash<qint64, qint64> own;
    QHash<qint64, qint64> blobBytes;
    QHash<qint64, QList<qint64>> children;
    for (int i = 0; i < rows.size(); ++i)
        own.insert(manifestIds[i], rows[i].manifestSize);
    QList<qint64> level = QSet<qint64>(manifestIds.cbegin(), manifestIds.cend()).values();
    for (int depth = 0; depth <= MaxIndexDepth && !level.isEmpty(); ++depth) {
        auto blobs = forIds(metadata,
                            QStringLiteral("SELECT mb.manifest_id, SUM(rb.size) FROM manifest_blobs mb "
                                           "JOIN repository_blobs rb ON rb.repository_id = ? AND "
                                           "rb.digest = mb.digest WHERE mb.manifest_id IN (%1) "
                                           "GROUP BY mb.manifest_id"),
                            {repositoryId}, level, [&](const QSqlQuery& q) {
                                blobBytes.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
                            });
        if (!blobs)
            return blobs;
        QList<qint64> next;
        auto kids = forIds(metadata,
                           QStringLiteral("SELECT mc.manifest_id, c.id, c.size FROM manifest_children mc "
                                          "JOIN manifests c ON c.repository_id = ? AND c.digest = "
                                          "mc.child_digest WHERE mc.manifest_id IN (%1)"),
                           {repositoryId}, level, [&](const QSqlQuery& q) {
                               const qint64 child = q.value(1).toLongLong();
                               children[q.value(0).toLongLong()].append(child);
                               if (!own.contains(child)) {
                                   own.insert(child, q.value(2).toLongLong());
                                   next.append(child);
                               }
                           });
        if (!kids)
            return kids;
        level = next;
    }
    // size(m) = its bytes + its blobs' bytes + the sizes of its children (for an index).
    QHash<qint64, qint64> sizes;
    std::function<qint64(qint64, int)> sizeOf = [&](qint64 id, int depth) -> qint64 {
        if (auto it = sizes.constFind(id); it != sizes.cend())
            return it.value();
        qint64 total = own.value(id) + blobBytes.value(id);
        if (depth < MaxIndexDepth) {
            for (qint64 child : children.value(id))
                total += sizeOf(child, depth + 1);
        }
        sizes.insert(id, total);
        return total;
    };
    for (int i = 0; i < rows.size(); ++i) {
        rows[i].imageSize = sizeOf(manifestIds[i], 0);
        rows[i].platforms = platformsOf(repository, rows[i]);
    }
    return {};
}

QStringList ImageCatalog::platformsOf(const QString& repository, const TagRow& row) const
{
    if (row.kind != ImageSummary::Kind::Index && row.kind != ImageSummary::Kind::Image)
        return {};
    const QString key = row.digest.toString();
    {
        std::lock_guard<std::mutex> lock(m_cache->mutex);
        if (const QStringList* cached = m_cache->platforms.object(key))
            return *cached;
    }
    QStringList platforms;
    bool readable = false;
    auto content = m_registry.getManifest(repository, Reference::fromDigest(row.digest), false);
    if (content) {
        auto manifest = ManifestParser::parse(content->bytes, content->mediaType);
        if (manifest && manifest->kind == ManifestKind::Index) {
            readable = true;
            for (const Descriptor& entry : manifest->manifests) {
                if (!entry.platform)
                    continue;
                const QString text =
                    platformText(entry.platform->os, entry.platform->architecture, entry.platform->variant);
                // BuildKit's attestations ("unknown/unknown") are not platforms a person runs.
                if (!text.isEmpty() && text != QStringLiteral("unknown/unknown") && !platforms.contains(text))
                    platforms.append(text);
            }
        } else if (manifest && manifest->config && manifest->config->size <= imagecatalog::MaxConfigRead) {
            auto blob = m_registry.openBlob(repository, manifest->config->digest);
            if (blob) {
                readable = true;
                const QJsonObject config =
                    QJsonDocument::fromJson(blob.value()->read(imagecatalog::MaxConfigRead)).object();
                const QString text = platformText(config.value(QStringLiteral("os")).toString(),
                                                  config.value(QStringLiteral("architecture")).toString(),
                                                  config.value(QStringLiteral("variant")).toString());
                if (!text.isEmpty())
                    platforms.append(text);
            }
        } else if (manifest) {
            readable = true; // a config too large to read: no platform to show, and none later either
        }
    }
    if (readable) {
        std::lock_guard<std::mutex> lock(m_cache->mutex);
        m_cache->platforms.insert(key, new QStringList(platforms));
    }
    return platforms;
}

Result<TagRowPage> ImageCatalog::tagRows(const QString& repository, int limit, const QString& after) const
{
    const MetadataStore& metadata = m_registry.metadata();
    auto repoId = imagecatalog::existingRepositoryId(metadata, repository);
    if (!repoId)
        return repoId.error();
    TagRowPage page;
    QVariantList values{repoId.value()};
    QString where = QStringLiteral("t.repository_id = ?");
    if (!after.isEmpty()) {
        where += QStringLiteral(" AND t.name > ?");
        values << after;
    }
    // One more than asked tells whether a next page exists; the primary key (repository_id, name)
    // serves both the range and the order.
    values << (limit < 0 ? qint64(-1) : qint64(limit) + 1);
    auto q = metadata.exec(QStringLiteral("SELECT t.name, t.updated_at, %1 FROM tags t JOIN manifests m ON "
                                          "m.id = t.manifest_id WHERE %2 ORDER BY t.name LIMIT ?")
                               .arg(RowColumns, where),
                           values);
    if (!q)
        return q.error();
    QList<qint64> ids;
    while (q.value().next()) {
        if (limit >= 0 && page.rows.size() == limit) {
            page.more = true;
            break;
        }
        TagRow row = rowFrom(q.value(), 2);
        row.tag = q.value().value(0).toString();
        row.taggedAt = StoredTime::fromColumn(q.value().value(1));
        ids.append(q.value().value(2).toLongLong());
        page.rows.append(row);
    }
    auto completed = complete(repository, repoId.value(), page.rows, ids);
    if (!completed)
        return completed.error();
    return page;
}

Result<QList<TagRow>> ImageCatalog::untaggedRows(const QString& repository, int limit) const
{
    const MetadataStore& metadata = m_registry.metadata();
    auto repoId = imagecatalog::existingRepositoryId(metadata, repository);
    if (!repoId)
        return repoId.error();
    // Untagged, not a child of an index of this repository, not a referrer of a manifest it holds.
    auto q = metadata.exec(
        QStringLiteral(
            "SELECT %1 FROM manifests m WHERE m.repository_id = ? "
            "AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.manifest_id = m.id) "
            "AND NOT EXISTS (SELECT 1 FROM manifest_children mc JOIN manifests p ON p.id = mc.manifest_id "
            "WHERE mc.child_digest = m.digest AND p.repository_id = m.repository_id) "
            "AND NOT (m.subject IS NOT NULL AND EXISTS (SELECT 1 FROM manifests s WHERE "
            "s.repository_id = m.repository_id AND s.digest = m.subject)) "
            "ORDER BY m.pushed_at DESC, m.digest LIMIT ?")
            .arg(RowColumns),
        {repoId.value(), limit < 0 ? qint64(-1) : qint64(limit)});
    if (!q)
        return q.error();
    QList<TagRow> rows;
    QList<qint64> ids;
    while (q.value().next()) {
        rows.append(rowFrom(q.value(), 0));
        ids.append(q.value().value(0).toLongLong());
    }
    auto completed = complete(repository, repoId.value(), rows, ids);
    if (!completed)
        return completed.error();
    return rows;
}

Result<QList<SearchHit>> ImageCatalog::search(const QString& text, int limit) const
{
    const MetadataStore& metadata = m_registry.metadata();
    QList<SearchHit> hits;
    if (limit == 0)
        return hits;
    RepositoryCatalog catalog(m_registry.metadata());
    auto paths = catalog.compartmentPaths();
    if (!paths)
        return paths.error();
    const QString pattern = likePattern(text);
    const qint64 sqlLimit = limit < 0 ? -1 : limit;
    auto repos = metadata.exec(QStringLiteral("SELECT name, compartment_id FROM repositories "
                                              "WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?"),
                               {pattern, sqlLimit});
    if (!repos)
        return repos.error();
    while (repos.value().next()) {
        SearchHit hit;
        hit.repository = repos.value().value(0).toString();
        hit.compartment = paths.value().value(repos.value().value(1).toLongLong());
        hits.append(hit);
    }
    if (limit >= 0 && hits.size() >= limit)
        return hits;
    auto tags = metadata.exec(
        QStringLiteral(
            "SELECT r.name, r.compartment_id, t.name, m.digest FROM tags t "
            "JOIN repositories r ON r.id = t.repository_id JOIN manifests m ON m.id = t.manifest_id "
            "WHERE t.name LIKE ? ESCAPE '\\' ORDER BY r.name, t.name LIMIT ?"),
        {pattern, limit < 0 ? qint64(-1) : qint64(limit - hits.size())});
    if (!tags)
        return tags.error();
    while (tags.value().next()) {
        SearchHit hit;
        hit.repository = tags.value().value(0).toString();
        hit.compartment = paths.value().value(tags.value().value(1).toLongLong());
        hit.tag = tags.value().value(2).toString();
        if (auto digest = Digest::parse(tags.value().value(3).toString()))
            hit.digest = *digest;
        hits.append(hit);
    }
    return hits;
}

Result<QList<RepositorySummary>> ImageCatalog::repositoriesIn(const CompartmentPath& compartment) const
{
    RepositoryCatalog catalog(m_registry.metadata());
    auto list = catalog.repositoriesIn(compartment);
    if (!list)
        return list;
    for (RepositorySummary& summary : list.value()) {
        auto size = repositorySize(summary.name);
        if (!size)
            return size.error();
        summary.size = size.value();
    }
    return list;
}

Result<qint64> ImageCatalog::repositorySize(const QString& repository) const
{
    const MetadataStore& metadata = m_registry.metadata();
    auto repoId = imagecatalog::existingRepositoryId(metadata, repository);
    if (!repoId)
        return repoId.error();
    // Manifests are linked as blobs when pushed; any that are not count on their own.
    auto q = metadata.exec(
        QStringLiteral(
            "SELECT COALESCE((SELECT SUM(rb.size) FROM repository_blobs rb WHERE rb.repository_id = ?), 0)"
            " + COALESCE((SELECT SUM(m.size) FROM manifests m WHERE m.repository_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM repository_blobs rb WHERE rb.repository_id = m.repository_id AND"
            " rb.digest = m.digest)), 0)"),
        {repoId.value(), repoId.value()});
    if (!q)
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : qint64(0);
}

} // namespace berth
