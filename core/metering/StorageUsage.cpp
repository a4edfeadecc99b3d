#include "metering/StorageUsage.h"

#include "metadata/MetadataStore.h"

namespace berth {

Result<QList<RepositoryStorage>> StorageUsage::repositories() const
{
    // holders: how many repositories link each digest (one pass over the links, then a join by digest).
    auto q = m_metadata.exec(
        QStringLiteral("WITH holders AS (SELECT digest, COUNT(*) AS n FROM repository_blobs GROUP BY digest)"
                       " SELECT r.name, r.compartment_id, COALESCE(SUM(rb.size), 0),"
                       " COALESCE(SUM(CASE WHEN h.n = 1 THEN rb.size ELSE 0 END), 0)"
                       " FROM repositories r"
                       " LEFT JOIN repository_blobs rb ON rb.repository_id = r.id"
                       " LEFT JOIN holders h ON h.digest = rb.digest"
                       " GROUP BY r.id ORDER BY r.name"));
    if (!q)
        return q.error();
    QList<RepositoryStorage> out;
    while (q->next()) {
        RepositoryStorage s;
        s.repository = q->value(0).toString();
        s.compartmentId = q->value(1).toLongLong();
        s.storedBytes = q->value(2).toLongLong();
        s.uniqueBytes = q->value(3).toLongLong();
        out << s;
    }
    return out;
}

Result<QList<CompartmentStorage>> StorageUsage::compartments() const
{
    // Each (compartment, digest) once; a digest is unique to a compartment when no other has it.
    auto q = m_metadata.exec(QStringLiteral(
        "WITH held AS (SELECT r.compartment_id AS c, rb.digest AS digest, MAX(rb.size) AS size"
        "  FROM repository_blobs rb JOIN repositories r ON r.id = rb.repository_id"
        "  GROUP BY r.compartment_id, rb.digest),"
        " spread AS (SELECT digest, COUNT(*) AS n FROM held GROUP BY digest),"
        " bytes AS (SELECT held.c AS c, SUM(held.size) AS stored,"
        "  SUM(CASE WHEN spread.n = 1 THEN held.size ELSE 0 END) AS uniq"
        "  FROM held JOIN spread ON spread.digest = held.digest GROUP BY held.c),"
        " repos AS (SELECT compartment_id AS c, COUNT(*) AS n FROM repositories GROUP BY compartment_id)"
        " SELECT repos.c, repos.n, COALESCE(bytes.stored, 0), COALESCE(bytes.uniq, 0)"
        " FROM repos LEFT JOIN bytes ON bytes.c = repos.c ORDER BY repos.c"));
    if (!q)
        return q.error();
    QList<CompartmentStorage> out;
    while (q->next()) {
        CompartmentStorage s;
        s.compartmentId = q->value(0).toLongLong();
        s.repositories = q->value(1).toInt();
        s.storedBytes = q->value(2).toLongLong();
        s.uniqueBytes = q->value(3).toLongLong();
        out << s;
    }
    return out;
}

Result<qint64> StorageUsage::totalBytes() const
{
    auto q =
        m_metadata.exec(QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM"
                                       " (SELECT MAX(size) AS size FROM repository_blobs GROUP BY digest)"));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

} // namespace berth
