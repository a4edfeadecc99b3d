#include "GcFixture.h"

#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "storage/BlobStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth::test {

namespace {

QJsonObject descriptor(const QString& mediaType, const Blob& b)
{
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), b.digest.toString()},
                       {QStringLiteral("size"), b.bytes.size()}};
}

} // namespace

Blob blob(const QByteArray& bytes)
{
    return Blob{bytes, Digest::compute(bytes)};
}

Blob imageManifest(const Blob& config, const QList<Blob>& layers, const std::optional<Blob>& subject)
{
    QJsonObject o{{QStringLiteral("schemaVersion"), 2},
                  {QStringLiteral("mediaType"), MediaTypes::OciImageManifest},
                  {QStringLiteral("config"), descriptor(MediaTypes::OciImageConfig, config)}};
    QJsonArray ls;
    for (const Blob& l : layers)
        ls.append(descriptor(MediaTypes::OciLayerTarGzip, l));
    o.insert(QStringLiteral("layers"), ls);
    if (subject)
        o.insert(QStringLiteral("subject"), descriptor(MediaTypes::OciImageManifest, *subject));
    return blob(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Blob indexManifest(const QList<Blob>& children)
{
    QJsonArray ms;
    for (const Blob& c : children)
        ms.append(descriptor(MediaTypes::OciImageManifest, c));
    return blob(QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                          {QStringLiteral("mediaType"), MediaTypes::OciImageIndex},
                                          {QStringLiteral("manifests"), ms}})
                    .toJson(QJsonDocument::Compact));
}

GcFixture::GcFixture()
{
    RegistryService::Options options;
    options.dataDirectory = m_dir.path();
    options.clock = &m_clock;
    m_service = std::make_unique<RegistryService>(options);
    auto opened = m_service->open();
    if (!opened.ok())
        qFatal("open failed: %s", qPrintable(opened.error().message));
    m_gc = std::make_unique<GarbageCollector>(*m_service);
}

GcFixture::~GcFixture() = default;

bool GcFixture::pushBlob(const QString& repository, const Blob& b)
{
    auto started = m_service->startUpload(repository);
    if (!started.ok())
        return false;
    auto lease = m_service->acquireUpload(repository, started->id);
    if (!lease.ok())
        return false;
    if (!lease.value()->write(b.bytes).ok())
        return false;
    auto done = m_service->completeUpload(std::move(lease).value(), b.digest);
    if (!done.ok())
        qWarning("upload failed: %s", qPrintable(done.error().message));
    return done.ok() && done->digest == b.digest;
}

bool GcFixture::putManifest(const QString& repository, const Blob& manifest, const QString& tag,
                            const QString& mediaType)
{
    const Reference ref = tag.isEmpty() ? Reference::fromDigest(manifest.digest) : Reference::fromTag(tag);
    return m_service->putManifest(repository, ref, manifest.bytes, mediaType).ok();
}

Blob GcFixture::pushImage(const QString& repository, const Blob& config, const QList<Blob>& layers,
                          const QString& tag, const std::optional<Blob>& subject)
{
    if (!pushBlob(repository, config))
        qFatal("could not push a config");
    for (const Blob& l : layers) {
        if (!pushBlob(repository, l))
            qFatal("could not push a layer");
    }
    const Blob manifest = imageManifest(config, layers, subject);
    if (!putManifest(repository, manifest, tag, MediaTypes::OciImageManifest))
        qFatal("could not push a manifest");
    return manifest;
}

bool GcFixture::stored(const Digest& digest) const
{
    return m_service->blobStore().contains(digest);
}

qint64 GcFixture::storedSize(const Digest& digest) const
{
    return m_service->blobStore().size(digest);
}

} // namespace berth::test
