#pragma once

#include "audit/AuditLog.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <atomic>

namespace berth::test {

/// A record as a caller on the request path would build it.
inline AuditRecord makeRecord(const QString& actor, const QString& action, const QString& target,
                              AuditDecision decision = AuditDecision::None, const QString& reason = QString(),
                              const QJsonObject& details = QJsonObject(),
                              const QString& client = QStringLiteral("192.0.2.7"))
{
    AuditRecord r;
    r.actor = actor;
    r.clientAddress = client;
    r.action = action;
    r.target = target;
    r.decision = decision;
    r.reason = reason;
    r.details = details;
    return r;
}

/// A direct connection to audit.db, as someone tampering with it would open one.
class DirectDatabase
{
public:
    explicit DirectDatabase(const QString& path) : m_name(QStringLiteral("tamper-%1").arg(++serial()))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        db.open();
    }
    ~DirectDatabase()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    DirectDatabase(const DirectDatabase&) = delete;
    DirectDatabase& operator=(const DirectDatabase&) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    /// Runs one statement; returns the error text ("" when it worked).
    QString exec(const QString& sql, const QVariantList& values = {}) const
    {
        QSqlQuery q(db());
        if (!q.prepare(sql))
            return q.lastError().text();
        for (const QVariant& v : values)
            q.addBindValue(v);
        return q.exec() ? QString() : q.lastError().text();
    }

    QVariant scalar(const QString& sql, const QVariantList& values = {}) const
    {
        QSqlQuery q(db());
        q.prepare(sql);
        for (const QVariant& v : values)
            q.addBindValue(v);
        if (!q.exec() || !q.next())
            return QVariant();
        return q.value(0);
    }

private:
    static std::atomic<int>& serial()
    {
        static std::atomic<int> s{0};
        return s;
    }
    QString m_name;
};

} // namespace berth::test
