#pragma once

#include "oci/Digest.h"
#include "util/Result.h"

#include <QList>
#include <QString>

namespace berth {

class JobContext;
class RegistryService;

/// The archive formats ImageExporter writes (plain tar; ".tar.gz" names get gzip).
enum class ExportFormat
{
    DockerArchive, ///< loads with `docker load`, `podman load`, skopeo docker-archive:
    OciArchive,    ///< an OCI image layout in a tar: skopeo/podman oci-archive:, and re-importable
};

/// One image to export: a tag or a digest of a repository.
struct ExportItem
{
    QString repository;
    QString tag;   ///< empty: by digest
    Digest digest; ///< used when tag is empty
};

struct ExportReport
{
    int images = 0;
    int blobs = 0;
    qint64 bytes = 0; ///< written to the archive (before compression)
};

/// Writes images from the registry into an archive, streaming each blob from the blob store into
/// libarchive (never whole in memory). The archive is written to "<path>.part" and renamed into place
/// only when complete; cancelling (ErrorCode::Cancelled) or any error removes the part file.
///
/// OCI archives hold every item as stored (indexes with all their children), with
/// org.opencontainers.image.ref.name annotations for tags. Docker archives hold single-platform images
/// (manifest.json with RepoTags, and the OCI layout alongside as Docker 25+ writes it); for a
/// multi-arch index the entry for `platform` ("linux/amd64" by default) is chosen, and an index
/// without it is refused with a message listing the platforms it has.
class ImageExporter
{
public:
    explicit ImageExporter(RegistryService& registry);

    Result<ExportReport> exportImages(const QList<ExportItem>& items, ExportFormat format, const QString& path,
                                      JobContext& context,
                                      const QString& platform = QStringLiteral("linux/amd64"));
    /// Every tagged image of the repository (untagged manifests are left out).
    Result<ExportReport> exportRepository(const QString& repository, ExportFormat format, const QString& path,
                                          JobContext& context,
                                          const QString& platform = QStringLiteral("linux/amd64"));

private:
    RegistryService& m_registry;
};

} // namespace berth
