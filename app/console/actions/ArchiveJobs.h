#pragma once

#include "archive/ImageExporter.h"
#include "iam/CompartmentPath.h"

#include <QCoreApplication>
#include <QString>

namespace berth {

class JobRunner;
class RegistryService;

/// Turns the console's import and export requests into JobRunner jobs (one per file), so the work
/// runs on the runner's threads with progress and cancel. Each job's summary says what it did.
class ArchiveJobs
{
    Q_DECLARE_TR_FUNCTIONS(ArchiveJobs)

public:
    /// Imports `path` into `repository` when set (keeping the archive's tags), else into the
    /// repositories the archive names, created in `compartment`. Returns the job id.
    static quint64 submitImport(JobRunner& runner, RegistryService& registry, const QString& path,
                                const CompartmentPath& compartment, const QString& repository);
    /// Exports one image (tag, or digest when the tag is empty).
    static quint64 submitImageExport(JobRunner& runner, RegistryService& registry, const ExportItem& item,
                                     ExportFormat format, const QString& path);
    /// Exports every tagged image of a repository.
    static quint64 submitRepositoryExport(JobRunner& runner, RegistryService& registry,
                                          const QString& repository, ExportFormat format,
                                          const QString& path);
};

} // namespace berth
