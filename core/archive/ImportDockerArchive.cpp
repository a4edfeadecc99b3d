#include "archive/ImportDockerArchive.h"

#include "archive/ArchiveReader.h"
#include "archive/ArchiveScan.h"
#include "archive/ImportImageName.h"
#include "archive/ImportManifestWriter.h"
#include "jobs/JobContext.h"
#include "oci/MediaTypes.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

namespace {

QString layerMediaType(const QByteArray& head)
{
    if (head.startsWith("\x1f\x8b"))
        return MediaTypes::OciLayerTarGzip;
    if (head.startsWith("\x28\xb5\x2f\xfd"))
        return MediaTypes::OciLayerTarZstd;
    return MediaTypes::OciLayerTar;
}

} // namespace

Result<QList<ImportDockerArchive::Image>> ImportDockerArchive::images(ImportSession& session,
                                                                      const ArchiveScan& scan)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(scan.manifestJson, &parseError);
    if (!doc.isArray())
        return session.invalid(
            QCoreApplication::translate("ImageImporter", "its manifest.json is not a JSON list (%1)")
                .arg(parseError.errorString()));
    QList<Image> out;
    const auto resolve = [&](const QJsonValue& value) -> Result<QString> {
        const QString named = value.toString();
        const auto normalized = ArchiveReader::normalizePath(named);
        const QString path = normalized ? scan.resolve(*normalized) : QString();
        if (path.isEmpty()) {
            return session.invalid(
                QCoreApplication::translate(
                    "ImageImporter", "its manifest.json names \"%1\", which the archive does not contain")
                    .arg(named.left(300)));
        }
        return path;
    };
    for (const QJsonValue& value : doc.array()) {
        const QJsonObject entry = value.toObject();
        Image image;
        auto config = resolve(entry.value(QLatin1String("Config")));
        if (!config)
            return config.error();
        image.config = config.value();
        for (const QJsonValue& layer : entry.value(QLatin1String("Layers")).toArray()) {
            auto path = resolve(layer);
            if (!path)
                return path.error();
            image.layers << path.value();
        }
        QStringList references;
        for (const QJsonValue& tag : entry.value(QLatin1String("RepoTags")).toArray())
            references << tag.toString();
        if (references.isEmpty())
            references << QString();
        for (const QString& reference : std::as_const(references)) {
            const ImportImageName name = ImportImageName::fromReference(reference);
            auto repository = session.repositoryFor(name.repository);
            if (!repository)
                return repository.error();
            auto tag = session.tagFor(name.tag);
            if (!tag)
                return tag.error();
            const auto pair = std::make_pair(repository.value(), tag.value());
            if (!image.names.contains(pair))
                image.names << pair;
        }
        out << image;
    }
    if (out.isEmpty())
        return session.invalid(
            QCoreApplication::translate("ImageImporter", "its manifest.json lists no images"));
    return out;
}

Result<void> ImportDockerArchive::importArchive(ImportSession& session, const ArchiveScan& scan)
{
    auto found = images(session, scan);
    if (!found)
        return found.error();
    const QList<Image>& list = found.value();
    const QString primary = list.first().names.first().first;
    QSet<QString> wanted;
    for (const Image& image : list) {
        wanted.insert(image.config);
        for (const QString& layer : image.layers)
            wanted.insert(layer);
        for (const auto& name : image.names) {
            auto ensured = session.transaction().ensureRepository(name.first, session.target().compartment);
            if (!ensured)
                return ensured;
        }
    }

    QHash<QString, ImportStoredBlob> stored;
    auto walked =
        session.forEachArchiveEntry([&](const ArchiveEntry& entry, const ImportSession::ReadFunction& read,
                                        const ImportSession::ChunkFunction& progress) -> Result<void> {
            if (entry.kind != ArchiveEntry::Kind::File || !wanted.contains(entry.path))
                return {};
            session.setStatus(QCoreApplication::translate("ImageImporter", "Writing file %1 of %2")
                                  .arg(stored.size() + 1)
                                  .arg(wanted.size()));
            auto blob = session.storeHashedBlob(primary, read, progress);
            if (!blob)
                return blob.error();
            stored.insert(entry.path, blob.value());
            progress();
            return {};
        });
    if (!walked)
        return walked;
    for (const QString& path : std::as_const(wanted)) {
        if (!stored.contains(path))
            return session.invalid(
                QCoreApplication::translate("ImageImporter", "its file \"%1\" could not be read").arg(path));
    }

    QList<ImportManifestPut> puts;
    QSet<Digest> primaryNeeds;
    for (const Image& image : list) {
        const ImportStoredBlob& configBlob = stored.value(image.config);
        const Descriptor config{MediaTypes::OciImageConfig, configBlob.digest, configBlob.size, {}, {}, {}};
        QList<Descriptor> layers;
        for (const QString& path : image.layers) {
            const ImportStoredBlob& blob = stored.value(path);
            layers << Descriptor{layerMediaType(blob.head), blob.digest, blob.size, {}, {}, {}};
        }
        const QByteArray bytes = ImportManifestWriter::imageManifest(config, layers);
        const Digest digest = Digest::compute(bytes);
        for (const auto& [repository, tag] : image.names) {
            if (repository == primary) {
                primaryNeeds.insert(config.digest);
                for (const Descriptor& layer : std::as_const(layers))
                    primaryNeeds.insert(layer.digest);
            } else {
                for (const Descriptor& blob : QList<Descriptor>{config} + layers) {
                    if (auto linked = session.transaction().link(repository, blob.digest, primary); !linked)
                        return linked;
                }
            }
            puts << ImportManifestPut{repository, tag, digest, bytes, MediaTypes::OciImageManifest, true};
        }
    }
    if (auto done = session.storeManifests(puts); !done)
        return done;
    // Blobs that went through the first repository only on their way to another one.
    for (const ImportStoredBlob& blob : std::as_const(stored)) {
        if (!primaryNeeds.contains(blob.digest))
            session.transaction().dropIfLinkedHere(primary, blob.digest);
    }
    return {};
}

} // namespace berth
