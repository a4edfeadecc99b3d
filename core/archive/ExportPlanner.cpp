#include "archive/ExportPlanner.h"

#include "oci/ManifestParser.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "registry/RegistryService.h"
#include "registry/RepositoryCatalog.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

namespace {

const QString RefNameAnnotation = QStringLiteral("org.opencontainers.image.ref.name");
const QString ContainerdNameAnnotation = QStringLiteral("io.containerd.image.name");

/// Indexes inside indexes deeper than this are refused (the registry never stores such chains).
constexpr int MaxDepth = 8;

bool isImageConfig(const QString& mediaType)
{
    return mediaType == MediaTypes::OciImageConfig || mediaType == MediaTypes::DockerContainerConfig;
}

} // namespace

ExportPlanner::ExportPlanner(RegistryService& registry, ExportFormat format, ExportPlatform platform)
    : m_registry(registry), m_format(format), m_platform(std::move(platform))
{}

Result<void> ExportPlanner::add(const ExportItem& item)
{
    if (item.tag.isEmpty() && !item.digest.isValid())
        return Error(ErrorCode::ManifestUnknown,
                     tr("An image of %1 to export has neither a tag nor a digest. Choose a tag or a digest.")
                         .arg(item.repository));
    const QString name = Reference::qualified(item.repository, item.tag, item.digest);
    if (m_items.contains(name))
        return {};
    const Reference reference =
        item.tag.isEmpty() ? Reference::fromDigest(item.digest) : Reference::fromTag(item.tag);
    auto fetched = fetch(item.repository, reference, name);
    if (!fetched)
        return fetched.error();
    if (m_format == ExportFormat::OciArchive) {
        if (auto added = addTree(item.repository, fetched.value(), 0); !added)
            return added;
        addIndexEntry(item, fetched->content, fetched->manifest);
    } else if (auto added = addDockerImage(item, name, std::move(fetched.value())); !added) {
        return added;
    }
    m_items.insert(name);
    ++m_plan.images;
    return {};
}

Result<ExportPlanner::Fetched> ExportPlanner::fetch(const QString& repository, const Reference& reference,
                                                    const QString& name)
{
    auto content = m_registry.getManifest(repository, reference, false);
    if (!content)
        return Error(content.error().code, tr("Could not export %1: %2").arg(name, content.error().message),
                     content.error().detail);
    auto parsed = ManifestParser::parse(content->bytes, content->mediaType);
    if (!parsed)
        return Error(ErrorCode::ManifestInvalid,
                     tr("The manifest %1 of %2 stored in the registry cannot be read: %3")
                         .arg(content->digest.toString(), name, parsed.error().message));
    return Fetched{std::move(content.value()), std::move(parsed.value())};
}

Result<void> ExportPlanner::addTree(const QString& repository, const Fetched& fetched, int depth)
{
    if (depth > MaxDepth)
        return Error(ErrorCode::ManifestInvalid,
                     tr("The index %1 in %2 nests other indexes more than %3 deep; it cannot be exported.")
                         .arg(fetched.content.digest.toString(), repository)
                         .arg(MaxDepth));
    const QString digest = fetched.content.digest.toString();
    if (m_planned.contains(digest))
        return {}; // this manifest and everything under it are planned already
    addManifestBytes(fetched.content);
    if (fetched.manifest.kind == ManifestKind::Index) {
        for (const Descriptor& child : fetched.manifest.manifests) {
            if (m_planned.contains(child.digest.toString()))
                continue;
            auto sub = fetch(repository, Reference::fromDigest(child.digest),
                             repository + QLatin1Char('@') + child.digest.toString());
            if (!sub)
                return sub.error();
            if (sub->content.bytes.size() != child.size)
                return Error(ErrorCode::ManifestInvalid,
                             tr("The index %1 in %2 gives %3 bytes for %4, but the registry holds %5.")
                                 .arg(digest, repository)
                                 .arg(child.size)
                                 .arg(child.digest.toString())
                                 .arg(sub->content.bytes.size()));
            if (auto added = addTree(repository, sub.value(), depth + 1); !added)
                return added;
        }
        return {};
    }
    for (const Descriptor& blob : fetched.manifest.referencedBlobs())
        if (auto added = addBlob(repository, blob, repository + QLatin1Char('@') + digest); !added)
            return added;
    return {};
}

Result<void> ExportPlanner::addDockerImage(const ExportItem& item, const QString& name, Fetched fetched)
{
    if (fetched.manifest.kind == ManifestKind::Index) {
        auto chosen = choosePlatform(item.repository, name, fetched.manifest);
        if (!chosen)
            return chosen.error();
        fetched = std::move(chosen.value());
    }
    const Manifest& manifest = fetched.manifest;
    if (manifest.kind != ManifestKind::Image || !manifest.config)
        return Error(ErrorCode::Unsupported,
                     tr("The entry of %1 for %2 is not an image. Export it as an OCI archive instead.")
                         .arg(name, m_platform.toString()));
    if (!isImageConfig(manifest.config->mediaType)) {
        const auto kind = ImageSummary::kindOf(manifest.mediaType, manifest.effectiveArtifactType());
        if (kind == ImageSummary::Kind::Helm)
            return Error(ErrorCode::Unsupported,
                         tr("%1 is a Helm chart, not a container image, so it cannot go "
                            "into a Docker archive. Export it as an OCI archive instead.")
                             .arg(name));
        return Error(ErrorCode::Unsupported,
                     tr("%1 is an artifact of type %2, not a container image, so it cannot go into a Docker "
                        "archive. Export it as an OCI archive instead.")
                         .arg(name, manifest.effectiveArtifactType()));
    }
    addManifestBytes(fetched.content);
    for (const Descriptor& blob : manifest.referencedBlobs())
        if (auto added = addBlob(item.repository, blob, name); !added)
            return added;
    addIndexEntry(item, fetched.content, manifest);

    const QString key = fetched.content.digest.toString();
    const QString repoTag = item.repository + QLatin1Char(':') + item.tag;
    if (auto it = m_dockerEntry.constFind(key); it != m_dockerEntry.cend()) {
        // The same image under another name: one entry with both tags, as docker save writes it.
        QJsonObject entry = m_plan.dockerImages.at(*it).toObject();
        QJsonArray tags = entry.value(QStringLiteral("RepoTags")).toArray();
        if (!item.tag.isEmpty() && !tags.contains(repoTag))
            tags.append(repoTag);
        entry.insert(QStringLiteral("RepoTags"), tags);
        m_plan.dockerImages.replace(*it, entry);
        return {};
    }
    QJsonArray layers;
    for (const Descriptor& layer : manifest.layers)
        layers.append(ExportBlob::pathOf(layer.digest));
    QJsonArray tags;
    if (!item.tag.isEmpty())
        tags.append(repoTag);
    m_dockerEntry.insert(key, int(m_plan.dockerImages.size()));
    m_plan.dockerImages.append(QJsonObject{
        {QStringLiteral("Config"), ExportBlob::pathOf(manifest.config->digest)},
        {QStringLiteral("RepoTags"), tags},
        {QStringLiteral("Layers"), layers},
    });
    return {};
}

