#pragma once

#include "metadata/MetadataStore.h"

#include <QDate>
#include <QTest>

namespace berth {

/// Writes metering rows straight into the tables (what UsageMeter and StorageSampler would write), for
/// the read-side tests of the cost slice. Sizes are in GB (10^9 bytes) to keep the expected figures
/// readable.
class UsageRows
{
public:
    static constexpr qint64 GB = 1000000000;

    explicit UsageRows(MetadataStore& metadata) : m_metadata(metadata) {}

    void compartment(qint64 row, qint64 parent, const QString& name)
    {
        run(QStringLiteral("INSERT INTO compartments (id, ocid, parent_id, name, created_at)"
                           " VALUES (?, ?, ?, ?, 0)"),
            {row, QStringLiteral("ocid1.compartment.berth..%1").arg(row), parent, name});
    }

    void sample(const QDate& day, const QString& repository, qint64 compartment, double storedGb,
                double uniqueGb = -1)
    {
        const qint64 stored = qint64(storedGb * GB);
        const qint64 unique = uniqueGb < 0 ? stored : qint64(uniqueGb * GB);
        run(QStringLiteral("INSERT OR REPLACE INTO storage_samples (day, repository, compartment_id,"
                           " stored_bytes, unique_bytes, sampled_at) VALUES (?, ?, ?, ?, ?, 0)"),
            {day.toString(Qt::ISODate), repository, compartment, stored, unique});
    }

    /// The same sample on every day from `from` to `to`.
    void samples(const QDate& from, const QDate& to, const QString& repository, qint64 compartment,
                 double storedGb)
    {
        for (QDate d = from; d <= to; d = d.addDays(1))
            sample(d, repository, compartment, storedGb);
    }

    void usage(const QDate& day, const QString& repository, qint64 compartment, const QString& user,
               double egressGb, qint64 pulls = 1, qint64 pushes = 0, qint64 ingressBytes = 0)
    {
        run(QStringLiteral(
                "INSERT INTO usage_daily (day, repository, compartment_id, user_name, pulls, pushes,"
                " egress_bytes, ingress_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {day.toString(Qt::ISODate), repository, compartment, user.isNull() ? QStringLiteral("") : user,
             pulls, pushes, qint64(egressGb * GB), ingressBytes});
    }

private:
    void run(const QString& sql, const QVariantList& values)
    {
        auto done = m_metadata.transaction([&]() -> Result<void> {
            auto q = m_metadata.exec(sql, values);
            return q.ok() ? Result<void>() : Result<void>(q.error());
        });
        if (!done)
            QFAIL(qPrintable(done.error().message));
    }

    MetadataStore& m_metadata;
};

} // namespace berth
