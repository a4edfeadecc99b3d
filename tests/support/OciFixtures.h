#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace berth {

// OCI content built in memory for tests: deterministic blobs, descriptors, image manifests and
// indexes serialised compactly. Digests are computed over the exact bytes returned.
class OciFixtures
{
public:
    static constexpr const char* kManifestType = "application/vnd.oci.image.manifest.v1+json";
    static constexpr const char* kIndexType = "application/vnd.oci.image.index.v1+json";
    static constexpr const char* kConfigType = "application/vnd.oci.image.config.v1+json";
    static constexpr const char* kLayerType = "application/vnd.oci.image.layer.v1.tar+gzip";
    static constexpr const char* kEmptyJsonType = "application/vnd.oci.empty.v1+json";

    struct ManifestOptions
    {
        QString configMediaType = QString::fromLatin1(kConfigType);
        QString artifactType;               // omitted when empty
        QJsonObject subject;                // omitted when empty
        QMap<QString, QString> annotations; // omitted when empty
    };

    static QString digestOf(const QByteArray& data);
    // size bytes from a generator seeded with seed: the same seed always gives the same bytes.
    static QByteArray randomBytes(int size, quint32 seed);
    // A small, valid image config (JSON) that differs per seed.
    static QByteArray config(quint32 seed);
    // "{}", the empty JSON blob of OCI artifacts.
    static QByteArray emptyJson() { return QByteArrayLiteral("{}"); }

    static QJsonObject descriptor(const QString& mediaType, const QByteArray& content,
                                  const QMap<QString, QString>& annotations = {});
    static QJsonObject descriptorOf(const QString& mediaType, const QString& digest, qint64 size);

    static QByteArray imageManifest(const QByteArray& config, const QList<QByteArray>& layers);
    static QByteArray imageManifest(const QByteArray& config, const QList<QByteArray>& layers,
                                    const ManifestOptions& options);
    static QByteArray imageIndex(const QList<QJsonObject>& manifests);
    static QByteArray imageIndex(const QList<QJsonObject>& manifests, const ManifestOptions& options);
    static QByteArray compact(const QJsonObject& object);
    // prefix + "-" + 8 random lowercase hex digits: a repository name no earlier run used.
    static QString uniqueRepository(const QString& prefix);
};

} // namespace berth
