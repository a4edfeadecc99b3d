#pragma once

#include "iam/CompartmentPath.h"
#include "oci/Digest.h"
#include "util/Result.h"

#include <QList>
#include <QString>

namespace berth {

class JobContext;
class RegistryService;

/// The kinds of file ImageImporter understands. Each may also come gzip-, bzip2-, xz- or
/// zstd-compressed as a whole (".tar.gz"); libarchive detects that from the bytes, not the name.
enum class ArchiveFormat
{
    DockerArchive,   ///< `docker save`: manifest.json (+ classic <id>/layer.tar, or Docker 25+ blobs/)
    OciArchive,      ///< a tar of an OCI image layout (oci-layout, index.json, blobs/<alg>/<hex>)
    OciLayoutFolder, ///< an OCI image layout as a directory on disk
    HelmChart,       ///< a packaged chart (`helm package`): a .tgz whose top folder holds Chart.yaml
};

/// Where imported images go.
struct ImportTarget
{
    /// Import every image into this repository (keeping the archive's tags). Empty: each image goes
    /// to the repository the archive names (RepoTags, ref.name annotations, the chart's name), with
    /// any registry host stripped.
    QString repository;
    /// Repositories the import creates are created here.
    CompartmentPath compartment;
    /// The tag when the archive names none for an image; digests only when empty.
    QString defaultTag = QStringLiteral("latest");
};

struct ImportedImage
{
    QString repository;
    QString tag; ///< empty when stored by digest only
    Digest digest;
    QString mediaType;
};

struct ImportReport
{
    ArchiveFormat format = ArchiveFormat::DockerArchive;
    QList<ImportedImage> images;
    int blobsWritten = 0; ///< blobs whose bytes were new to the registry
    int blobsReused = 0;  ///< blobs the registry already had (not written again)
    qint64 bytesWritten = 0;
    QStringList createdRepositories;
};

/// Imports image archives into the registry, streaming: each file of the archive is read once by
/// libarchive and written through RegistryService's upload path (hashed and verified on the way), so
/// nothing is extracted to disk and memory stays bounded whatever the size. Blobs already stored are
/// not written again. Manifests are stored only after every blob they need is in place, so a file
/// that is not an image, or is corrupt or truncated, is refused (ErrorCode::ArchiveInvalid with a
/// message saying what is wrong) and leaves nothing behind: no new repository, tag, manifest or blob
/// link. Cancelling (JobContext) undoes the same way and returns ErrorCode::Cancelled.
///
/// Docker archives: classic layouts get an OCI image manifest built from manifest.json (uncompressed
/// layers keep their bytes and get application/vnd.oci.image.layer.v1.tar, gzip-compressed ones
/// ...tar+gzip); Docker 25+ layouts are read as the OCI layout inside them. Helm charts become a
/// Helm OCI artifact exactly as `helm push` makes it (the config from Chart.yaml, the .tgz as the
/// one layer), tagged with the chart version.
///
/// Thread-safe as RegistryService is; runs on a job's thread, never the GUI thread.
class ImageImporter
{
public:
    explicit ImageImporter(RegistryService& registry);

    /// What `path` is, from its contents (ArchiveInvalid when it is none of the formats).
    static Result<ArchiveFormat> detect(const QString& path);
    static QString formatName(ArchiveFormat format); ///< translated: "Docker archive", ...

    Result<ImportReport> importPath(const QString& path, const ImportTarget& target, JobContext& context);

private:
    RegistryService& m_registry;
};

} // namespace berth
