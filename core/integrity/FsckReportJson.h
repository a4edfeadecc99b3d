#pragma once

#include "integrity/FsckTypes.h"

#include <QJsonObject>

namespace berth {

/// The JSON form of an fsck report: what the API answers, berthctl prints and the maintenance history
/// keeps. {"startedAt", "finishedAt", "repair", "removeUnreferenced", "gracePeriodSeconds",
/// "manifestsChecked", "blobsChecked", "uploadsChecked", "reclaimableBytes", "problems" (remaining),
/// "repaired", "counts": {kind: n}, "findings": [{"kind", "object", "detail", "repairable", "repaired"}],
/// "truncated"}.
class FsckReportJson
{
public:
    /// At most this many findings are listed; the counts cover all.
    static constexpr int FindingCap = 1000;

    static QJsonObject toJson(const FsckReport& report);
    /// The stable name of a kind in JSON ("missingBlob", ...).
    static QString kindName(FsckFindingKind kind);
    static const QList<FsckFindingKind>& allKinds();
};

} // namespace berth
