#pragma once

#include "oci/Descriptor.h"

#include <QList>

namespace berth {

enum class ManifestKind { Image, Index };

/// What Berth needs to know about a manifest: the parsed view of the exact bytes a client sent.
/// The bytes themselves are stored and served unchanged; a Manifest is never serialized back.
struct Manifest
{
    ManifestKind kind = ManifestKind::Image;
    /// The declared mediaType, or the one inferred from Content-Type / the document's shape.
    QString mediaType;
    bool mediaTypeDeclared = false;
    QString artifactType;
    std::optional<Descriptor> config; ///< images only
    QList<Descriptor> layers;         ///< images only
    QList<Descriptor> manifests;      ///< indexes only
    std::optional<Descriptor> subject;
    QJsonObject annotations;

    /// Blobs this manifest needs in the repository: config and layers (empty for an index).
    QList<Descriptor> referencedBlobs() const;
    /// The artifact type the referrers API reports: artifactType, else config.mediaType (images).
    QString effectiveArtifactType() const;
};

} // namespace berth
