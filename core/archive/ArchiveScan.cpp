#include "archive/ArchiveScan.h"

#include "archive/ArchiveReader.h"
#include "jobs/JobContext.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace berth {

namespace {

Error cancelled()
{
    return Error(
        ErrorCode::Cancelled,
        QCoreApplication::translate("ImageImporter", "The import was cancelled; nothing was imported"));
}

/// Reads the whole current entry (already checked to be small).
Result<QByteArray> readSmall(ArchiveReader& reader, qint64 size)
{
    QByteArray bytes;
    bytes.reserve(static_cast<int>(size));
    char buffer[64 * 1024];
    for (;;) {
        auto n = reader.read(buffer, sizeof buffer);
        if (!n)
            return n.error();
        if (n.value() == 0)
            break;
        bytes.append(buffer, static_cast<int>(n.value()));
        if (bytes.size() > size)
            break;
    }
    return bytes;
}

} // namespace

Result<ArchiveScan> ArchiveScan::scan(const QString& path, bool stopEarly, JobContext* context)
{
    const QString name = QFileInfo(path).fileName();
    ArchiveReader reader;
    if (auto opened = reader.open(path); !opened)
        return opened.error();
    ArchiveScan result;
    bool sawManifest = false;
    bool sawOtherFile = false;
    int entries = 0;
    for (;;) {
        if (context && context->isCancelled())
            return cancelled();
        auto next = reader.next();
        if (!next)
            return next.error();
        if (!next.value())
            break;
        const ArchiveEntry& entry = *next.value();
        if (++entries > MaxEntries) {
            return Error(ErrorCode::ArchiveInvalid,
                         QCoreApplication::translate(
                             "ImageImporter", "%1 is not an image archive: it holds more than %2 files")
                             .arg(name)
                             .arg(MaxEntries));
        }
        if (entry.kind == ArchiveEntry::Kind::Link) {
            if (!entry.linkTarget.isEmpty())
                result.links.insert(entry.path, entry.linkTarget);
            continue;
        }
        if (entry.kind != ArchiveEntry::Kind::File)
            continue;
        result.files.insert(entry.path, entry.size);

        const bool isManifest = entry.path == QLatin1String("manifest.json");
        const bool isIndex = entry.path == QLatin1String("index.json");
        if (isManifest || isIndex) {
            if (entry.size > MaxMetadataSize) {
                return Error(
                    ErrorCode::ArchiveInvalid,
                    QCoreApplication::translate("ImageImporter", "%1 is refused: its %2 is larger than 4 MiB")
                        .arg(name, entry.path));
            }
            auto bytes = readSmall(reader, entry.size);
            if (!bytes)
                return bytes.error();
            (isManifest ? result.manifestJson : result.indexJson) = bytes.value();
            if (isIndex)
                result.hasIndexJson = true;
            sawManifest = sawManifest || isManifest;
            if (isManifest && stopEarly)
                break;
            continue;
        }
        if (entry.path == QLatin1String("oci-layout")) {
            result.hasOciLayout = true;
            continue;
        }
        const QStringList parts = entry.path.split(QLatin1Char('/'));
        if (parts.size() == 2 && parts[1] == QLatin1String("Chart.yaml") && result.chartFolder.isEmpty() &&
            !sawOtherFile) {
            if (entry.size > MaxChartYamlSize) {
                return Error(ErrorCode::ArchiveInvalid,
                             QCoreApplication::translate("ImageImporter",
                                                         "%1 is refused: its Chart.yaml is larger than 1 MiB")
                                 .arg(name));
            }
            auto bytes = readSmall(reader, entry.size);
            if (!bytes)
                return bytes.error();
            result.chartFolder = parts[0];
            result.chartYaml = bytes.value();
            if (stopEarly && !result.hasIndexJson && !result.hasOciLayout)
                break;
            continue;
        }
        sawOtherFile = true;
    }

    if (sawManifest) {
        result.format = ArchiveFormat::DockerArchive;
    } else if (result.hasIndexJson || result.hasOciLayout) {
        if (!result.hasIndexJson && !stopEarly) {
            return Error(ErrorCode::ArchiveInvalid,
                         QCoreApplication::translate(
                             "ImageImporter", "%1 is not an image archive: its OCI layout has no index.json")
                             .arg(name));
        }
        result.format = ArchiveFormat::OciArchive;
    } else if (!result.chartFolder.isEmpty()) {
        result.format = ArchiveFormat::HelmChart;
    } else {
        return Error(ErrorCode::ArchiveInvalid,
                     QCoreApplication::translate(
                         "ImageImporter",
                         "%1 is not an image archive: it has no manifest.json, index.json or Chart.yaml")
                         .arg(name));
    }
    return result;
}

QString ArchiveScan::resolve(const QString& path) const
{
    QString current = path;
    for (int hops = 0; hops < 16; ++hops) {
        if (files.contains(current))
            return current;
        auto link = links.constFind(current);
        if (link == links.constEnd())
            return QString();
        current = link.value();
    }
    return QString();
}

} // namespace berth
