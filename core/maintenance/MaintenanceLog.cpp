#include "maintenance/MaintenanceLog.h"

#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace berth {

namespace {

const QString Columns = QStringLiteral("id, kind, trigger, started_at, finished_at, outcome, summary");

MaintenanceRun runFrom(const QSqlQuery& q)
{
    MaintenanceRun run;
    run.id = q.value(0).toLongLong();
    run.kind = q.value(1).toString();
    run.trigger = q.value(2).toString();
    run.startedAt = StoredTime::fromColumn(q.value(3));
    run.finishedAt = StoredTime::fromColumn(q.value(4));
    run.outcome = q.value(5).toString();
    run.summary = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    return run;
}

} // namespace

MaintenanceLog::MaintenanceLog(MetadataStore& metadata) : m_metadata(metadata) {}

Result<qint64> MaintenanceLog::record(const MaintenanceRun& run)
{
    if (run.kind.isEmpty() || !run.startedAt.isValid() || !run.finishedAt.isValid())
        return Error(ErrorCode::Internal, QStringLiteral("A maintenance run needs a kind and its times"));
    qint64 id = 0;
    auto done = m_metadata.transaction([&]() -> Result<void> {
        auto inserted = m_metadata.exec(
            QStringLiteral("INSERT INTO maintenance_runs (kind, trigger, started_at, finished_at, outcome, "
                           "summary) VALUES (?, ?, ?, ?, ?, ?)"),
            {run.kind, run.trigger.isEmpty() ? Manual : run.trigger, StoredTime::toColumn(run.startedAt),
             StoredTime::toColumn(run.finishedAt), run.outcome,
             QString::fromUtf8(QJsonDocument(run.summary).toJson(QJsonDocument::Compact))});
        if (!inserted)
            return inserted.error();
        id = inserted.value().lastInsertId().toLongLong();
        auto trimmed = m_metadata.exec(
            QStringLiteral("DELETE FROM maintenance_runs WHERE kind = ? AND id NOT IN (SELECT id FROM "
                           "maintenance_runs WHERE kind = ? ORDER BY started_at DESC, id DESC LIMIT ?)"),
            {run.kind, run.kind, keepPerKind});
        if (!trimmed)
            return trimmed.error();
        return {};
    });
    if (!done)
        return done.error();
    return id;
}

Result<std::optional<MaintenanceRun>> MaintenanceLog::last(const QString& kind) const
{
    auto runs = history(kind, 1);
    if (!runs)
        return runs.error();
    if (runs.value().isEmpty())
        return std::optional<MaintenanceRun>();
    return std::optional<MaintenanceRun>(runs.value().first());
}

Result<QList<MaintenanceRun>> MaintenanceLog::history(const QString& kind, int limit) const
{
    const QString where = kind.isEmpty() ? QString() : QStringLiteral(" WHERE kind = ?");
    QVariantList values;
    if (!kind.isEmpty())
        values.append(kind);
    values.append(limit < 0 ? -1 : limit);
    auto q = m_metadata.exec(QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM maintenance_runs") +
                                 where + QStringLiteral(" ORDER BY started_at DESC, id DESC LIMIT ?"),
                             values);
    if (!q)
        return q.error();
    QList<MaintenanceRun> runs;
    QSqlQuery query = std::move(q.value());
    while (query.next())
        runs.append(runFrom(query));
    return runs;
}

} // namespace berth
