#include "integrity/FsckReportJson.h"

#include <QJsonArray>
#include <algorithm>

namespace berth {

namespace {

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

} // namespace

int FsckReport::count(FsckFindingKind kind) const
{
    return int(std::count_if(findings.begin(), findings.end(),
                             [kind](const FsckFinding& f) { return f.kind == kind; }));
}

int FsckReport::problemsRemaining() const
{
    return int(std::count_if(findings.begin(), findings.end(),
                             [](const FsckFinding& f) { return f.isProblem() && !f.repaired; }));
}

int FsckReport::repairedCount() const
{
    return int(
        std::count_if(findings.begin(), findings.end(), [](const FsckFinding& f) { return f.repaired; }));
}

QList<FsckFinding> FsckReport::ofKind(FsckFindingKind kind) const
{
    QList<FsckFinding> out;
    for (const FsckFinding& f : findings) {
        if (f.kind == kind)
            out.append(f);
    }
    return out;
}

const QList<FsckFindingKind>& FsckReportJson::allKinds()
{
    using K = FsckFindingKind;
    static const QList<K> kinds{K::DatabaseIntegrity,  K::DanglingRow,       K::MissingBlob,
                                K::MissingManifest,    K::CorruptManifest,   K::UnparsableManifest,
                                K::ManifestReferences, K::UploadWithoutData, K::UploadDataWithoutRow,
                                K::StrayTemporaryFile, K::ReclaimableBlob};
    return kinds;
}

QString FsckReportJson::kindName(FsckFindingKind kind)
{
    switch (kind) {
    case FsckFindingKind::DatabaseIntegrity:
        return QStringLiteral("databaseIntegrity");
    case FsckFindingKind::DanglingRow:
        return QStringLiteral("danglingRow");
    case FsckFindingKind::MissingBlob:
        return QStringLiteral("missingBlob");
    case FsckFindingKind::MissingManifest:
        return QStringLiteral("missingManifest");
    case FsckFindingKind::CorruptManifest:
        return QStringLiteral("corruptManifest");
    case FsckFindingKind::UnparsableManifest:
        return QStringLiteral("unparsableManifest");
    case FsckFindingKind::ManifestReferences:
        return QStringLiteral("manifestReferences");
    case FsckFindingKind::UploadWithoutData:
        return QStringLiteral("uploadWithoutData");
    case FsckFindingKind::UploadDataWithoutRow:
        return QStringLiteral("uploadDataWithoutRow");
    case FsckFindingKind::StrayTemporaryFile:
        return QStringLiteral("strayTemporaryFile");
    case FsckFindingKind::ReclaimableBlob:
        return QStringLiteral("reclaimableBlob");
    }
    return QStringLiteral("unknown");
}

QJsonObject FsckReportJson::toJson(const FsckReport& report)
{
    QJsonObject counts;
    for (FsckFindingKind kind : allKinds())
        counts.insert(kindName(kind), report.count(kind));
    QJsonArray findings;
    for (qsizetype i = 0; i < report.findings.size() && i < FindingCap; ++i) {
        const FsckFinding& f = report.findings[i];
        findings.append(QJsonObject{{QStringLiteral("kind"), kindName(f.kind)},
                                    {QStringLiteral("object"), f.object},
                                    {QStringLiteral("detail"), f.detail},
                                    {QStringLiteral("problem"), f.isProblem()},
                                    {QStringLiteral("repairable"), f.repairable},
                                    {QStringLiteral("repaired"), f.repaired}});
    }
    return QJsonObject{{QStringLiteral("startedAt"), timeOrNull(report.startedAt)},
                       {QStringLiteral("finishedAt"), timeOrNull(report.finishedAt)},
                       {QStringLiteral("repair"), report.options.repair},
                       {QStringLiteral("removeUnreferenced"), report.options.removeUnreferenced},
                       {QStringLiteral("gracePeriodSeconds"), report.options.gracePeriodSeconds},
                       {QStringLiteral("manifestsChecked"), report.manifestsChecked},
                       {QStringLiteral("blobsChecked"), report.blobsChecked},
                       {QStringLiteral("uploadsChecked"), report.uploadsChecked},
                       {QStringLiteral("reclaimableBytes"), report.reclaimableBytes},
                       {QStringLiteral("problems"), report.problemsRemaining()},
                       {QStringLiteral("repaired"), report.repairedCount()},
                       {QStringLiteral("counts"), counts},
                       {QStringLiteral("findings"), findings},
                       {QStringLiteral("truncated"), report.findings.size() > FindingCap}};
}

} // namespace berth
