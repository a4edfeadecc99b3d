#include "daemon/OfflineFsckCommand.h"

#include "daemon/DaemonOptions.h"
#include "integrity/FsckChecker.h"
#include "integrity/FsckReportJson.h"
#include "registry/RegistryService.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <cstdio>

namespace berth {

namespace {

void printOut(const QString& text)
{
    std::fprintf(stdout, "%s\n", qUtf8Printable(text));
}

void printError(const QString& text)
{
    std::fprintf(stderr, "berthd fsck: %s\n", qUtf8Printable(text));
}

} // namespace

bool OfflineFsckCommand::matches(const QStringList& arguments)
{
    return arguments.size() > 1 && arguments.at(1) == QLatin1String("fsck");
}

int OfflineFsckCommand::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Checks a Berth data directory offline: the metadata against the blob store both ways (missing "
           "blobs, corrupt manifests, dangling rows, upload leftovers, unreferenced blobs). Stop berthd "
           "first, or run 'berthctl fsck' against the running server instead."));
    parser.addHelpOption();
    const QCommandLineOption repair(QStringLiteral("repair"), tr("Repair what can be repaired."));
    const QCommandLineOption removeUnreferenced(
        QStringLiteral("remove-unreferenced"),
        tr("With --repair: also remove blobs nothing references (older than the garbage collection grace "
           "period)."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print the report as JSON."));
    const QCommandLineOption data(
        QStringLiteral("data"),
        tr("The data directory to check (default %1).").arg(DaemonOptions::defaultDataDirectory()),
        tr("DIR"));
    parser.addOptions({repair, removeUnreferenced, json, data});
    QStringList args = arguments;
    args.removeAt(1); // "fsck"
    if (!parser.parse(args)) {
        printError(parser.errorText() + u' ' + tr("See 'berthd fsck --help'."));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s",
                     qUtf8Printable(parser.helpText().replace(QStringLiteral("[options]"),
                                                              QStringLiteral("fsck [options]"))));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(tr("Unexpected argument \"%1\". See 'berthd fsck --help'.")
                       .arg(parser.positionalArguments().first().left(60)));
        return 2;
    }
    if (parser.isSet(removeUnreferenced) && !parser.isSet(repair)) {
        printError(tr("--remove-unreferenced only applies with --repair: give both."));
        return 2;
    }
    RegistryService::Options registryOptions;
    registryOptions.dataDirectory =
        parser.isSet(data) ? parser.value(data) : DaemonOptions::defaultDataDirectory();
    if (!QFileInfo(registryOptions.dataDirectory).isDir()) {
        printError(tr("There is no data directory at %1. Give the one berthd uses with --data DIR.")
                       .arg(registryOptions.dataDirectory));
        return 2;
    }
    RegistryService registry(registryOptions);
    if (auto opened = registry.open(); !opened) {
        printError(tr("Cannot open the registry data in %1: %2")
                       .arg(registryOptions.dataDirectory, opened.error().message));
        return 2;
    }
    FsckOptions options;
    options.repair = parser.isSet(repair);
    options.removeUnreferenced = parser.isSet(removeUnreferenced);
    options.strayAgeSeconds = 0; // nothing else writes to the directory while we hold its lock
    auto report = FsckChecker(registry).run(options);
    if (!report) {
        printError(tr("The check stopped: %1").arg(report.error().message));
        return 2;
    }
    if (parser.isSet(json))
        std::fprintf(stdout, "%s",
                     QJsonDocument(FsckReportJson::toJson(report.value()))
                         .toJson(QJsonDocument::Indented)
                         .constData());
    else
        print(report.value());
    return report->problemsRemaining() > 0 ? 1 : 0;
}

void OfflineFsckCommand::print(const FsckReport& report)
{
    int shown = 0;
    for (const FsckFinding& f : report.findings) {
        if (++shown > FsckReportJson::FindingCap)
            break;
        const QString state = f.repaired ? tr("repaired") : f.isProblem() ? tr("problem") : tr("note");
        printOut(QStringLiteral("%1  %2  %3: %4")
                     .arg(state, FsckReportJson::kindName(f.kind), f.object, f.detail));
    }
    if (report.findings.size() > FsckReportJson::FindingCap)
        printOut(tr("(the first %1 of %2 findings are shown)")
                     .arg(FsckReportJson::FindingCap)
                     .arg(report.findings.size()));
    QStringList counts;
    for (FsckFindingKind kind : FsckReportJson::allKinds()) {
        if (const int n = report.count(kind))
            counts << QStringLiteral("%1 %2").arg(n).arg(FsckReportJson::kindName(kind));
    }
    printOut(tr("Checked %1 manifests, %2 blobs and %3 upload sessions.")
                 .arg(report.manifestsChecked)
                 .arg(report.blobsChecked)
                 .arg(report.uploadsChecked));
    if (!counts.isEmpty())
        printOut(tr("Findings: %1.").arg(counts.join(QStringLiteral(", "))));
    const int problems = report.problemsRemaining();
    if (problems == 0)
        printOut(report.repairedCount() > 0
                     ? tr("No problems remain; %1 repaired.").arg(report.repairedCount())
                     : tr("No problems found."));
    else if (report.options.repair)
        printOut(tr("%1 problem(s) remain that fsck cannot repair; %2 repaired.")
                     .arg(problems)
                     .arg(report.repairedCount()));
    else
        printOut(tr("%1 problem(s) found; run with --repair to repair what can be repaired.").arg(problems));
}

} // namespace berth
