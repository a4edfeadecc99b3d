#include "metering/UsageSummary.h"

#include "metadata/MetadataStore.h"

#include <QStringList>

namespace berth {

void UsageTotals::add(const UsageTotals& other)
{
    pulls += other.pulls;
    pushes += other.pushes;
    egressBytes += other.egressBytes;
    ingressBytes += other.ingressBytes;
}

QString UsageSummary::groupingName(UsageGrouping by)
{
    switch (by) {
    case UsageGrouping::Repository:
        return QStringLiteral("repository");
    case UsageGrouping::Compartment:
        return QStringLiteral("compartment");
    case UsageGrouping::User:
        return QStringLiteral("user");
    case UsageGrouping::Day:
        return QStringLiteral("day");
    }
    return QString();
}

std::optional<UsageGrouping> UsageSummary::groupingFromName(const QString& name)
{
    for (UsageGrouping by :
         {UsageGrouping::Repository, UsageGrouping::Compartment, UsageGrouping::User, UsageGrouping::Day}) {
        if (groupingName(by) == name)
            return by;
    }
    return std::nullopt;
}

Result<QList<UsageTotals>> UsageSummary::totals(const UsageFilter& filter, UsageGrouping by) const
{
    if (filter.restrictCompartments && filter.compartmentIds.isEmpty())
        return QList<UsageTotals>();
    QString column;
    switch (by) {
    case UsageGrouping::Repository:
        column = QStringLiteral("repository");
        break;
    case UsageGrouping::Compartment:
        column = QStringLiteral("compartment_id");
        break;
    case UsageGrouping::User:
        column = QStringLiteral("user_name");
        break;
    case UsageGrouping::Day:
        column = QStringLiteral("day");
        break;
    }
    QString sql = QStringLiteral("SELECT %1, SUM(pulls), SUM(pushes), SUM(egress_bytes), SUM(ingress_bytes)"
                                 " FROM usage_daily WHERE day >= ? AND day <= ?")
                      .arg(column);
    QVariantList values{filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate)};
    if (!filter.repository.isEmpty()) {
        sql += QStringLiteral(" AND repository = ?");
        values << filter.repository;
    }
    if (filter.restrictCompartments) {
        QStringList ids;
        for (qint64 id : filter.compartmentIds)
            ids << QString::number(id); // numbers only: safe to inline
        sql += QStringLiteral(" AND compartment_id IN (%1)").arg(ids.join(QLatin1Char(',')));
    }
    sql += QStringLiteral(" GROUP BY %1 ORDER BY %1").arg(column);
    auto q = m_metadata.exec(sql, values);
    if (!q)
        return q.error();
    QList<UsageTotals> out;
    while (q->next()) {
        UsageTotals t;
        if (by == UsageGrouping::Compartment) {
            t.compartmentId = q->value(0).toLongLong();
            t.key = QString::number(t.compartmentId);
        } else {
            t.key = q->value(0).toString();
        }
        t.pulls = q->value(1).toLongLong();
        t.pushes = q->value(2).toLongLong();
        t.egressBytes = q->value(3).toLongLong();
        t.ingressBytes = q->value(4).toLongLong();
        out << t;
    }
    return out;
}

} // namespace berth
