#include "OciLayoutPush.h"

#include "oci/ManifestParser.h"
#include "oci/Reference.h"
#include "registry/RegistryService.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

namespace {

Result<void> pushManifest(RegistryService& registry, const QString& dir, const QString& repository,
                          const Digest& digest, const QString& mediaType, const QString& tag)
{
    const QByteArray bytes = OciLayoutPush::layoutBlob(dir, digest);
    if (bytes.isEmpty())
        return Error(ErrorCode::BlobUnknown, QStringLiteral("%1 lacks blob %2").arg(dir, digest.toString()));
    auto manifest = ManifestParser::parse(bytes, mediaType);
    if (!manifest)
        return manifest.error();
    for (const Descriptor& child : manifest->manifests) {
        auto pushed = pushManifest(registry, dir, repository, child.digest, child.mediaType, QString());
        if (!pushed)
            return pushed;
    }
    for (const Descriptor& blob : manifest->referencedBlobs()) {
        auto pushed =
            OciLayoutPush::pushBlob(registry, repository, OciLayoutPush::layoutBlob(dir, blob.digest));
        if (!pushed)
            return pushed.error();
    }
    const Reference reference = tag.isEmpty() ? Reference::fromDigest(digest) : Reference::fromTag(tag);
    auto put = registry.putManifest(repository, reference, bytes, manifest->mediaType);
    if (!put)
        return put.error();
    return {};
}

} // namespace

QString OciLayoutPush::fixture(const QString& name, QString* error)
{
    const QString path = QStringLiteral(BERTH_BINARY_DIR "/test-images/") + name;
    if (!QFile::exists(path + QStringLiteral("/index.json"))) {
        if (error)
            *error =
                QStringLiteral("Test fixture %1 is missing: run scripts/prepare-test-tools.sh").arg(path);
        return QString();
    }
    return path;
}

QByteArray OciLayoutPush::layoutBlob(const QString& layoutDirectory, const Digest& digest)
{
    QFile file(layoutDirectory + QStringLiteral("/blobs/") + digest.algorithmName() + QLatin1Char('/') +
               digest.hex());
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

Result<Digest> OciLayoutPush::pushBlob(RegistryService& registry, const QString& repository,
                                       const QByteArray& bytes)
{
    const Digest digest = Digest::compute(bytes);
    auto started = registry.startUpload(repository);
    if (!started)
        return started.error();
    auto lease = registry.acquireUpload(repository, started->id);
    if (!lease)
        return lease.error();
    const qsizetype half = bytes.size() / 2;
    if (auto w = lease.value()->write(QByteArrayView(bytes).first(half)); !w)
        return w.error();
    if (auto w = lease.value()->write(QByteArrayView(bytes).sliced(half)); !w)
        return w.error();
    auto done = registry.completeUpload(std::move(lease).value(), digest);
    if (!done)
        return done.error();
    return digest;
}

Result<void> OciLayoutPush::push(RegistryService& registry, const QString& layoutDirectory,
                                 const QString& repository, bool withTags)
{
    QFile indexFile(layoutDirectory + QStringLiteral("/index.json"));
    if (!indexFile.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, QStringLiteral("Cannot read %1").arg(indexFile.fileName()));
    const QJsonArray manifests =
        QJsonDocument::fromJson(indexFile.readAll()).object().value(QStringLiteral("manifests")).toArray();
    for (const QJsonValue& v : manifests) {
        const QJsonObject entry = v.toObject();
        auto digest = Digest::parse(entry.value(QStringLiteral("digest")).toString());
        if (!digest)
            return Error(ErrorCode::DigestInvalid, QStringLiteral("Bad digest in %1").arg(layoutDirectory));
        const QString tag = withTags ? entry.value(QStringLiteral("annotations"))
                                           .toObject()
                                           .value(QStringLiteral("org.opencontainers.image.ref.name"))
                                           .toString()
                                     : QString();
        auto pushed = pushManifest(registry, layoutDirectory, repository, *digest,
                                   entry.value(QStringLiteral("mediaType")).toString(), tag);
        if (!pushed)
            return pushed;
    }
    return {};
}

} // namespace berth
