#include "audit/PerThreadSqlConnections.h"

#include <QSqlQuery>
#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <vector>

namespace berth {

namespace {

std::atomic<quint64> g_poolSerial{0};
std::atomic<quint64> g_connectionSerial{0};

} // namespace

struct PerThreadSqlConnections::Shared
{
    quint64 serial = 0;
    QString path;
    QString label;
    QStringList setup;
    std::mutex mutex; ///< guards everything below
    bool open = false;
    std::set<QString> names; ///< connections currently registered with Qt, any thread
};

namespace {

/// This thread's connections, one per pool; removed from Qt when the thread ends.
struct ThreadRegistry
{
    struct Entry
    {
        std::weak_ptr<PerThreadSqlConnections::Shared> shared;
        quint64 serial = 0;
        QString name;
    };
    std::vector<Entry> entries;

    ~ThreadRegistry()
    {
        for (const Entry& e : entries) {
            auto shared = e.shared.lock();
            if (!shared)
                continue;
            std::lock_guard lock(shared->mutex);
            if (shared->names.erase(e.name) == 0)
                continue;
            {
                QSqlDatabase db = QSqlDatabase::database(e.name, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(e.name);
        }
    }

    Entry& entryFor(const std::shared_ptr<PerThreadSqlConnections::Shared>& shared)
    {
        entries.erase(
            std::remove_if(entries.begin(), entries.end(), [](const Entry& e) { return e.shared.expired(); }),
            entries.end());
        for (Entry& e : entries) {
            if (e.serial == shared->serial)
                return e;
        }
        entries.push_back({shared, shared->serial, QString()});
        return entries.back();
    }
};

thread_local ThreadRegistry t_registry;

} // namespace

PerThreadSqlConnections::PerThreadSqlConnections(QString path, QString label, QStringList setupStatements)
    : m_shared(std::make_shared<Shared>())
{
    m_shared->serial = ++g_poolSerial;
    m_shared->path = std::move(path);
    m_shared->label = std::move(label);
    m_shared->setup = std::move(setupStatements);
}

PerThreadSqlConnections::~PerThreadSqlConnections()
{
    close();
}

void PerThreadSqlConnections::open()
{
    std::lock_guard lock(m_shared->mutex);
    m_shared->open = true;
}

void PerThreadSqlConnections::close()
{
    std::lock_guard lock(m_shared->mutex);
    m_shared->open = false;
    for (const QString& name : m_shared->names) {
        // Only this thread's own connection may be touched; the others are released with their driver.
        bool mine = false;
        for (const auto& e : t_registry.entries)
            mine = mine || (e.serial == m_shared->serial && e.name == name);
        if (mine) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    m_shared->names.clear();
}

QSqlDatabase PerThreadSqlConnections::connection() const
{
    ThreadRegistry::Entry& entry = t_registry.entryFor(m_shared);
    std::lock_guard lock(m_shared->mutex);
    if (!m_shared->open)
        return QSqlDatabase();
    QSqlDatabase db;
    if (!entry.name.isEmpty() && m_shared->names.count(entry.name) > 0) {
        db = QSqlDatabase::database(entry.name, false);
        if (db.isOpen())
            return db;
    } else {
        entry.name =
            QStringLiteral("%1-%2-%3").arg(m_shared->label).arg(m_shared->serial).arg(++g_connectionSerial);
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), entry.name);
        db.setDatabaseName(m_shared->path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        m_shared->names.insert(entry.name);
    }
    if (!db.open())
        return db;
    QSqlQuery q(db);
    for (const QString& statement : m_shared->setup)
        q.exec(statement);
    return db;
}

} // namespace berth
