#include "audit/AuditSchema.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace berth::AuditSchema {

namespace {

Error failure(const QString& path, const QString& what, const QSqlError& error)
{
    return Error(ErrorCode::Internal,
                 QStringLiteral("The audit database %1 failed while %2: %3").arg(path, what, error.text()));
}

} // namespace

const QList<Migration>& migrations()
{
    static const QList<Migration> list = {
        {1,
         QStringLiteral("audit records, hash-chained; lookups by time, actor and action"),
         {
             QStringLiteral("CREATE TABLE audit_records ("
                            " sequence INTEGER PRIMARY KEY,"
                            " time_ms INTEGER NOT NULL,"
                            " actor TEXT NOT NULL,"
                            " client_address TEXT NOT NULL,"
                            " action TEXT NOT NULL,"
                            " target TEXT NOT NULL,"
                            " decision TEXT NOT NULL,"
                            " reason TEXT NOT NULL,"
                            " details TEXT NOT NULL,"
                            " previous_hash TEXT NOT NULL,"
                            " hash TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX audit_records_by_time ON audit_records (time_ms)"),
             QStringLiteral("CREATE INDEX audit_records_by_actor ON audit_records (actor, sequence)"),
             QStringLiteral("CREATE INDEX audit_records_by_action ON audit_records (action, sequence)"),
         }},
    };
    return list;
}

int latestVersion()
{
    return migrations().last().version;
}

Result<int> version(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")))
        return failure(db.databaseName(), QStringLiteral("reading its schema version"), q.lastError());
    return q.next() ? q.value(0).toInt() : 0;
}

Result<void> migrate(const QSqlDatabase& db, const QString& path)
{
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                   " version INTEGER PRIMARY KEY,"
                                   " description TEXT NOT NULL,"
                                   " applied_at INTEGER NOT NULL)")))
            return failure(path, QStringLiteral("creating its schema_version table"), q.lastError());
    }
    auto current = version(db);
    if (!current)
        return current.error();
    if (current.value() > latestVersion()) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("The audit database %1 has schema version %2, newer than this Berth "
                                    "understands (%3). Use a newer Berth or restore a backup.")
                         .arg(path)
                         .arg(current.value())
                         .arg(latestVersion()));
    }
    for (const Migration& m : migrations()) {
        if (m.version <= current.value())
            continue;
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return failure(path, QStringLiteral("starting migration %1").arg(m.version), q.lastError());
        auto step = [&]() -> Result<void> {
            for (const QString& statement : m.statements) {
                if (!q.exec(statement)) {
                    return failure(
                        path, QStringLiteral("migrating to version %1 (%2)").arg(m.version).arg(statement),
                        q.lastError());
                }
            }
            q.prepare(QStringLiteral(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"));
            q.addBindValue(m.version);
            q.addBindValue(m.description);
            q.addBindValue(QDateTime::currentMSecsSinceEpoch());
            if (!q.exec())
                return failure(path, QStringLiteral("recording schema version %1").arg(m.version),
                               q.lastError());
            if (!q.exec(QStringLiteral("COMMIT")))
                return failure(path, QStringLiteral("committing migration %1").arg(m.version), q.lastError());
            return {};
        }();
        if (!step) {
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return step;
        }
    }
    return {};
}

QString recordColumns()
{
    return QStringLiteral(
        "sequence, time_ms, actor, client_address, action, target, decision, reason, details,"
        " previous_hash, hash");
}

AuditRecord readRecord(const QSqlQuery& q, QByteArray* detailsText, QString* decisionText)
{
    AuditRecord r;
    r.sequence = q.value(0).toLongLong();
    r.time = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
    r.actor = q.value(2).toString();
    r.clientAddress = q.value(3).toString();
    r.action = q.value(4).toString();
    r.target = q.value(5).toString();
    const QString decision = q.value(6).toString();
    r.decision = AuditRecord::decisionFromName(decision).value_or(AuditDecision::None);
    if (decisionText)
        *decisionText = decision;
    r.reason = q.value(7).toString();
    const QByteArray details = q.value(8).toString().toUtf8();
    if (detailsText)
        *detailsText = details;
    else
        r.details = QJsonDocument::fromJson(details).object();
    r.previousHash = q.value(9).toString();
    r.hash = q.value(10).toString();
    return r;
}

} // namespace berth::AuditSchema
