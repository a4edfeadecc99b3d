#pragma once

#include "archive/ImportSession.h"

#include <QByteArray>

namespace berth {

struct ArchiveScan;

/// Imports an OCI image layout (index.json, blobs/<alg>/<hex>): from a tar (oci-archive, or the
/// layout inside a Docker 25+ `docker save`) or from a folder on disk. The manifests are stored
/// with their exact bytes, so digests stay what they were.
///
/// From a tar every blob is streamed into the first repository as it comes (the registry verifies
/// each against its name; blobs the registry already has are linked, not read), and the manifests
/// are resolved at the end. From a folder the manifests are read first and only the blobs they need
/// are streamed.
class ImportOciLayout
{
public:
    static Result<void> importArchive(ImportSession& session, const ArchiveScan& scan);
    static Result<void> importFolder(ImportSession& session);

private:
    struct Root
    {
        QString repository;
        QString tag;
        Descriptor descriptor;
    };
    static Result<QList<Root>> roots(ImportSession& session, const QByteArray& indexJson);
    static Result<void> ensureRepositories(ImportSession& session, const QList<Root>& roots);
};

} // namespace berth
