#pragma once

#include <QString>

namespace berth::MediaTypes {

inline const QString OciImageManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
inline const QString OciImageIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
inline const QString OciImageConfig = QStringLiteral("application/vnd.oci.image.config.v1+json");
inline const QString OciEmpty = QStringLiteral("application/vnd.oci.empty.v1+json");
inline const QString OciLayerTar = QStringLiteral("application/vnd.oci.image.layer.v1.tar");
inline const QString OciLayerTarGzip = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
inline const QString OciLayerTarZstd = QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");
inline const QString DockerManifest = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
inline const QString DockerManifestList =
    QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
inline const QString DockerManifestV1 = QStringLiteral("application/vnd.docker.distribution.manifest.v1+json");
inline const QString DockerManifestV1Signed =
    QStringLiteral("application/vnd.docker.distribution.manifest.v1+prettyjws");
inline const QString DockerContainerConfig = QStringLiteral("application/vnd.docker.container.image.v1+json");
inline const QString DockerLayerTarGzip = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");
inline const QString HelmConfig = QStringLiteral("application/vnd.cncf.helm.config.v1+json");
inline const QString HelmChartContent = QStringLiteral("application/vnd.cncf.helm.chart.content.v1.tar+gzip");

/// The four manifest media types Berth stores (OCI/Docker, image/index).
bool isManifestType(const QString& mediaType);
/// OCI index or Docker manifest list.
bool isIndexType(const QString& mediaType);
/// Strips parameters ("; charset=utf-8") and whitespace, lowercases.
QString normalize(QStringView contentType);

} // namespace berth::MediaTypes
