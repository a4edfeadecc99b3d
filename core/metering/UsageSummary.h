#pragma once

#include "util/Result.h"

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace berth {

class MetadataStore;

/// How usage_daily rows are added up.
enum class UsageGrouping
{
    Repository,
    Compartment,
    User,
    Day,
};

/// Pulls, pushes and bytes of one group (a repository, compartment row, user or day).
struct UsageTotals
{
    QString key;              ///< repository name, user name ('' for anonymous) or day "YYYY-MM-DD"
    qint64 compartmentId = 1; ///< by compartment: the group; otherwise unused
    qint64 pulls = 0;
    qint64 pushes = 0;
    qint64 egressBytes = 0;
    qint64 ingressBytes = 0;

    void add(const UsageTotals& other);
};

/// What to add up: days from..to (both included), optionally one repository, optionally only rows of
/// some compartments (row ids; empty: all).
struct UsageFilter
{
    QDate from;
    QDate to;
    QString repository;
    QList<qint64> compartmentIds;
    bool restrictCompartments = false; ///< true: only compartmentIds (even when empty: nothing)
};

/// Reads usage_daily (written by UsageMeter) added up per group, in group order.
class UsageSummary
{
public:
    explicit UsageSummary(MetadataStore& metadata) : m_metadata(metadata) {}

    Result<QList<UsageTotals>> totals(const UsageFilter& filter, UsageGrouping by) const;

    static QString groupingName(UsageGrouping by);
    static std::optional<UsageGrouping> groupingFromName(const QString& name);

private:
    MetadataStore& m_metadata;
};

} // namespace berth
