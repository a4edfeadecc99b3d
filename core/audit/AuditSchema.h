#pragma once

#include "audit/AuditRecord.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace berth {

/// The audit database's schema (<data>/audit.db), separate from the metadata database: its own
/// schema_version table and an ordered list of migrations.
namespace AuditSchema {

/// One schema step. Steps run in order, each in its own transaction, and are never edited once
/// released: a change is a new step at the end of the list.
struct Migration
{
    int version;
    QString description;
    QStringList statements;
};

const QList<Migration>& migrations();
int latestVersion();

/// The version the database is at (0 when empty).
Result<int> version(const QSqlDatabase& db);
/// Brings the database to the latest version; refuses a database newer than this Berth knows.
Result<void> migrate(const QSqlDatabase& db, const QString& path);

/// The columns readRecord() expects, in order, for "SELECT <columns> FROM audit_records ...".
QString recordColumns();

/// The record in the current row of a query selecting recordColumns(). With `detailsText`, the details
/// are handed back as the exact stored text (not parsed); with `decisionText`, the decision as stored
/// (an unknown name reads as AuditDecision::None).
AuditRecord readRecord(const QSqlQuery& query, QByteArray* detailsText = nullptr,
                       QString* decisionText = nullptr);

} // namespace AuditSchema
} // namespace berth
