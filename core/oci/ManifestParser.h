#pragma once

#include "oci/Manifest.h"
#include "util/Result.h"

#include <QByteArrayView>

namespace berth {

/// Parses and validates manifest bytes. Accepts OCI image manifests and indexes, Docker schema 2
/// manifests and manifest lists, artifacts (artifactType, subject), and documents without a
/// mediaType field (helm writes those): then the media type comes from Content-Type, else from the
/// document's shape. Rejects schema 1, a mediaType that contradicts Content-Type, bad descriptors.
class ManifestParser
{
public:
    /// Largest manifest accepted (the spec suggests registries accept at least 4 MiB).
    static constexpr qint64 MaxManifestSize = 4 * 1024 * 1024;

    /// Errors are ManifestInvalid (or TooLarge) with a message that names the offending field.
    static Result<Manifest> parse(QByteArrayView bytes, const QString& contentType = QString());
};

} // namespace berth
