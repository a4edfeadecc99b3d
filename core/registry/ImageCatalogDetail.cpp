#include "metadata/MetadataStore.h"
#include "oci/ManifestParser.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "registry/ImageCatalog.h"
#include "registry/ImageCatalogPrivate.h"
#include "registry/RegistryService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <initializer_list>
#include <utility>

namespace berth {

// ImageCatalog::detail(): one manifest with its config, layers, platforms and referrers.

namespace {

QStringList stringList(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& v : array)
        list << v.toString();
    return list;
}

/// Sets each QString member of `info` to the string under its key in `object` (empty when absent).
template <typename Info>
void readStrings(const QJsonObject& object, Info& info,
                 std::initializer_list<std::pair<const char*, QString Info::*>> fields)
{
    for (const auto& [key, member] : fields)
        info.*member = object.value(QLatin1String(key)).toString();
}

QDateTime dateOf(const QJsonValue& value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

/// An annotation or label value as text (strings as they are, anything else as compact JSON).
QString valueText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

QList<QPair<QString, QString>> pairs(const QJsonObject& object)
{
    QList<QPair<QString, QString>> list;
    for (auto it = object.begin(); it != object.end(); ++it) // QJsonObject iterates in key order
        list.append({it.key(), valueText(it.value())});
    return list;
}

ImageConfigInfo imageConfigInfo(const QJsonObject& root)
{
    ImageConfigInfo info;
    readStrings(root, info,
                {{"os", &ImageConfigInfo::os},
                 {"architecture", &ImageConfigInfo::architecture},
                 {"variant", &ImageConfigInfo::variant}});
    info.created = dateOf(root.value(QStringLiteral("created")));
    const QJsonObject config = root.value(QStringLiteral("config")).toObject();
    info.entrypoint = stringList(config.value(QStringLiteral("Entrypoint")));
    info.cmd = stringList(config.value(QStringLiteral("Cmd")));
    info.env = stringList(config.value(QStringLiteral("Env")));
    readStrings(config, info,
                {{"WorkingDir", &ImageConfigInfo::workingDir}, {"User", &ImageConfigInfo::user}});
    info.labels = pairs(config.value(QStringLiteral("Labels")).toObject());
    info.exposedPorts = config.value(QStringLiteral("ExposedPorts")).toObject().keys();
    const QJsonArray history = root.value(QStringLiteral("history")).toArray();
    for (const QJsonValue& v : history) {
        const QJsonObject o = v.toObject();
        ImageConfigInfo::HistoryEntry entry;
        entry.created = dateOf(o.value(QStringLiteral("created")));
        entry.createdBy = o.value(QStringLiteral("created_by")).toString();
        entry.comment = o.value(QStringLiteral("comment")).toString();
        entry.emptyLayer = o.value(QStringLiteral("empty_layer")).toBool();
        info.history.append(entry);
    }
    return info;
}

HelmChartInfo helmChartInfo(const QJsonObject& root)
{
    HelmChartInfo info;
    readStrings(root, info,
                {{"name", &HelmChartInfo::name},
                 {"version", &HelmChartInfo::version},
                 {"appVersion", &HelmChartInfo::appVersion},
                 {"description", &HelmChartInfo::description},
                 {"apiVersion", &HelmChartInfo::apiVersion},
                 {"type", &HelmChartInfo::type}});
    return info;
}

LayerInfo layerOf(const Descriptor& d)
{
    return LayerInfo{d.digest, d.mediaType, d.size};
}

} // namespace

Result<ImageDetail> ImageCatalog::detail(const QString& repository, const Digest& digest) const
{
    const MetadataStore& metadata = m_registry.metadata();
    auto repoId = imagecatalog::existingRepositoryId(metadata, repository);
    if (!repoId)
        return repoId.error();
    auto record = metadata.manifestByDigest(repoId.value(), digest);
    if (!record)
        return record.error();
    if (!record.value()) {
        return Error(ErrorCode::ManifestUnknown,
                     QStringLiteral("Repository %1 has no manifest %2.").arg(repository, digest.toString()));
    }
    const ManifestRecord& m = *record.value();
    auto content = m_registry.getManifest(repository, Reference::fromDigest(digest), false);
    if (!content)
        return content.error();
    auto parsed = ManifestParser::parse(content->bytes, m.mediaType);
    if (!parsed)
        return parsed.error();
    const Manifest& manifest = parsed.value();

    ImageDetail detail;
    detail.repository = repository;
    detail.digest = m.digest;
    detail.mediaType = m.mediaType;
    detail.artifactType = m.artifactType;
    detail.kind = ImageSummary::kindOf(m.mediaType, m.artifactType);
    detail.manifest = content->bytes;
    detail.manifestSize = m.size;
    detail.pushedAt = m.pushedAt;
    detail.lastPulledAt = m.lastPulledAt;
    detail.subject = m.subject;
    detail.annotations = pairs(manifest.annotations);
    auto tags = metadata.tagsOf(m.id);
    if (!tags)
        return tags.error();
    detail.tags = tags.value();

    // The size the listing shows, computed the same way.
    QList<TagRow> rows(1);
    rows[0].digest = m.digest;
    rows[0].mediaType = m.mediaType;
    rows[0].artifactType = m.artifactType;
    rows[0].kind = detail.kind;
    rows[0].manifestSize = m.size;
    auto completed = complete(repository, repoId.value(), rows, {m.id});
    if (!completed)
        return completed.error();
    detail.imageSize = rows[0].imageSize;

    for (const Descriptor& entry : manifest.manifests) {
        PlatformEntry platform;
        platform.digest = entry.digest;
        platform.mediaType = entry.mediaType;
        platform.size = entry.size;
        if (entry.platform) {
            platform.os = entry.platform->os;
            platform.architecture = entry.platform->architecture;
            platform.variant = entry.platform->variant;
            platform.osVersion = entry.platform->osVersion;
        }
        detail.platforms.append(platform);
    }
    if (manifest.config) {
        detail.config = layerOf(*manifest.config);
        const QString type = manifest.config->mediaType;
        const bool json = type.endsWith(QStringLiteral("json")) || type.isEmpty();
        if (json && manifest.config->size <= imagecatalog::MaxConfigRead) {
            auto blob = m_registry.openBlob(repository, manifest.config->digest);
            if (blob) {
                const QByteArray bytes = blob.value()->read(imagecatalog::MaxConfigRead);
                QJsonParseError error;
                const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
                if (error.error == QJsonParseError::NoError) {
                    detail.configBytes = bytes;
                    if (detail.kind == ImageSummary::Kind::Image && doc.isObject())
                        detail.imageConfig = imageConfigInfo(doc.object());
                    else if (detail.kind == ImageSummary::Kind::Helm && doc.isObject())
                        detail.helmChart = helmChartInfo(doc.object());
                }
            }
        }
    }
    for (const Descriptor& layer : manifest.layers)
        detail.layers.append(layerOf(layer));
    auto referrers = m_registry.referrers(repository, digest, QString());
    if (!referrers)
        return referrers.error();
    detail.referrers = referrers.value();
    return detail;
}

} // namespace berth
