#pragma once

#include "oci/Digest.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

class QJsonObject;

namespace berth {

class RegistryService;

/// Test helper: pushes what an OCI layout folder (oci-layout, index.json, blobs/) holds into a
/// repository through RegistryService, the way a client would: blobs by upload sessions, children
/// before their index, manifests by putManifest.
class OciLayoutPusher
{
public:
    /// How the top-level manifests of index.json are tagged.
    enum class Tagging
    {
        FromIndex, ///< by their org.opencontainers.image.ref.name annotation (untagged without one)
        Untagged,  ///< not at all: everything is pushed by digest
    };

    /// BERTH_BINARY_DIR "/test-images/<name>"; empty (and a message saying to run
    /// scripts/prepare-test-tools.sh in `error`) when it is missing, or when it is a folder without
    /// index.json.
    static QString fixture(const QString& name, QString* error = nullptr);

    /// Every image of the layout. Returns the digest of the last top-level manifest pushed.
    static Result<Digest> push(RegistryService& registry, const QString& layoutDirectory,
                               const QString& repository, Tagging tagging = Tagging::FromIndex);
    /// Every image of the layout, each top-level manifest tagged `tag`. Returns the digest of the last
    /// top-level manifest pushed.
    static Result<Digest> pushAs(RegistryService& registry, const QString& layoutDirectory,
                                 const QString& repository, const QString& tag);

    /// Uploads bytes as a blob of the repository (in two chunks).
    static Result<Digest> pushBlob(RegistryService& registry, const QString& repository,
                                   const QByteArray& bytes);
    /// Uploads a file named by its sha256 hex as a blob of the repository (in 256 KiB chunks).
    static Result<Digest> pushBlobFile(RegistryService& registry, const QString& repository,
                                       const QString& path);

    /// The path of blob `digest` in the layout.
    static QString layoutBlobPath(const QString& layoutDirectory, const Digest& digest);
    /// The bytes of blob `digest` in the layout; empty when it cannot be read.
    static QByteArray layoutBlob(const QString& layoutDirectory, const Digest& digest);

private:
    static Result<Digest> pushIndex(RegistryService& registry, const QString& layoutDirectory,
                                    const QString& repository, Tagging tagging, const QString& tag);
    static Result<void> pushManifest(RegistryService& registry, const QString& layoutDirectory,
                                     const QString& repository, const Digest& digest,
                                     const QString& mediaType, const QString& tag);
};

} // namespace berth
