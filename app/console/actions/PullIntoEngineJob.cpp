#include "actions/PullIntoEngineJob.h"

#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"
#include "oci/Reference.h"

#include <QDir>
#include <QLocale>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace berth {

namespace {

constexpr int StartTimeoutMs = 30'000;
constexpr int PollMs = 200;
constexpr int MaxOutputShown = 4000;

QString shortened(const QString& output)
{
    if (output.size() <= MaxOutputShown)
        return output;
    return QStringLiteral("…") + output.right(MaxOutputShown);
}

} // namespace

PullIntoEngineJob::Engine PullIntoEngineJob::findEngine()
{
    for (const QString& name : {QStringLiteral("podman"), QStringLiteral("docker")}) {
        const QString program = QStandardPaths::findExecutable(name);
        if (!program.isEmpty())
            return Engine{name, program};
    }
    return Engine();
}

quint64 PullIntoEngineJob::submit(JobRunner& runner, RegistryService& registry, const ExportItem& item)
{
    const QString reference = Reference::qualified(item.repository, item.tag, item.digest);
    return runner.submit(JobKind::Export, tr("Pull %1 into Docker/Podman").arg(reference),
                         [&registry, item](JobContext& context) { return run(registry, item, context); });
}

Result<QString> PullIntoEngineJob::run(RegistryService& registry, const ExportItem& item, JobContext& context)
{
    const QString reference = Reference::qualified(item.repository, item.tag, item.digest);
    const Engine engine = findEngine();
    if (engine.name.isEmpty()) {
        return Error(
            ErrorCode::Unsupported,
            tr("Neither podman nor docker was found on PATH (%1). Install one of them, or use Image > "
               "Export… and load the archive yourself.")
                .arg(qEnvironmentVariable("PATH")));
    }
    QTemporaryDir directory(QDir::temp().filePath(QStringLiteral("berth-pull-XXXXXX")));
    if (!directory.isValid()) {
        return Error(ErrorCode::Internal,
                     tr("Could not create a temporary directory in %1: %2")
                         .arg(QDir::toNativeSeparators(QDir::tempPath()), directory.errorString()));
    }
    const QString archive = directory.filePath(QStringLiteral("image.tar"));
    context.setStatus(tr("Exporting %1").arg(reference));
    ImageExporter exporter(registry);
    const Result<ExportReport> report =
        exporter.exportImages({item}, ExportFormat::DockerArchive, archive, context);
    if (!report)
        return report.error();

    const QStringList arguments{QStringLiteral("load"), QStringLiteral("-i"), archive};
    const QString command = engine.name + QLatin1Char(' ') + arguments.join(QLatin1Char(' '));
    context.setStatus(tr("Loading into %1").arg(engine.name));
    context.setProgress(0, 0);
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(engine.program, arguments);
    if (!process.waitForStarted(StartTimeoutMs)) {
        return Error(ErrorCode::Internal, tr("Could not run %1: %2").arg(command, process.errorString()));
    }
    while (process.state() != QProcess::NotRunning) {
        if (process.waitForFinished(PollMs))
            break;
        if (context.isCancelled()) {
            process.kill();
            process.waitForFinished(StartTimeoutMs);
            return Error(ErrorCode::Cancelled,
                         tr("Cancelled while %1 was loading %2.").arg(engine.name, reference));
        }
    }
    const QString output = QString::fromLocal8Bit(process.readAll()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString why = process.exitStatus() != QProcess::NormalExit
                                ? tr("it crashed")
                                : tr("exit code %1").arg(process.exitCode());
        return Error(ErrorCode::Internal,
                     tr("%1 failed (%2), so %3 was not loaded. Its output: %4")
                         .arg(command, why, reference, output.isEmpty() ? tr("(none)") : shortened(output)));
    }
    return tr("Loaded %1 (%2) into %3: %4")
        .arg(reference, QLocale().formattedDataSize(report->bytes), engine.name,
             output.isEmpty() ? tr("no output") : shortened(output));
}

} // namespace berth
