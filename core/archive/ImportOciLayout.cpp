#include "archive/ImportOciLayout.h"

#include "archive/ArchiveReader.h"
#include "archive/ArchiveScan.h"
#include "archive/ImportImageName.h"
#include "archive/ImportManifestGraph.h"
#include "jobs/JobContext.h"
#include "oci/ManifestParser.h"
#include "oci/MediaTypes.h"
#include "registry/RegistryService.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

namespace {

/// The digest a layout path "blobs/<alg>/<hex>" names, if it is one.
std::optional<Digest> blobDigest(const QString& path)
{
    const QStringList parts = path.split(QLatin1Char('/'));
    if (parts.size() != 3 || parts[0] != QLatin1String("blobs"))
        return std::nullopt;
    return Digest::parse(QString(parts[1] + QLatin1Char(':') + parts[2]));
}

/// Reads a file of at most `limit` bytes whole; nullopt when it does not exist.
Result<std::optional<QByteArray>> readSmallFile(ImportSession& session, const QString& path, qint64 limit)
{
    QFile file(path);
    if (!file.exists())
        return std::optional<QByteArray>();
    if (file.size() > limit)
        return session.invalid(QCoreApplication::translate("ImageImporter", "%1 is larger than 4 MiB")
                                   .arg(QFileInfo(path).fileName()));
    if (!file.open(QIODevice::ReadOnly))
        return ImportSession::readFailure(file);
    return std::optional<QByteArray>(file.readAll());
}

} // namespace

Result<QList<ImportOciLayout::Root>> ImportOciLayout::roots(ImportSession& session,
                                                            const QByteArray& indexJson)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(indexJson, &parseError);
    if (!doc.isObject())
        return session.invalid(
            QCoreApplication::translate("ImageImporter", "its index.json is not a JSON object (%1)")
                .arg(parseError.errorString()));
    const QJsonValue manifests = doc.object().value(QLatin1String("manifests"));
    if (!manifests.isArray())
        return session.invalid(
            QCoreApplication::translate("ImageImporter", "its index.json has no \"manifests\" list"));
    QList<Root> out;
    for (const QJsonValue& value : manifests.toArray()) {
        const QJsonObject entry = value.toObject();
        Descriptor d;
        d.mediaType = entry.value(QLatin1String("mediaType")).toString();
        const auto digest = Digest::parse(entry.value(QLatin1String("digest")).toString());
        if (!digest)
            return session.invalid(QCoreApplication::translate(
                "ImageImporter", "its index.json lists an entry without a valid digest"));
        d.digest = *digest;
        d.size = entry.value(QLatin1String("size")).toInteger(-1);
        if (!d.mediaType.isEmpty() && !MediaTypes::isManifestType(d.mediaType))
            continue; // not an image; nothing to store
        const QJsonObject annotations = entry.value(QLatin1String("annotations")).toObject();
        const QString containerdName =
            annotations.value(QLatin1String("io.containerd.image.name")).toString();
        const QString refName =
            annotations.value(QLatin1String("org.opencontainers.image.ref.name")).toString();
        ImportImageName name = containerdName.isEmpty() ? ImportImageName::fromRefName(refName)
                                                        : ImportImageName::fromReference(containerdName);
        if (name.tag.isEmpty() && !containerdName.isEmpty())
            name.tag = ImportImageName::fromRefName(refName).tag;
        auto repository = session.repositoryFor(name.repository);
        if (!repository)
            return repository.error();
        auto tag = session.tagFor(name.tag);
        if (!tag)
            return tag.error();
        out << Root{repository.value(), tag.value(), d};
    }
    if (out.isEmpty())
        return session.invalid(
            QCoreApplication::translate("ImageImporter", "its index.json lists no images"));
    return out;
}

Result<void> ImportOciLayout::ensureRepositories(ImportSession& session, const QList<Root>& roots)
{
    for (const Root& root : roots) {
        auto ensured = session.transaction().ensureRepository(root.repository, session.target().compartment);
        if (!ensured)
            return ensured;
    }
    return {};
}

