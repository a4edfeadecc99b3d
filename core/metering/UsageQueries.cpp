#include "metering/UsageQueries.h"

#include "metadata/MetadataStore.h"

#include <QJsonObject>
#include <algorithm>

namespace berth {

namespace {

Error invalidPeriod(const QString& message)
{
    return Error(ErrorCode::NameInvalid, message,
                 QJsonObject{{QStringLiteral("reason"), QStringLiteral("INVALID")}});
}

QList<UsageQueries::RepositoryFigure> topOf(QList<UsageQueries::RepositoryFigure> figures, int limit)
{
    std::sort(figures.begin(), figures.end(),
              [](const UsageQueries::RepositoryFigure& a, const UsageQueries::RepositoryFigure& b) {
                  return a.bytes != b.bytes ? a.bytes > b.bytes : a.repository < b.repository;
              });
    if (limit >= 0 && figures.size() > limit)
        figures.resize(limit);
    return figures;
}

} // namespace

bool UsageQueries::Scope::includes(const QString& name, qint64 compartmentRowId) const
{
    if (!repository.isEmpty() && name != repository)
        return false;
    return compartments.isEmpty() || compartments.contains(compartmentRowId);
}

Result<void> UsageQueries::checkPeriod(const QDate& from, const QDate& to)
{
    if (!from.isValid() || !to.isValid())
        return invalidPeriod(QStringLiteral("The period needs a valid first and last day (YYYY-MM-DD)."));
    if (from > to)
        return invalidPeriod(QStringLiteral("The period starts (%1) after it ends (%2); swap the days.")
                                 .arg(dayText(from), dayText(to)));
    if (from.daysTo(to) >= MaxDays)
        return invalidPeriod(QStringLiteral("The period from %1 to %2 is longer than %3 days; ask for a "
                                            "shorter one.")
                                 .arg(dayText(from), dayText(to))
                                 .arg(MaxDays));
    return {};
}

QString UsageQueries::scopeFilter(const Scope& scope, QVariantList& values)
{
    QString sql;
    if (!scope.compartments.isEmpty()) {
        QList<qint64> rows(scope.compartments.begin(), scope.compartments.end());
        std::sort(rows.begin(), rows.end());
        QStringList marks;
        for (qint64 row : rows) {
            marks << QStringLiteral("?");
            values << row;
        }
        sql += QStringLiteral(" AND compartment_id IN (%1)").arg(marks.join(QStringLiteral(", ")));
    }
    if (!scope.repository.isEmpty()) {
        sql += QStringLiteral(" AND repository = ?");
        values << scope.repository;
    }
    return sql;
}

Result<void> UsageQueries::forEachStorageDay(
    const QDate& from, const QDate& to,
    const std::function<void(const QDate&, const QList<StorageSample>&)>& visit) const
{
    if (auto period = checkPeriod(from, to); !period)
        return period;
    // The last sampled day before the period gives the state its first days carry forward.
    auto before = m_metadata.exec(QStringLiteral("SELECT MAX(day) FROM storage_samples WHERE day < ?"),
                                  {dayText(from)});
    if (!before)
        return before.error();
    const QString first =
        before->next() && !before->value(0).isNull() ? before->value(0).toString() : dayText(from);
    // The (day, repository) primary key serves this range in day order.
    auto q = m_metadata.exec(
        QStringLiteral(
            "SELECT day, repository, compartment_id, stored_bytes, unique_bytes FROM storage_samples"
            " WHERE day >= ? AND day <= ? ORDER BY day, repository"),
        {first, dayText(to)});
    if (!q)
        return q.error();

    QList<StorageSample> state;   // the latest sampled day at or before the day being visited
    QList<StorageSample> pending; // rows of the next sampled day, read ahead
    QDate pendingDay;
    bool more = q->next();
    auto readDay = [&]() {
        pending.clear();
        pendingDay = QDate();
        if (!more)
            return;
        pendingDay = QDate::fromString(q->value(0).toString(), Qt::ISODate);
        const QString dayKey = q->value(0).toString();
        while (more && q->value(0).toString() == dayKey) {
            pending.append(StorageSample{q->value(1).toString(), q->value(2).toLongLong(),
                                         q->value(3).toLongLong(), q->value(4).toLongLong()});
            more = q->next();
        }
    };
    readDay();
    // A sampled day before the period sets the starting state.
    while (pendingDay.isValid() && pendingDay < from) {
        state = pending;
        readDay();
    }
    for (QDate day = from; day <= to; day = day.addDays(1)) {
        if (pendingDay.isValid() && pendingDay == day) {
            state = pending;
            readDay();
        }
        visit(day, state);
    }
    return {};
}

Result<QList<UsageQueries::StoragePoint>> UsageQueries::storageSeries(const QDate& from, const QDate& to,
                                                                      const Scope& scope) const
{
    QList<StoragePoint> points;
    auto walked = forEachStorageDay(from, to, [&](const QDate& day, const QList<StorageSample>& samples) {
        StoragePoint point{day, 0, 0};
        for (const StorageSample& s : samples) {
            if (!scope.includes(s.repository, s.compartmentRowId))
                continue;
            point.storedBytes += s.storedBytes;
            point.uniqueBytes += s.uniqueBytes;
        }
        points.append(point);
    });
    if (!walked)
        return walked.error();
    return points;
}

Result<QList<UsageQueries::EgressPoint>> UsageQueries::egressSeries(const QDate& from, const QDate& to,
                                                                    const Scope& scope) const
{
    if (auto period = checkPeriod(from, to); !period)
        return period.error();
    QVariantList values{dayText(from), dayText(to)};
    const QString filter = scopeFilter(scope, values);
    auto q = m_metadata.exec(QStringLiteral("SELECT day, SUM(egress_bytes), SUM(ingress_bytes), SUM(pulls),"
                                            " SUM(pushes) FROM usage_daily WHERE day >= ? AND day <= ?%1"
                                            " GROUP BY day")
                                 .arg(filter),
                             values);
    if (!q)
        return q.error();
    QHash<QString, EgressPoint> byDay;
    while (q->next())
        byDay.insert(q->value(0).toString(),
                     EgressPoint{QDate(), q->value(1).toLongLong(), q->value(2).toLongLong(),
                                 q->value(3).toLongLong(), q->value(4).toLongLong()});
    QList<EgressPoint> points;
    for (QDate day = from; day <= to; day = day.addDays(1)) {
        EgressPoint point = byDay.value(dayText(day));
        point.day = day;
        points.append(point);
    }
    return points;
}

Result<QList<UsageQueries::RepositoryFigure>> UsageQueries::topByStoredBytes(const QDate& day, int limit,
                                                                             const Scope& scope) const
{
    QList<RepositoryFigure> figures;
    auto walked = forEachStorageDay(day, day, [&](const QDate&, const QList<StorageSample>& samples) {
        for (const StorageSample& s : samples) {
            if (scope.includes(s.repository, s.compartmentRowId) && s.storedBytes > 0)
                figures.append(RepositoryFigure{s.repository, s.compartmentRowId, s.storedBytes});
        }
    });
    if (!walked)
        return walked.error();
    return topOf(figures, limit);
}

Result<QList<UsageQueries::RepositoryFigure>> UsageQueries::topByEgress(const QDate& from, const QDate& to,
                                                                        int limit, const Scope& scope) const
{
    if (auto period = checkPeriod(from, to); !period)
        return period.error();
    QVariantList values{dayText(from), dayText(to)};
    const QString filter = scopeFilter(scope, values);
    // MAX(day) makes SQLite take compartment_id from the latest row of each repository.
    QString sql = QStringLiteral("SELECT repository, SUM(egress_bytes) AS bytes, compartment_id, MAX(day)"
                                 " FROM usage_daily WHERE day >= ? AND day <= ?%1 GROUP BY repository"
                                 " HAVING bytes > 0 ORDER BY bytes DESC, repository")
                      .arg(filter);
    if (limit >= 0) {
        sql += QStringLiteral(" LIMIT ?");
        values << limit;
    }
    auto q = m_metadata.exec(sql, values);
    if (!q)
        return q.error();
    QList<RepositoryFigure> figures;
    while (q->next())
        figures.append(
            RepositoryFigure{q->value(0).toString(), q->value(2).toLongLong(), q->value(1).toLongLong()});
    return figures;
}

Result<QHash<qint64, qint64>> UsageQueries::egressByCompartment(const QDate& from, const QDate& to) const
{
    if (auto period = checkPeriod(from, to); !period)
        return period.error();
    auto q = m_metadata.exec(QStringLiteral("SELECT compartment_id, SUM(egress_bytes) FROM usage_daily"
                                            " WHERE day >= ? AND day <= ? GROUP BY compartment_id"),
                             {dayText(from), dayText(to)});
    if (!q)
        return q.error();
    QHash<qint64, qint64> bytes;
    while (q->next()) {
        if (q->value(1).toLongLong() > 0)
            bytes.insert(q->value(0).toLongLong(), q->value(1).toLongLong());
    }
    return bytes;
}

} // namespace berth
