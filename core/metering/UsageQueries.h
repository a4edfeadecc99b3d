#pragma once

#include "util/Result.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QVariantList>
#include <functional>

namespace berth {

class MetadataStore;

/// The read side of metering, for the cost report, the API and the console's usage dashboard: storage over
/// time, egress per day and the top repositories, from usage_daily and storage_samples (written by
/// UsageMeter and StorageSampler; see migration 6). Days are UTC dates. Each method is a few set-based
/// queries whatever the number of repositories or days (no query per repository or per day).
///
/// Storage on a day. The sampler writes one row per repository for the days it runs. A day with at least
/// one row in storage_samples is a sampled day: it holds every repository that had data that day, so a
/// repository without a row on a sampled day held nothing (it was deleted or emptied). A day without any
/// row (the server was off) carries the latest earlier sampled day forward, repository by repository.
/// Days before the first sample hold nothing.
class UsageQueries
{
public:
    /// The longest period one call covers (ten years of days).
    static constexpr int MaxDays = 3660;

    /// Which repositories a figure covers: all (the default), those in a set of compartments (row ids;
    /// pass a compartment and the ones below it for a subtree), or one repository.
    struct Scope
    {
        QSet<qint64> compartments; ///< empty: any compartment
        QString repository;        ///< empty: any repository

        static Scope registry() { return {}; }
        static Scope inCompartments(QSet<qint64> rowIds) { return {std::move(rowIds), {}}; }
        static Scope ofRepository(QString name) { return {{}, std::move(name)}; }
        bool includes(const QString& repository, qint64 compartmentRowId) const;
    };

    /// One repository's storage on one day.
    struct StorageSample
    {
        QString repository;
        qint64 compartmentRowId = 0; ///< where the repository was when sampled
        qint64 storedBytes = 0;
        qint64 uniqueBytes = 0;
    };

    struct StoragePoint
    {
        QDate day;
        qint64 storedBytes = 0;
        qint64 uniqueBytes = 0; ///< shared bytes are storedBytes - uniqueBytes
    };

    struct EgressPoint
    {
        QDate day;
        qint64 egressBytes = 0;
        qint64 ingressBytes = 0;
        qint64 pulls = 0;
        qint64 pushes = 0;
    };

    struct RepositoryFigure
    {
        QString repository;
        qint64 compartmentRowId = 0; ///< the latest compartment seen for it in the period
        qint64 bytes = 0;
    };

    explicit UsageQueries(const MetadataStore& metadata) : m_metadata(metadata) {}

    /// Calls `visit` once for every day from `from` to `to` (in order) with each repository's storage that
    /// day, as the class comment describes. Two queries in all.
    Result<void>
    forEachStorageDay(const QDate& from, const QDate& to,
                      const std::function<void(const QDate&, const QList<StorageSample>&)>& visit) const;

    /// Stored bytes per day in scope, one point for every day from `from` to `to`.
    Result<QList<StoragePoint>> storageSeries(const QDate& from, const QDate& to,
                                              const Scope& scope = Scope()) const;
    /// Egress, ingress, pulls and pushes per day in scope, one point for every day (0 on quiet days).
    Result<QList<EgressPoint>> egressSeries(const QDate& from, const QDate& to,
                                            const Scope& scope = Scope()) const;
    /// The repositories holding the most bytes on `day`, largest first (ties by name), at most `limit`.
    Result<QList<RepositoryFigure>> topByStoredBytes(const QDate& day, int limit,
                                                     const Scope& scope = Scope()) const;
    /// The repositories that sent the most bytes from `from` to `to`, most first (ties by name).
    Result<QList<RepositoryFigure>> topByEgress(const QDate& from, const QDate& to, int limit,
                                                const Scope& scope = Scope()) const;
    /// Egress bytes per compartment row from `from` to `to` (compartments with none are left out).
    Result<QHash<qint64, qint64>> egressByCompartment(const QDate& from, const QDate& to) const;

    /// An INVALID error unless both days are valid, from <= to and the period is at most MaxDays long.
    static Result<void> checkPeriod(const QDate& from, const QDate& to);
    /// "YYYY-MM-DD", as the tables store days.
    static QString dayText(const QDate& day) { return day.toString(Qt::ISODate); }

private:
    /// " AND compartment_id IN (?, ?) AND repository = ?" for `scope`, appending the values.
    static QString scopeFilter(const Scope& scope, QVariantList& values);

    const MetadataStore& m_metadata;
};

} // namespace berth
