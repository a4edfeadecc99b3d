#pragma once

#include "archive/ImageImporter.h"
#include "util/Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace berth {

class JobContext;

/// What a first, header-only pass over a tar archive learns: the format, the small metadata files
/// (manifest.json, index.json, Chart.yaml) and which paths hold files or links. Entry data is
/// skipped (for an uncompressed tar by seeking), so the pass is cheap next to the import itself.
/// Hostile entries (absolute paths, "..") and oversized metadata files are refused here, before
/// anything is written to the registry.
struct ArchiveScan
{
    /// Largest manifest.json / index.json accepted.
    static constexpr qint64 MaxMetadataSize = 4 * 1024 * 1024;
    /// Largest Chart.yaml accepted.
    static constexpr qint64 MaxChartYamlSize = 1024 * 1024;
    /// Most entries an archive may hold.
    static constexpr int MaxEntries = 200000;

    ArchiveFormat format = ArchiveFormat::DockerArchive;
    QByteArray manifestJson; ///< Docker's manifest.json (empty when absent)
    QByteArray indexJson;    ///< the OCI layout's index.json (empty when absent)
    bool hasIndexJson = false;
    bool hasOciLayout = false;
    QString chartFolder; ///< the chart's top folder (Helm)
    QByteArray chartYaml;
    QHash<QString, qint64> files;  ///< regular files: path -> size
    QHash<QString, QString> links; ///< symbolic and hard links: path -> archive path they name

    /// Scans the archive. With `stopEarly` it returns as soon as the format is certain (detect());
    /// the metadata may then be incomplete. `context` may be null.
    static Result<ArchiveScan> scan(const QString& path, bool stopEarly, JobContext* context);

    /// The regular file `path` names, following links inside the archive; empty when there is none.
    QString resolve(const QString& path) const;
};

} // namespace berth
