#pragma once

#include "iam/CompartmentPath.h"
#include "metering/CostReport.h"
#include "metering/UsageQueries.h"

#include <QMetaType>

namespace berth {

/// Everything the usage dashboard shows, read in one go off the GUI thread by UsageDashboardLoader.
struct UsageDashboardData
{
    /// Every compartment's row id and path, the tenancy first (for the scope picker).
    QList<QPair<qint64, CompartmentPath>> compartments;
    qint64 scopeRowId = 0; ///< the charts cover this compartment and those below it; 0: the registry
    QDate from;            ///< the charts' first day
    QDate to;              ///< the charts' last day (today)
    QList<UsageQueries::StoragePoint> storage;
    QList<UsageQueries::EgressPoint> egress;
    QList<UsageQueries::RepositoryFigure> topByStoredBytes; ///< on the last day
    QList<UsageQueries::RepositoryFigure> topByEgress;      ///< over the period
    CostReport cost;                                        ///< the chosen month
};

} // namespace berth

Q_DECLARE_METATYPE(berth::UsageDashboardData)
Q_DECLARE_METATYPE(berth::PriceSheet)