Result<void> ImportOciLayout::importArchive(ImportSession& session, const ArchiveScan& scan)
{
    auto found = roots(session, scan.indexJson);
    if (!found)
        return found.error();
    const QList<Root>& images = found.value();
    const QString primary = images.first().repository;
    if (auto ensured = ensureRepositories(session, images); !ensured)
        return ensured;

    // Blobs, as they come.
    QHash<Digest, qint64> stored;
    int count = 0;
    auto walked =
        session.forEachArchiveEntry([&](const ArchiveEntry& entry, const ImportSession::ReadFunction& read,
                                        const ImportSession::ChunkFunction& progress) -> Result<void> {
            const auto digest =
                entry.kind == ArchiveEntry::Kind::File ? blobDigest(entry.path) : std::nullopt;
            if (!digest)
                return {};
            session.setStatus(QCoreApplication::translate("ImageImporter", "Reading blob %1").arg(++count));
            auto blob = session.storeNamedBlob(primary, *digest, entry.size, read, progress);
            if (!blob)
                return blob.error();
            stored.insert(*digest, blob->size);
            progress();
            return {};
        });
    if (!walked)
        return walked;

    // Manifests, from what is now in the registry.
    RegistryService& registry = session.registry();
    ImportManifestGraph graph(session, [&](const Digest& digest) -> Result<std::optional<QByteArray>> {
        if (!stored.contains(digest))
            return std::optional<QByteArray>();
        if (stored.value(digest) > ManifestParser::MaxManifestSize)
            return session.invalid(
                QCoreApplication::translate("ImageImporter", "manifest %1 is larger than 4 MiB")
                    .arg(digest.toString()));
        auto device = registry.openBlob(primary, digest);
        if (!device)
            return device.error();
        return std::optional<QByteArray>(device.value()->readAll());
    });
    for (const Root& root : images) {
        if (auto added = graph.addRoot(root.repository, root.tag, root.descriptor); !added)
            return added;
    }
    for (auto it = graph.blobs().cbegin(); it != graph.blobs().cend(); ++it) {
        for (auto blob = it.value().cbegin(); blob != it.value().cend(); ++blob) {
            if (!stored.contains(blob.key())) {
                return session.invalid(
                    QCoreApplication::translate(
                        "ImageImporter", "a manifest references blob %1, which the archive does not contain")
                        .arg(blob.key().toString()));
            }
            if (blob.value() != stored.value(blob.key())) {
                return session.invalid(
                    QCoreApplication::translate("ImageImporter",
                                                "blob %1 is %2 bytes, not %3 as its manifest says")
                        .arg(blob.key().toString())
                        .arg(stored.value(blob.key()))
                        .arg(blob.value()));
            }
            if (it.key() != primary) {
                if (auto linked = session.transaction().link(it.key(), blob.key(), primary); !linked)
                    return linked;
            }
        }
    }
    if (auto done = session.storeManifests(graph.puts()); !done)
        return done;
    // Blobs of the layout no stored manifest needs (left over in the layout) are not kept.
    const QHash<Digest, qint64> needed = graph.blobs().value(primary);
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        if (!needed.contains(it.key()) && !graph.isManifest(primary, it.key()))
            session.transaction().dropIfLinkedHere(primary, it.key());
    }
    return {};
}

Result<void> ImportOciLayout::importFolder(ImportSession& session)
{
    const QDir folder(session.path());
    auto index =
        readSmallFile(session, folder.filePath(QStringLiteral("index.json")), ArchiveScan::MaxMetadataSize);
    if (!index)
        return index.error();
    if (!index.value())
        return session.invalid(QCoreApplication::translate("ImageImporter", "the folder has no index.json"));
    auto found = roots(session, *index.value());
    if (!found)
        return found.error();
    const QList<Root>& images = found.value();
    const QString primary = images.first().repository;
    const auto blobPath = [&](const Digest& digest) {
        return folder.filePath(QStringLiteral("blobs/%1/%2").arg(digest.algorithmName(), digest.hex()));
    };

    // Manifests first, straight from the folder.
    ImportManifestGraph graph(session, [&](const Digest& digest) {
        return readSmallFile(session, blobPath(digest), ArchiveScan::MaxMetadataSize);
    });
    for (const Root& root : images) {
        if (auto added = graph.addRoot(root.repository, root.tag, root.descriptor); !added)
            return added;
    }
    QHash<Digest, qint64> needed;
    for (const auto& blobs : graph.blobs()) {
        for (auto it = blobs.cbegin(); it != blobs.cend(); ++it) {
            const QFileInfo file(blobPath(it.key()));
            if (!file.isFile()) {
                return session.invalid(
                    QCoreApplication::translate(
                        "ImageImporter", "a manifest references blob %1, which the folder does not contain")
                        .arg(it.key().toString()));
            }
            needed.insert(it.key(), file.size());
        }
    }
    qint64 total = 0;
    for (qint64 size : std::as_const(needed))
        total += size;

    if (auto ensured = ensureRepositories(session, images); !ensured)
        return ensured;
    qint64 done = 0;
    int count = 0;
    for (auto it = needed.cbegin(); it != needed.cend(); ++it) {
        session.setStatus(QCoreApplication::translate("ImageImporter", "Writing blob %1 of %2")
                              .arg(++count)
                              .arg(needed.size()));
        QFile file(blobPath(it.key()));
        if (!file.open(QIODevice::ReadOnly))
            return ImportSession::readFailure(file);
        const qint64 before = done;
        auto blob =
            session.storeNamedBlob(primary, it.key(), it.value(), ImportSession::fileReader(file, done),
                                   [&] { session.context().setProgress(done, total); });
        if (!blob)
            return blob.error();
        done = before + it.value();
        session.context().setProgress(done, total);
    }
    for (auto it = graph.blobs().cbegin(); it != graph.blobs().cend(); ++it) {
        if (it.key() == primary)
            continue;
        for (auto blob = it.value().cbegin(); blob != it.value().cend(); ++blob) {
            if (auto linked = session.transaction().link(it.key(), blob.key(), primary); !linked)
                return linked;
        }
    }
    return session.storeManifests(graph.puts());
}

} // namespace berth
