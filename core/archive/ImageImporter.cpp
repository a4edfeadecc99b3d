#include "archive/ImageImporter.h"

#include "archive/ArchiveScan.h"
#include "archive/ImportDockerArchive.h"
#include "archive/ImportHelmChart.h"
#include "archive/ImportOciLayout.h"
#include "archive/ImportSession.h"
#include "jobs/JobContext.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace berth {

namespace {

Result<void> checkReadable(const QFileInfo& info)
{
    if (!info.exists())
        return Error(ErrorCode::ArchiveInvalid,
                     QCoreApplication::translate("ImageImporter", "%1 does not exist").arg(info.filePath()));
    if (!info.isReadable())
        return Error(ErrorCode::ArchiveInvalid,
                     QCoreApplication::translate("ImageImporter", "%1 cannot be read: check its permissions")
                         .arg(info.filePath()));
    return {};
}

} // namespace

ImageImporter::ImageImporter(RegistryService& registry) : m_registry(registry) {}

Result<ArchiveFormat> ImageImporter::detect(const QString& path)
{
    const QFileInfo info(path);
    if (auto readable = checkReadable(info); !readable)
        return readable.error();
    if (info.isDir()) {
        if (QFileInfo(QDir(path).filePath(QStringLiteral("oci-layout"))).isFile())
            return ArchiveFormat::OciLayoutFolder;
        return Error(ErrorCode::ArchiveInvalid,
                     QCoreApplication::translate(
                         "ImageImporter",
                         "%1 is not an image archive: the folder has no oci-layout file, so it is not an OCI "
                         "image layout")
                         .arg(info.fileName()));
    }
    auto scan = ArchiveScan::scan(path, true, nullptr);
    if (!scan)
        return scan.error();
    return scan->format;
}

QString ImageImporter::formatName(ArchiveFormat format)
{
    switch (format) {
    case ArchiveFormat::DockerArchive:
        return QCoreApplication::translate("ImageImporter", "Docker archive");
    case ArchiveFormat::OciArchive:
        return QCoreApplication::translate("ImageImporter", "OCI archive");
    case ArchiveFormat::OciLayoutFolder:
        return QCoreApplication::translate("ImageImporter", "OCI layout folder");
    case ArchiveFormat::HelmChart:
        return QCoreApplication::translate("ImageImporter", "Helm chart");
    }
    return QString();
}

Result<ImportReport> ImageImporter::importPath(const QString& path, const ImportTarget& target,
                                               JobContext& context)
{
    // A folder is classified here; a file by the full scan below (detect() would read it once more).
    const bool isFolder = QFileInfo(path).isDir();
    if (isFolder) {
        if (auto format = detect(path); !format)
            return format.error();
    } else if (auto readable = checkReadable(QFileInfo(path)); !readable) {
        return readable.error();
    }
    ImportSession session(m_registry, target, context, path);
    session.report().format = ArchiveFormat::OciLayoutFolder;
    if (context.isCancelled())
        return session.cancelled();

    Result<void> imported;
    if (isFolder) {
        context.setStatus(QCoreApplication::translate("ImageImporter", "Reading the OCI layout %1")
                              .arg(session.fileName()));
        imported = ImportOciLayout::importFolder(session);
    } else {
        context.setStatus(QCoreApplication::translate("ImageImporter", "Reading the contents of %1")
                              .arg(session.fileName()));
        auto scan = ArchiveScan::scan(path, false, &context);
        if (!scan)
            return scan.error();
        session.report().format = scan->format;
        context.setStatus(QCoreApplication::translate("ImageImporter", "Importing %1 (%2)")
                              .arg(session.fileName(), formatName(scan->format)));
        switch (scan->format) {
        case ArchiveFormat::HelmChart:
            imported = ImportHelmChart::importArchive(session, scan.value());
            break;
        case ArchiveFormat::DockerArchive:
            // Docker 25+ writes an OCI layout next to manifest.json: its manifests keep their digests.
            if (scan->hasIndexJson)
                imported = ImportOciLayout::importArchive(session, scan.value());
            else
                imported = ImportDockerArchive::importArchive(session, scan.value());
            break;
        default:
            imported = ImportOciLayout::importArchive(session, scan.value());
            break;
        }
    }
    if (!imported)
        return imported.error(); // the session's transaction rolls back as it goes
    context.setStatus(QCoreApplication::translate("ImageImporter", "Imported %n image(s)", nullptr,
                                                  session.report().images.size()));
    return session.report();
}

} // namespace berth
