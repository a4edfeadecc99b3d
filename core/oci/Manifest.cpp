#include "oci/Manifest.h"

namespace berth {

QList<Descriptor> Manifest::referencedBlobs() const
{
    QList<Descriptor> blobs;
    if (kind != ManifestKind::Image)
        return blobs;
    blobs.reserve(layers.size() + 1);
    if (config)
        blobs.append(*config);
    blobs.append(layers);
    return blobs;
}

QString Manifest::effectiveArtifactType() const
{
    if (!artifactType.isEmpty())
        return artifactType;
    if (kind == ManifestKind::Image && config)
        return config->mediaType;
    return QString();
}

} // namespace berth
