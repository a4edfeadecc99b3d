#include "OciLayoutPusher.h"

#include "oci/ManifestParser.h"
#include "oci/Reference.h"
#include "registry/RegistryService.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

namespace {

/// Writes the chunks `next` hands out (until it returns false) to a new upload and completes it.
template <typename NextChunk>
Result<Digest> upload(RegistryService& registry, const QString& repository, const Digest& digest,
                      NextChunk next)
{
    auto started = registry.startUpload(repository);
    if (!started)
        return started.error();
    auto lease = registry.acquireUpload(repository, started->id);
    if (!lease)
        return lease.error();
    QByteArray chunk;
    while (next(chunk))
        if (auto w = lease.value()->write(chunk); !w)
            return w.error();
    auto done = registry.completeUpload(std::move(lease).value(), digest);
    if (!done)
        return done.error();
    return done->digest;
}

Result<Digest> uploadFile(RegistryService& registry, const QString& repository, const QString& path,
                          const Digest& digest)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, QStringLiteral("Cannot read %1").arg(path));
    return upload(registry, repository, digest, [&](QByteArray& chunk) {
        if (file.atEnd())
            return false;
        chunk = file.read(256 * 1024);
        return true;
    });
}

} // namespace

QString OciLayoutPusher::fixture(const QString& name, QString* error)
{
    const QString path = QStringLiteral(BERTH_BINARY_DIR "/test-images/") + name;
    const QFileInfo info(path);
    if (!info.exists() || (info.isDir() && !QFile::exists(path + QStringLiteral("/index.json")))) {
        if (error)
            *error =
                QStringLiteral("Test fixture %1 is missing: run scripts/prepare-test-tools.sh").arg(path);
        return QString();
    }
    return path;
}

QString OciLayoutPusher::layoutBlobPath(const QString& layoutDirectory, const Digest& digest)
{
    return layoutDirectory + QStringLiteral("/blobs/") + digest.algorithmName() + QLatin1Char('/') +
           digest.hex();
}

QByteArray OciLayoutPusher::layoutBlob(const QString& layoutDirectory, const Digest& digest)
{
    QFile file(layoutBlobPath(layoutDirectory, digest));
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

Result<Digest> OciLayoutPusher::pushBlob(RegistryService& registry, const QString& repository,
                                         const QByteArray& bytes)
{
    const qsizetype half = bytes.size() / 2;
    int part = 0;
    return upload(registry, repository, Digest::compute(bytes), [&](QByteArray& chunk) {
        if (part == 2)
            return false;
        chunk = part++ == 0 ? bytes.first(half) : bytes.sliced(half);
        return true;
    });
}

Result<Digest> OciLayoutPusher::pushBlobFile(RegistryService& registry, const QString& repository,
                                             const QString& path)
{
    auto digest = Digest::parse(QStringLiteral("sha256:") + path.section(QLatin1Char('/'), -1));
    if (!digest)
        return Error(ErrorCode::Internal, QStringLiteral("%1 is not named by a sha256 digest").arg(path));
    return uploadFile(registry, repository, path, *digest);
}

Result<Digest> OciLayoutPusher::push(RegistryService& registry, const QString& layoutDirectory,
                                     const QString& repository, Tagging tagging)
{
    return pushIndex(registry, layoutDirectory, repository, tagging, QString());
}

Result<Digest> OciLayoutPusher::pushAs(RegistryService& registry, const QString& layoutDirectory,
                                       const QString& repository, const QString& tag)
{
    return pushIndex(registry, layoutDirectory, repository, Tagging::FromIndex, tag);
}

Result<Digest> OciLayoutPusher::pushIndex(RegistryService& registry, const QString& layoutDirectory,
                                          const QString& repository, Tagging tagging, const QString& tag)
{
    QFile indexFile(layoutDirectory + QStringLiteral("/index.json"));
    if (!indexFile.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, QStringLiteral("Cannot read %1").arg(indexFile.fileName()));
    const QJsonArray manifests =
        QJsonDocument::fromJson(indexFile.readAll()).object().value(QStringLiteral("manifests")).toArray();
    Digest last;
    for (const QJsonValue& v : manifests) {
        const QJsonObject entry = v.toObject();
        auto digest = Digest::parse(entry.value(QStringLiteral("digest")).toString());
        if (!digest)
            return Error(ErrorCode::DigestInvalid, QStringLiteral("Bad digest in %1").arg(layoutDirectory));
        QString entryTag = tag;
        if (entryTag.isEmpty() && tagging == Tagging::FromIndex)
            entryTag = entry.value(QStringLiteral("annotations"))
                           .toObject()
                           .value(QStringLiteral("org.opencontainers.image.ref.name"))
                           .toString();
        auto pushed = pushManifest(registry, layoutDirectory, repository, *digest,
                                   entry.value(QStringLiteral("mediaType")).toString(), entryTag);
        if (!pushed)
            return pushed.error();
        last = *digest;
    }
    return last;
}

Result<void> OciLayoutPusher::pushManifest(RegistryService& registry, const QString& layoutDirectory,
                                           const QString& repository, const Digest& digest,
                                           const QString& mediaType, const QString& tag)
{
    const QByteArray bytes = layoutBlob(layoutDirectory, digest);
    if (bytes.isEmpty())
        return Error(ErrorCode::BlobUnknown,
                     QStringLiteral("%1 lacks blob %2").arg(layoutDirectory, digest.toString()));
    auto manifest = ManifestParser::parse(bytes, mediaType);
    if (!manifest)
        return manifest.error();
    for (const Descriptor& child : manifest->manifests) {
        auto pushed =
            pushManifest(registry, layoutDirectory, repository, child.digest, child.mediaType, QString());
        if (!pushed)
            return pushed;
    }
    for (const Descriptor& blob : manifest->referencedBlobs()) {
        auto pushed =
            uploadFile(registry, repository, layoutBlobPath(layoutDirectory, blob.digest), blob.digest);
        if (!pushed)
            return pushed.error();
    }
    const Reference reference = tag.isEmpty() ? Reference::fromDigest(digest) : Reference::fromTag(tag);
    auto put = registry.putManifest(repository, reference, bytes, manifest->mediaType);
    if (!put)
        return put.error();
    return {};
}

} // namespace berth
