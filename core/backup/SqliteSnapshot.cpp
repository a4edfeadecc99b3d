#include "backup/SqliteSnapshot.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <atomic>
#include <fcntl.h>
#include <unistd.h>

namespace berth::SqliteSnapshot {

namespace {

std::atomic<quint64> g_connectionSerial{0};

Error sqlFailure(const QString& path, const QString& what, const QSqlError& error)
{
    return Error(ErrorCode::Internal,
                 QStringLiteral("The database %1 failed while %2: %3").arg(path, what, error.text()));
}

Result<void> run(QSqlDatabase& db, const QString& sql, const QString& what, const QVariantList& values = {})
{
    QSqlQuery q(db);
    if (!q.prepare(sql))
        return sqlFailure(db.databaseName(), what, q.lastError());
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return sqlFailure(db.databaseName(), what, q.lastError());
    return {};
}

Result<qint64> count(QSqlDatabase& db, const QString& table)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)) || !q.next())
        return sqlFailure(db.databaseName(), QStringLiteral("counting %1").arg(table), q.lastError());
    return q.value(0).toLongLong();
}

} // namespace

Result<void> syncFile(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error(ErrorCode::Internal, QStringLiteral("Cannot open %1 to sync it.").arg(path));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return Error(ErrorCode::Internal, QStringLiteral("Cannot sync %1 to disk.").arg(path));
    return {};
}

Result<void> withDatabase(const QString& path, const std::function<Result<void>(QSqlDatabase&)>& work)
{
    const QString name = QStringLiteral("berth-backup-%1").arg(++g_connectionSerial);
    Result<void> result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        if (!db.open())
            result = sqlFailure(path, QStringLiteral("opening it"), db.lastError());
        else
            result = work(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Result<void> take(const QString& source, const QString& target)
{
    QFile::remove(target);
    QFile::remove(target + QStringLiteral("-journal"));
    if (!QFile::exists(source))
        return Error(ErrorCode::Internal, QStringLiteral("The database %1 does not exist.").arg(source));
    auto copied = withDatabase(source, [&](QSqlDatabase& db) {
        return run(db, QStringLiteral("VACUUM INTO ?"), QStringLiteral("copying it to %1").arg(target),
                   {target});
    });
    if (!copied)
        return copied;
    return syncFile(target);
}

Result<int> schemaVersion(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next())
        return sqlFailure(db.databaseName(), QStringLiteral("reading its schema version"), q.lastError());
    return q.value(0).toInt();
}

Result<MetadataContents> readMetadata(QSqlDatabase& db)
{
    MetadataContents c;
    auto repositories = count(db, QStringLiteral("repositories"));
    auto manifests = count(db, QStringLiteral("manifests"));
    auto tags = count(db, QStringLiteral("tags"));
    for (const auto* r : {&repositories, &manifests, &tags}) {
        if (!*r)
            return r->error();
    }
    c.repositories = repositories.value();
    c.manifests = manifests.value();
    c.tags = tags.value();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT digest FROM manifests UNION SELECT digest FROM manifest_blobs"
                               " UNION SELECT digest FROM repository_blobs")))
        return sqlFailure(db.databaseName(), QStringLiteral("listing the blobs it references"),
                          q.lastError());
    while (q.next())
        c.blobs.insert(q.value(0).toString());
    return c;
}

Result<void> dropUploadSessions(QSqlDatabase& db)
{
    return run(db, QStringLiteral("DELETE FROM uploads"), QStringLiteral("leaving out upload sessions"));
}

} // namespace berth::SqliteSnapshot
