#pragma once

#include "archive/ImportSession.h"

namespace berth {

struct ArchiveScan;

/// Imports a classic `docker save` archive: manifest.json lists each image's config (<hex>.json)
/// and layers (<id>/layer.tar, or files those links name). The config and layers are streamed into
/// the registry and hashed on the way; each image gets an OCI image manifest (config
/// application/vnd.oci.image.config.v1+json; layers ...layer.v1.tar, or +gzip / +zstd when the
/// bytes are compressed) tagged with its RepoTags.
class ImportDockerArchive
{
public:
    static Result<void> importArchive(ImportSession& session, const ArchiveScan& scan);

private:
    struct Image
    {
        QString config; ///< archive path (links resolved)
        QStringList layers;
        QList<std::pair<QString, QString>> names; ///< repository, tag (empty: by digest)
    };
    static Result<QList<Image>> images(ImportSession& session, const ArchiveScan& scan);
};

} // namespace berth
