#include "archive/ImageExporter.h"

#include "archive/ExportPlanner.h"
#include "archive/ExportWriter.h"
#include "jobs/JobContext.h"
#include "registry/RegistryService.h"
#include "registry/RepositoryCatalog.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cstdio>

namespace berth {

namespace {

bool wantsGzip(const QString& path)
{
    return path.endsWith(QLatin1String(".tar.gz"), Qt::CaseInsensitive) ||
           path.endsWith(QLatin1String(".tgz"), Qt::CaseInsensitive);
}

/// Moves the finished part file over `path` (replacing an older file of that name).
Result<void> moveIntoPlace(const QString& part, const QString& path)
{
    if (std::rename(QFile::encodeName(part).constData(), QFile::encodeName(path).constData()) == 0)
        return {};
    // Where rename does not replace (Windows), remove the old file first.
    if (QFile::exists(path))
        QFile::remove(path);
    if (QFile::rename(part, path))
        return {};
    return Error(ErrorCode::Internal,
                 QCoreApplication::translate(
                     "ImageExporter",
                     "The archive was written to %1 but could not be renamed to %2. Check that you may "
                     "replace files in that folder.")
                     .arg(part, path));
}

} // namespace

ImageExporter::ImageExporter(RegistryService& registry) : m_registry(registry) {}

Result<ExportReport> ImageExporter::exportImages(const QList<ExportItem>& items, ExportFormat format,
                                                 const QString& path, JobContext& context,
                                                 const QString& platform)
{
    if (items.isEmpty())
        return Error(ErrorCode::ManifestUnknown,
                     QCoreApplication::translate("ImageExporter",
                                                 "There is nothing to export: choose at least one image."));
    if (path.isEmpty())
        return Error(ErrorCode::Internal,
                     QCoreApplication::translate("ImageExporter", "Choose a file to export to."));
    ExportPlatform target;
    if (format == ExportFormat::DockerArchive) {
        auto parsed = ExportPlatform::parse(platform);
        if (!parsed)
            return parsed.error();
        target = parsed.value();
    }

    context.setStatus(QCoreApplication::translate("ImageExporter", "Reading the images to export"));
    ExportPlanner planner(m_registry, format, target);
    for (const ExportItem& item : items) {
        if (context.isCancelled())
            return Error(ErrorCode::Cancelled,
                         QCoreApplication::translate("ImageExporter",
                                                     "The export was cancelled; nothing was written."));
        if (auto added = planner.add(item); !added)
            return added.error();
    }

    QList<QPair<QString, QByteArray>> files{
        {QStringLiteral("oci-layout"), QByteArrayLiteral("{\"imageLayoutVersion\":\"1.0.0\"}")},
        {QStringLiteral("index.json"), planner.indexJson()},
    };
    if (format == ExportFormat::DockerArchive)
        files.append({QStringLiteral("manifest.json"), planner.dockerManifestJson()});

    const QString part = path + QStringLiteral(".part");
    QFile::remove(part); // left over from a run that crashed
    auto written =
        ExportWriter(m_registry, context)
            .write(part,
                   wantsGzip(path) ? ArchiveWriter::Compression::Gzip : ArchiveWriter::Compression::None,
                   files, planner.plan());
    if (!written) {
        QFile::remove(part);
        if (written.error().code == ErrorCode::Cancelled)
            return Error(
                ErrorCode::Cancelled,
                QCoreApplication::translate("ImageExporter", "The export was cancelled; %1 was not written.")
                    .arg(QFileInfo(path).fileName()));
        return written.error();
    }
    if (auto moved = moveIntoPlace(part, path); !moved) {
        QFile::remove(part);
        return moved.error();
    }

    ExportReport report;
    report.images = planner.plan().images;
    report.blobs = int(planner.plan().blobs.size());
    report.bytes = written.value();
    context.setProgress(report.bytes, report.bytes);
    return report;
}

Result<ExportReport> ImageExporter::exportRepository(const QString& repository, ExportFormat format,
                                                     const QString& path, JobContext& context,
                                                     const QString& platform)
{
    auto images = RepositoryCatalog(m_registry.metadata()).images(repository);
    if (!images)
        return images.error();
    QList<ExportItem> items;
    for (const ImageSummary& image : images.value())
        for (const QString& tag : image.tags)
            items.append(ExportItem{repository, tag, image.digest});
    if (items.isEmpty())
        return Error(ErrorCode::ManifestUnknown,
                     QCoreApplication::translate(
                         "ImageExporter",
                         "%1 has no tagged images to export. Tag an image first, or export it by digest.")
                         .arg(repository));
    // Tag order: the same repository always gives the same archive.
    std::sort(items.begin(), items.end(),
              [](const ExportItem& a, const ExportItem& b) { return a.tag < b.tag; });
    return exportImages(items, format, path, context, platform);
}

} // namespace berth
