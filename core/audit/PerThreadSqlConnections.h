#pragma once

#include <QSqlDatabase>
#include <QStringList>
#include <memory>

namespace berth {

/// One SQLite connection per thread to one database file, for readers that may run on any thread.
///
/// A QSqlDatabase may only be used by the thread that opened it. connection() opens this thread's
/// connection on first use (running the setup statements, e.g. pragmas) and returns the same one
/// afterwards; it is closed when the thread ends or when close() is called, whichever comes first.
/// close() may only be called once no other thread is still using a connection.
///
/// Nothing here is specific to the audit log: it is a candidate for a shared helper (core/util or a
/// core/sql module) that MetadataStore could use as well.
class PerThreadSqlConnections
{
public:
    /// `label` names the connections ("berth-audit-read-<n>-<m>").
    PerThreadSqlConnections(QString path, QString label, QStringList setupStatements);
    ~PerThreadSqlConnections();
    PerThreadSqlConnections(const PerThreadSqlConnections&) = delete;
    PerThreadSqlConnections& operator=(const PerThreadSqlConnections&) = delete;

    /// Allows connections to be opened.
    void open();
    /// Closes every thread's connection; connection() returns an invalid database until open().
    void close();

    /// This thread's connection. Check isOpen(): when opening failed, lastError() says why (the next
    /// call tries again). Invalid while closed.
    QSqlDatabase connection() const;

    struct Shared;

private:
    std::shared_ptr<Shared> m_shared;
};

} // namespace berth
