#include "oci/MediaTypes.h"

namespace berth::MediaTypes {

bool isManifestType(const QString& mediaType)
{
    return mediaType == OciImageManifest || mediaType == OciImageIndex || mediaType == DockerManifest ||
           mediaType == DockerManifestList;
}

bool isIndexType(const QString& mediaType)
{
    return mediaType == OciImageIndex || mediaType == DockerManifestList;
}

QString normalize(QStringView contentType)
{
    const qsizetype semicolon = contentType.indexOf(u';');
    const QStringView type = semicolon < 0 ? contentType : contentType.left(semicolon);
    return type.trimmed().toString().toLower();
}

} // namespace berth::MediaTypes
