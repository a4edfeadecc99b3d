#pragma once

#include "archive/ImageExporter.h"

#include <QCoreApplication>
#include <QString>

namespace berth {

class JobContext;
class JobRunner;
class RegistryService;

/// Image > "Pull into Docker/Podman…" as a job: exports the image as a docker-archive into a temporary
/// directory (with the exporter's progress), runs `podman load -i FILE` or `docker load -i FILE`
/// (podman when both are on PATH), and removes the temporary file. A missing engine or a failed load
/// fails the job with a message saying so, the command's output included.
class PullIntoEngineJob
{
    Q_DECLARE_TR_FUNCTIONS(PullIntoEngineJob)

public:
    struct Engine
    {
        QString name;    ///< "podman", "docker"
        QString program; ///< its full path
    };

    /// The engine on PATH: podman first, then docker; empty name when neither is there.
    static Engine findEngine();
    /// Submits the job; returns its id.
    static quint64 submit(JobRunner& runner, RegistryService& registry, const ExportItem& item);
    /// The job's work (runs on the runner's thread).
    static Result<QString> run(RegistryService& registry, const ExportItem& item, JobContext& context);
};

} // namespace berth
