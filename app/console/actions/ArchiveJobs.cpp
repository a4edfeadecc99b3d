#include "actions/ArchiveJobs.h"

#include "archive/ImageImporter.h"
#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"
#include "oci/Reference.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace berth {

namespace {

QString exportSummary(const ExportReport& report, const QString& path)
{
    return ArchiveJobs::tr("Exported %n image(s) (%1) to %2", nullptr, report.images)
        .arg(QLocale().formattedDataSize(report.bytes), QDir::toNativeSeparators(path));
}

} // namespace

quint64 ArchiveJobs::submitImport(JobRunner& runner, RegistryService& registry, const QString& path,
                                  const CompartmentPath& compartment, const QString& repository)
{
    const QString name = QFileInfo(path).fileName();
    const QString title = repository.isEmpty() ? tr("Import %1 into %2").arg(name, compartment.describe())
                                               : tr("Import %1 into %2").arg(name, repository);
    ImportTarget target;
    target.repository = repository;
    target.compartment = compartment;
    return runner.submit(
        JobKind::Import, title, [&registry, path, target](JobContext& context) -> Result<QString> {
            ImageImporter importer(registry);
            const Result<ImportReport> report = importer.importPath(path, target, context);
            if (!report)
                return report.error();
            QStringList references;
            for (const ImportedImage& image : report->images)
                references << Reference::qualified(image.repository, image.tag, image.digest);
            return tr("Imported %n image(s) (%1): %2", nullptr, int(report->images.size()))
                .arg(ImageImporter::formatName(report->format), references.join(QStringLiteral(", ")));
        });
}

quint64 ArchiveJobs::submitImageExport(JobRunner& runner, RegistryService& registry, const ExportItem& item,
                                       ExportFormat format, const QString& path)
{
    const QString reference = Reference::qualified(item.repository, item.tag, item.digest);
    const QString title = tr("Export %1 to %2").arg(reference, QFileInfo(path).fileName());
    return runner.submit(
        JobKind::Export, title, [&registry, item, format, path](JobContext& context) -> Result<QString> {
            ImageExporter exporter(registry);
            const Result<ExportReport> report = exporter.exportImages({item}, format, path, context);
            if (!report)
                return report.error();
            return exportSummary(report.value(), path);
        });
}

quint64 ArchiveJobs::submitRepositoryExport(JobRunner& runner, RegistryService& registry,
                                            const QString& repository, ExportFormat format,
                                            const QString& path)
{
    const QString title = tr("Export %1 to %2").arg(repository, QFileInfo(path).fileName());
    return runner.submit(JobKind::Export, title,
                         [&registry, repository, format, path](JobContext& context) -> Result<QString> {
                             ImageExporter exporter(registry);
                             const Result<ExportReport> report =
                                 exporter.exportRepository(repository, format, path, context);
                             if (!report)
                                 return report.error();
                             return exportSummary(report.value(), path);
                         });
}

} // namespace berth