Result<ExportPlanner::Fetched> ExportPlanner::choosePlatform(const QString& repository, const QString& name,
                                                             const Manifest& index)
{
    QStringList present;
    const Descriptor* exact = nullptr;
    const Descriptor* loose = nullptr;
    for (const Descriptor& child : index.manifests) {
        if (!child.platform || !ExportPlatform::isRunnable(*child.platform))
            continue;
        present.append(ExportPlatform::describe(*child.platform));
        if (!exact && m_platform.matchesExactly(*child.platform))
            exact = &child;
        if (!loose && m_platform.matches(*child.platform))
            loose = &child;
    }
    const Descriptor* chosen = exact ? exact : loose;
    if (!chosen) {
        if (present.isEmpty())
            return Error(
                ErrorCode::Unsupported,
                tr("%1 is a multi-platform index that names no platforms, so there is no image for %2 "
                   "to put into a Docker archive. Export it as an OCI archive instead.")
                    .arg(name, m_platform.toString()));
        present.removeDuplicates();
        return Error(ErrorCode::Unsupported,
                     tr("%1 has no image for %2. It has: %3. Choose one of those platforms, "
                        "or export an OCI archive, which keeps them all.")
                         .arg(name, m_platform.toString(), present.join(QStringLiteral(", "))),
                     QJsonArray::fromStringList(present));
    }
    auto fetched = fetch(repository, Reference::fromDigest(chosen->digest), name);
    if (!fetched)
        return fetched.error();
    if (fetched->content.bytes.size() != chosen->size)
        return Error(ErrorCode::ManifestInvalid,
                     tr("The index of %1 gives %2 bytes for its %3 image, but the registry holds %4.")
                         .arg(name)
                         .arg(chosen->size)
                         .arg(m_platform.toString())
                         .arg(fetched->content.bytes.size()));
    return fetched;
}

Result<void> ExportPlanner::addBlob(const QString& repository, const Descriptor& descriptor,
                                    const QString& name)
{
    const QString key = descriptor.digest.toString();
    if (m_planned.contains(key))
        return {};
    auto info = m_registry.statBlob(repository, descriptor.digest);
    if (!info)
        return Error(info.error().code, tr("%1 needs the blob %2, which the registry does not hold in %3: %4")
                                            .arg(name, key, repository, info.error().message));
    if (info->size != descriptor.size)
        return Error(ErrorCode::ManifestInvalid,
                     tr("The manifest of %1 gives %2 bytes for the blob %3, but the registry holds %4.")
                         .arg(name)
                         .arg(descriptor.size)
                         .arg(key)
                         .arg(info->size));
    m_plan.blobs.append(ExportBlob{descriptor.digest, info->size, repository, {}, false});
    m_planned.insert(key);
    return {};
}

void ExportPlanner::addManifestBytes(const ManifestContent& content)
{
    const QString key = content.digest.toString();
    if (m_planned.contains(key))
        return;
    m_plan.blobs.append(ExportBlob{content.digest, content.bytes.size(), {}, content.bytes, true});
    m_planned.insert(key);
}

void ExportPlanner::addIndexEntry(const ExportItem& item, const ManifestContent& content,
                                  const Manifest& manifest)
{
    QJsonObject descriptor{
        {QStringLiteral("mediaType"), content.mediaType},
        {QStringLiteral("digest"), content.digest.toString()},
        {QStringLiteral("size"), content.bytes.size()},
    };
    if (!manifest.artifactType.isEmpty())
        descriptor.insert(QStringLiteral("artifactType"), manifest.artifactType);
    if (!item.tag.isEmpty())
        descriptor.insert(
            QStringLiteral("annotations"),
            QJsonObject{{RefNameAnnotation, item.tag},
                        {ContainerdNameAnnotation, item.repository + QLatin1Char(':') + item.tag}});
    m_plan.indexManifests.append(descriptor);
}

QByteArray ExportPlanner::indexJson() const
{
    return QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                     {QStringLiteral("mediaType"), MediaTypes::OciImageIndex},
                                     {QStringLiteral("manifests"), m_plan.indexManifests}})
        .toJson(QJsonDocument::Compact);
}

QByteArray ExportPlanner::dockerManifestJson() const
{
    return QJsonDocument(m_plan.dockerImages).toJson(QJsonDocument::Compact);
}

} // namespace berth
