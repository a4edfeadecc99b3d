#pragma once

#include "registry/RegistryService.h"

#include <QByteArray>
#include <QString>

namespace berth {

/// Test helper: pushes content into a RegistryService the way a client would (blob uploads, then
/// manifests, children before their index).
class LayoutPusher
{
public:
    /// Every image of an OCI image layout folder, tagged with its org.opencontainers.image.ref.name
    /// (or `tagOverride` when given). Returns the digest of the last top-level manifest pushed.
    static Result<Digest> pushLayout(RegistryService& registry, const QString& layoutDir,
                                     const QString& repository, const QString& tagOverride = QString());
    /// One blob from memory, uploaded in two chunks.
    static Result<Digest> pushBlob(RegistryService& registry, const QString& repository,
                                   const QByteArray& bytes);
    /// One blob from a file, uploaded in 256 KiB chunks.
    static Result<Digest> pushBlobFile(RegistryService& registry, const QString& repository,
                                       const QString& path);

private:
    static Result<void> pushManifest(RegistryService& registry, const QString& layoutDir,
                                     const QString& repository, const QJsonObject& descriptor,
                                     const QString& tag);
};

} // namespace berth
