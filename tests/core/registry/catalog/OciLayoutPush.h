#pragma once

#include "oci/Digest.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace berth {

class RegistryService;

/// Test helper: pushes what an OCI layout folder (oci-layout, index.json, blobs/) holds into a
/// repository through RegistryService, the way a client would: blobs by upload sessions, children
/// before their index, manifests by putManifest. Tags come from org.opencontainers.image.ref.name
/// annotations of index.json (or none when `withTags` is false: everything is pushed by digest).
class OciLayoutPush
{
public:
    /// BERTH_BINARY_DIR "/test-images/<name>"; empty (and a message in `error`) when missing.
    static QString fixture(const QString& name, QString* error = nullptr);
    static Result<void> push(RegistryService& registry, const QString& layoutDirectory,
                             const QString& repository, bool withTags = true);
    /// Uploads bytes as a blob of the repository (in two chunks).
    static Result<Digest> pushBlob(RegistryService& registry, const QString& repository,
                                   const QByteArray& bytes);
    /// The bytes of blob `digest` in the layout.
    static QByteArray layoutBlob(const QString& layoutDirectory, const Digest& digest);
};

} // namespace berth
