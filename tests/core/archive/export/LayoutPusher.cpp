#include "LayoutPusher.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

namespace {

QString blobPath(const QString& layoutDir, const QString& digest)
{
    return layoutDir + QStringLiteral("/blobs/") +
           QString(digest).replace(QLatin1Char(':'), QLatin1Char('/'));
}

Result<QByteArray> readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, QStringLiteral("cannot read %1").arg(path));
    return f.readAll();
}

Result<Digest> finish(RegistryService& registry, std::unique_ptr<UploadLease> lease, const Digest& digest)
{
    auto done = registry.completeUpload(std::move(lease), digest);
    if (!done)
        return done.error();
    return done->digest;
}

} // namespace

Result<Digest> LayoutPusher::pushBlob(RegistryService& registry, const QString& repository,
                                      const QByteArray& bytes)
{
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
    return finish(registry, std::move(lease.value()), Digest::compute(bytes));
}

Result<Digest> LayoutPusher::pushBlobFile(RegistryService& registry, const QString& repository,
                                          const QString& path)
{
    const QString name = path.section(QLatin1Char('/'), -1);
    auto digest = Digest::parse(QStringLiteral("sha256:") + name);
    if (!digest)
        return Error(ErrorCode::Internal, QStringLiteral("%1 is not named by a sha256 digest").arg(path));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, QStringLiteral("cannot read %1").arg(path));
    auto started = registry.startUpload(repository);
    if (!started)
        return started.error();
    auto lease = registry.acquireUpload(repository, started->id);
    if (!lease)
        return lease.error();
    while (!f.atEnd()) {
        const QByteArray chunk = f.read(256 * 1024);
        if (auto w = lease.value()->write(chunk); !w)
            return w.error();
    }
    return finish(registry, std::move(lease.value()), *digest);
}

Result<void> LayoutPusher::pushManifest(RegistryService& registry, const QString& layoutDir,
                                        const QString& repository, const QJsonObject& descriptor,
                                        const QString& tag)
{
    const QString digestText = descriptor.value(QStringLiteral("digest")).toString();
    auto bytes = readFile(blobPath(layoutDir, digestText));
    if (!bytes)
        return bytes.error();
    const QJsonObject manifest = QJsonDocument::fromJson(bytes.value()).object();
    if (manifest.contains(QStringLiteral("manifests"))) {
        for (const QJsonValue& child : manifest.value(QStringLiteral("manifests")).toArray())
            if (auto r = pushManifest(registry, layoutDir, repository, child.toObject(), QString()); !r)
                return r;
    } else {
        QJsonArray blobs = manifest.value(QStringLiteral("layers")).toArray();
        blobs.prepend(manifest.value(QStringLiteral("config")));
        for (const QJsonValue& blob : blobs) {
            auto pushed =
                pushBlobFile(registry, repository,
                             blobPath(layoutDir, blob.toObject().value(QStringLiteral("digest")).toString()));
            if (!pushed)
                return pushed.error();
        }
    }
    const Reference reference =
        tag.isEmpty() ? Reference::fromDigest(*Digest::parse(digestText)) : Reference::fromTag(tag);
    auto put = registry.putManifest(repository, reference, bytes.value(),
                                    descriptor.value(QStringLiteral("mediaType")).toString());
    if (!put)
        return put.error();
    return {};
}

Result<Digest> LayoutPusher::pushLayout(RegistryService& registry, const QString& layoutDir,
                                        const QString& repository, const QString& tagOverride)
{
    auto index = readFile(layoutDir + QStringLiteral("/index.json"));
    if (!index)
        return index.error();
    Digest last;
    for (const QJsonValue& v :
         QJsonDocument::fromJson(index.value()).object().value(QStringLiteral("manifests")).toArray()) {
        const QJsonObject descriptor = v.toObject();
        const QString tag = tagOverride.isEmpty()
                                ? descriptor.value(QStringLiteral("annotations"))
                                      .toObject()
                                      .value(QStringLiteral("org.opencontainers.image.ref.name"))
                                      .toString()
                                : tagOverride;
        if (auto r = pushManifest(registry, layoutDir, repository, descriptor, tag); !r)
            return r.error();
        last = *Digest::parse(descriptor.value(QStringLiteral("digest")).toString());
    }
    return last;
}

} // namespace berth
