#pragma once

#include "metering/PriceSheet.h"
#include "util/Result.h"

#include <QDate>
#include <QJsonObject>
#include <QList>

namespace berth {

class MetadataStore;

/// One compartment's line of a cost report (or the total line).
struct CostLine
{
    qint64 compartmentRowId = 0; ///< 0 on the total line
    QString compartmentId;       ///< the OCID; empty for a deleted compartment and the total
    QString compartmentPath;     ///< "A:B", "" for the tenancy; see CostReport::displayPath
    bool deletedCompartment = false;

    qint64 storageByteDays = 0;     ///< sum over the counted days of the bytes stored
    double storageGbMonths = 0;     ///< storageByteDays / 10^9 / days in the month
    double freeStorageGbMonths = 0; ///< this line's share of the free storage allowance
    double billableStorageGbMonths = 0;
    double storageAmount = 0;

    qint64 egressBytes = 0;
    double egressGb = 0;
    double freeEgressGb = 0;
    double billableEgressGb = 0;
    double egressAmount = 0;

    double amount = 0; ///< storageAmount + egressAmount
};

/// What a UTC calendar month costs, per compartment, under a price sheet.
///
/// Storage: each day's stored bytes per repository (UsageQueries' carry-forward rule: days the sampler
/// did not run carry the latest sampled day forward) are summed per compartment the repository was in that
/// day; GB-months = byte-days / 10^9 / days in the month. A full month averages its days; the current
/// month counts the days up to and including today, still divided by the days of the whole month, so its
/// figures are what has accrued "so far" and only grow. Each repository pays for every byte it holds
/// (storedBytes), shared layers included.
///
/// Egress: the bytes sent to clients that month (usage_daily), per compartment the repository was in.
///
/// Free allowances apply once for the registry: the free storage (and egress) is shared out across the
/// compartments in proportion to their storage (and egress), so every compartment pays the same price per
/// unit and the lines add up to the registry's bill. Amounts are kept unrounded; toJson() and the CSV
/// round money to 2 decimals and quantities to 6, and the total line is computed from unrounded figures.
class CostReport
{
public:
    QDate month;   ///< the first day of the month
    QDate through; ///< the last day counted: the month's last day, or today in the current month
    bool partial = false;
    int daysInMonth = 0;
    int daysCounted = 0;
    PriceSheet prices;
    QList<CostLine> lines; ///< compartments with any storage or egress, by path
    CostLine total;

    /// The report for the month containing `month`, as of `today` (the clock's UTC date). INVALID for a
    /// month that has not started.
    static Result<CostReport> compute(MetadataStore& metadata, const PriceSheet& prices, const QDate& month,
                                      const QDate& today);
    /// Parses "YYYY-MM" into the month's first day; INVALID with a clear message otherwise.
    static Result<QDate> parseMonth(const QString& text);

    /// "YYYY-MM".
    QString monthText() const { return month.toString(QStringLiteral("yyyy-MM")); }
    /// The path as people read it: "A:B", "(tenancy)", or "(deleted compartment 7)".
    static QString displayPath(const CostLine& line);
    static double roundMoney(double amount);
    static double roundQuantity(double quantity);

    QJsonObject toJson() const;
};

} // namespace berth
