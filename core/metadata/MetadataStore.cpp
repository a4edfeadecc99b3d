#include "metadata/MetadataStore.h"

#include "metadata/StoredTime.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlRecord>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <vector>

namespace berth {

namespace {

std::atomic<quint64> g_storeSerial{0};
std::atomic<quint64> g_connectionSerial{0};

QVariant nullableText(const QString& s)
{
    return s.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

Error sqlError(const QString& what, const QSqlError& error)
{
    // SQLITE_FULL (13): the disk holding the database is full.
    if (error.nativeErrorCode() == QLatin1String("13")) {
        return Error(
            ErrorCode::InsufficientStorage,
            QStringLiteral("The registry's disk is full: the metadata database failed while %1 (%2). "
                           "Free some space and retry.")
                .arg(what, error.text()));
    }
    return Error(ErrorCode::Internal,
                 QStringLiteral("The metadata database failed while %1: %2").arg(what, error.text()));
}

/// True for a statement that only reads (SELECT ...); anything else may write.
bool isSelect(const QString& sql)
{
    qsizetype i = 0;
    while (i < sql.size() && sql.at(i).isSpace())
        ++i;
    return QStringView(sql).mid(i, 6).compare(QLatin1String("SELECT"), Qt::CaseInsensitive) == 0;
}

/// 'a' -> what exec() binds for a limit: SQLite treats a negative LIMIT as "no limit".
qint64 sqlLimit(int limit)
{
    return limit < 0 ? -1 : limit;
}

} // namespace

/// State shared by the store and the per-thread connection holders (which may outlive the store).
struct MetadataStore::Shared
{
    quint64 serial = 0;
    QString path;
    std::mutex mutex;              ///< guards `connections` and `open`
    std::set<QString> connections; ///< names of open connections, in any thread
    bool open = false;
    std::mutex writeMutex; ///< one writer at a time (SQLite allows one anyway; this avoids BUSY waits)
    std::atomic<quint64> generation{1}; ///< see MetadataStore::generation()

    void changed() { generation.fetch_add(1, std::memory_order_acq_rel); }
};

namespace {

/// Per-thread connections, one per store; closed when the thread ends.
struct ThreadConnections
{
    struct Entry
    {
        std::weak_ptr<MetadataStore::Shared> shared;
        quint64 serial = 0;
        QString name;
        bool inTransaction = false;
    };
    std::vector<Entry> entries;

    ~ThreadConnections()
    {
        for (Entry& e : entries) {
            auto shared = e.shared.lock();
            if (!shared)
                continue;
            std::lock_guard lock(shared->mutex);
            if (shared->connections.erase(e.name) > 0) {
                {
                    QSqlDatabase db = QSqlDatabase::database(e.name, false);
                    db.close();
                }
                QSqlDatabase::removeDatabase(e.name);
            }
        }
    }

    Entry* find(quint64 serial)
    {
        for (Entry& e : entries) {
            if (e.serial == serial)
                return &e;
        }
        return nullptr;
    }
};

thread_local ThreadConnections t_connections;

} // namespace

MetadataStore::MetadataStore(QString path) : m_path(std::move(path)), m_shared(std::make_shared<Shared>())
{
    m_shared->serial = ++g_storeSerial;
    m_shared->path = m_path;
}

MetadataStore::~MetadataStore()
{
    close();
}

quint64 MetadataStore::generation() const
{
    return m_shared->generation.load(std::memory_order_acquire);
}

bool MetadataStore::isOpen() const
{
    std::lock_guard lock(m_shared->mutex);
    return m_shared->open;
}

void MetadataStore::close()
{
    std::lock_guard lock(m_shared->mutex);
    m_shared->open = false;
    m_shared->changed();
    for (const QString& name : m_shared->connections) {
        // The connection of this thread can be closed properly; others' go with their driver.
        if (auto* entry = t_connections.find(m_shared->serial); entry && entry->name == name) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    m_shared->connections.clear();
}

QSqlDatabase MetadataStore::connection() const
{
    auto& entries = t_connections.entries;
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [](const ThreadConnections::Entry& e) { return e.shared.expired(); }),
                  entries.end());
    ThreadConnections::Entry* entry = t_connections.find(m_shared->serial);
    std::lock_guard lock(m_shared->mutex);
    if (!m_shared->open)
        return QSqlDatabase();
    if (entry && m_shared->connections.count(entry->name) > 0)
        return QSqlDatabase::database(entry->name, false);
    if (!entry) {
        entries.push_back({m_shared, m_shared->serial, QString(), false});
        entry = &entries.back();
    }
    entry->name = QStringLiteral("berth-metadata-%1-%2").arg(m_shared->serial).arg(++g_connectionSerial);
    entry->inTransaction = false;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), entry->name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    m_shared->connections.insert(entry->name);
    if (!db.open())
        return db;
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    q.exec(QStringLiteral("PRAGMA synchronous = FULL"));
    q.exec(QStringLiteral("PRAGMA busy_timeout = 30000"));
    return db;
}

bool MetadataStore::inTransaction() const
{
    const auto* entry = t_connections.find(m_shared->serial);
    return entry && entry->inTransaction;
}

Result<void> MetadataStore::requireTransaction() const
{
    if (!inTransaction()) {
        return Error(
            ErrorCode::Internal,
            QStringLiteral("A metadata change was attempted outside a transaction (a bug in Berth)"));
    }
    return {};
}

Result<QSqlQuery> MetadataStore::exec(const QString& sql, const QVariantList& values) const
{
    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        if (!db.isValid())
            return Error(ErrorCode::Internal, QStringLiteral("The metadata database is not open"));
        return sqlError(QStringLiteral("opening %1").arg(m_path), db.lastError());
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return sqlError(QStringLiteral("preparing \"%1\"").arg(sql.simplified()), query.lastError());
    for (const QVariant& v : values)
        query.addBindValue(v);
    const bool ran = query.exec();
    if (!isSelect(sql))
        m_shared->changed();
    if (!ran)
        return sqlError(QStringLiteral("running \"%1\"").arg(sql.simplified()), query.lastError());
    return query;
}

Result<void> MetadataStore::transaction(const std::function<Result<void>()>& work)
{
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return Error(ErrorCode::Internal, QStringLiteral("The metadata database is not open"));
    auto* entry = t_connections.find(m_shared->serial);
    if (entry->inTransaction)
        return work();

    std::lock_guard writeLock(m_shared->writeMutex);
    {
        QSqlQuery begin(db);
        if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return sqlError(QStringLiteral("starting a transaction"), begin.lastError());
    }
    entry->inTransaction = true;
    Result<void> result = work();
    entry->inTransaction = false;
    QSqlQuery end(db);
    if (result.ok()) {
        const bool committed = end.exec(QStringLiteral("COMMIT"));
        const Error e =
            committed ? Error() : sqlError(QStringLiteral("committing a transaction"), end.lastError());
        if (!committed)
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        m_shared->changed(); // after the commit: what readers see from now on is the new state
        if (!committed)
            return e;
        return {};
    }
    end.exec(QStringLiteral("ROLLBACK"));
    m_shared->changed(); // this thread may have read its own uncommitted writes
    return result;
}

// ---- schema

int MetadataStore::latestVersion()
{
    return migrations().last().version;
}

Result<int> MetadataStore::schemaVersion() const
{
    auto q = exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<void> MetadataStore::open(int targetVersion)
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->open = true;
    }
    m_shared->changed();
    auto prepared = [&]() -> Result<void> {
        {
            QSqlDatabase db = connection();
            if (!db.isOpen())
                return sqlError(QStringLiteral("opening %1").arg(m_path), db.lastError());
        }
        auto wal = exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        if (!wal)
            return wal.error();
        wal->finish();
        return migrate(targetVersion < 0 ? latestVersion() : targetVersion);
    }();
    if (!prepared)
        close();
    return prepared;
}

Result<void> MetadataStore::migrate(int targetVersion)
{
    auto created = exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                       " version INTEGER PRIMARY KEY,"
                                       " description TEXT NOT NULL,"
                                       " applied_at INTEGER NOT NULL)"));
    if (!created)
        return created.error();
    auto current = schemaVersion();
    if (!current)
        return current.error();
    if (current.value() > latestVersion()) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("The metadata database %1 has schema version %2, newer than this Berth "
                                    "understands (%3). Use a newer Berth or restore a backup.")
                         .arg(m_path)
                         .arg(current.value())
                         .arg(latestVersion()));
    }
    for (const Migration& m : migrations()) {
        if (m.version <= current.value() || m.version > targetVersion)
            continue;
        auto applied = transaction([&]() -> Result<void> {
            for (const QString& statement : m.statements) {
                auto q = exec(statement);
                if (!q)
                    return q.error();
            }
            auto q = exec(QStringLiteral("INSERT INTO schema_version (version, description, applied_at)"
                                         " VALUES (?, ?, ?)"),
                          {m.version, m.description, QDateTime::currentMSecsSinceEpoch()});
            if (!q)
                return q.error();
            return {};
        });
        if (!applied) {
            return Error(ErrorCode::Internal,
                         QStringLiteral("Migrating the metadata database %1 to version %2 "
                                        "failed: %3")
                             .arg(m_path)
                             .arg(m.version)
                             .arg(applied.error().message));
        }
    }
    return {};
}

// ---- repositories

Result<std::optional<qint64>> MetadataStore::repositoryId(const QString& name) const
{
    auto q = exec(QStringLiteral("SELECT id FROM repositories WHERE name = ?"), {name});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<qint64>();
    return std::optional<qint64>(q->value(0).toLongLong());
}

Result<qint64> MetadataStore::ensureRepository(const QString& name, const QDateTime& now, bool* created)
{
    if (created)
        *created = false;
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto existing = repositoryId(name);
    if (!existing)
        return existing.error();
    if (existing.value())
        return *existing.value();
    auto q = exec(QStringLiteral("INSERT INTO repositories (name, created_at) VALUES (?, ?)"),
                  {name, StoredTime::toColumn(now)});
    if (!q)
        return q.error();
    if (created)
        *created = true;
    return q->lastInsertId().toLongLong();
}

Result<QStringList> MetadataStore::repositoryNames(int limit, const QString& after) const
{
    auto q = exec(QStringLiteral("SELECT name FROM repositories WHERE name > ? COLLATE BINARY"
                                 " ORDER BY name COLLATE BINARY LIMIT ?"),
                  {after.isNull() ? QString(QLatin1String("")) : after, sqlLimit(limit)});
    if (!q)
        return q.error();
    QStringList names;
    while (q->next())
        names << q->value(0).toString();
    return names;
}

Result<void> MetadataStore::touchRepositoryPush(qint64 repositoryId, const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t;
    auto q = exec(QStringLiteral("UPDATE repositories SET last_push_at = ? WHERE id = ?"),
                  {StoredTime::toColumn(now), repositoryId});
    if (!q)
        return q.error();
    return {};
}

Result<bool> MetadataStore::deleteRepository(qint64 repositoryId)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    // Manifests, tags and blob links go with it (ON DELETE CASCADE).
    auto q = exec(QStringLiteral("DELETE FROM repositories WHERE id = ?"), {repositoryId});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

// ---- blobs

Result<std::optional<qint64>> MetadataStore::heldBlobSize(qint64 repositoryId, const Digest& digest) const
{
    auto q = exec(QStringLiteral("SELECT size FROM repository_blobs WHERE repository_id = ? AND digest = ?"),
                  {repositoryId, digest.toString()});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<qint64>();
    return std::optional<qint64>(q->value(0).toLongLong());
}

Result<std::optional<qint64>> MetadataStore::anyHeldBlobSize(const Digest& digest) const
{
    auto q = exec(QStringLiteral("SELECT size FROM repository_blobs WHERE digest = ? LIMIT 1"),
                  {digest.toString()});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<qint64>();
    return std::optional<qint64>(q->value(0).toLongLong());
}

Result<bool> MetadataStore::linkBlob(qint64 repositoryId, const Digest& digest, qint64 size,
                                     const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q =
        exec(QStringLiteral("INSERT OR IGNORE INTO repository_blobs (repository_id, digest, size, linked_at)"
                            " VALUES (?, ?, ?, ?)"),
             {repositoryId, digest.toString(), size, StoredTime::toColumn(now)});
    if (!q)
        return q.error();
    if (q->numRowsAffected() > 0)
        return true;
    // Linked again: the link counts as fresh for garbage collection's grace period.
    auto refreshed =
        exec(QStringLiteral("UPDATE repository_blobs SET linked_at = ?"
                            " WHERE repository_id = ? AND digest = ? AND linked_at < ?"),
             {StoredTime::toColumn(now), repositoryId, digest.toString(), StoredTime::toColumn(now)});
    if (!refreshed)
        return refreshed.error();
    return false;
}

Result<bool> MetadataStore::unlinkBlob(qint64 repositoryId, const Digest& digest)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q = exec(QStringLiteral("DELETE FROM repository_blobs WHERE repository_id = ? AND digest = ?"),
                  {repositoryId, digest.toString()});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

// ---- manifests

namespace {

const QString ManifestColumns = QStringLiteral(
    "m.id, m.repository_id, m.digest, m.media_type, m.artifact_type, m.size, m.subject, m.annotations,"
    " m.pushed_at, m.last_pulled_at");

ManifestRecord manifestFrom(const QSqlQuery& q)
{
    ManifestRecord m;
    m.id = q.value(0).toLongLong();
    m.repositoryId = q.value(1).toLongLong();
    m.digest = Digest::parse(q.value(2).toString()).value_or(Digest());
    m.mediaType = q.value(3).toString();
    m.artifactType = q.value(4).toString();
    m.size = q.value(5).toLongLong();
    if (!q.value(6).isNull())
        m.subject = Digest::parse(q.value(6).toString());
    if (!q.value(7).isNull())
        m.annotations = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object();
    m.pushedAt = StoredTime::fromColumn(q.value(8));
    m.lastPulledAt = StoredTime::fromColumn(q.value(9));
    return m;
}

} // namespace

Result<std::optional<ManifestRecord>> MetadataStore::oneManifest(const QString& where,
                                                                 const QVariantList& values) const
{
    auto q = exec(QStringLiteral("SELECT ") + ManifestColumns + QStringLiteral(" FROM manifests m ") + where,
                  values);
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<ManifestRecord>();
    return std::optional<ManifestRecord>(manifestFrom(q.value()));
}

Result<std::optional<ManifestRecord>> MetadataStore::manifestByDigest(qint64 repositoryId,
                                                                      const Digest& digest) const
{
    return oneManifest(QStringLiteral("WHERE m.repository_id = ? AND m.digest = ?"),
                       {repositoryId, digest.toString()});
}

Result<std::optional<ManifestRecord>> MetadataStore::manifestByTag(qint64 repositoryId,
                                                                   const QString& tag) const
{
    return oneManifest(
        QStringLiteral("JOIN tags t ON t.manifest_id = m.id WHERE t.repository_id = ? AND t.name = ?"),
        {repositoryId, tag});
}

Result<qint64> MetadataStore::insertManifest(const ManifestRecord& manifest, const QList<Digest>& blobs,
                                             const QList<Digest>& children)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    const QVariant annotations =
        manifest.annotations.isEmpty()
            ? QVariant(QMetaType::fromType<QString>())
            : QVariant(QString::fromUtf8(QJsonDocument(manifest.annotations).toJson(QJsonDocument::Compact)));
    auto q = exec(
        QStringLiteral("INSERT INTO manifests (repository_id, digest, media_type, artifact_type, size,"
                       " subject, annotations, pushed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {manifest.repositoryId, manifest.digest.toString(), manifest.mediaType,
         manifest.artifactType.isNull() ? QString(QLatin1String("")) : manifest.artifactType, manifest.size,
         manifest.subject ? QVariant(manifest.subject->toString()) : nullableText(QString()), annotations,
         StoredTime::toColumn(manifest.pushedAt)});
    if (!q)
        return q.error();
    const qint64 id = q->lastInsertId().toLongLong();
    for (const Digest& blob : blobs) {
        auto r =
            exec(QStringLiteral("INSERT OR IGNORE INTO manifest_blobs (manifest_id, digest) VALUES (?, ?)"),
                 {id, blob.toString()});
        if (!r)
            return r.error();
    }
    for (const Digest& child : children) {
        auto r = exec(QStringLiteral("INSERT OR IGNORE INTO manifest_children (manifest_id, child_digest)"
                                     " VALUES (?, ?)"),
                      {id, child.toString()});
        if (!r)
            return r.error();
    }
    return id;
}

Result<bool> MetadataStore::deleteManifest(qint64 manifestId)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    // Tags, blob references and child references go with it (ON DELETE CASCADE).
    auto q = exec(QStringLiteral("DELETE FROM manifests WHERE id = ?"), {manifestId});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<QList<Digest>> MetadataStore::manifestBlobs(qint64 manifestId) const
{
    auto q = exec(QStringLiteral("SELECT digest FROM manifest_blobs WHERE manifest_id = ? ORDER BY digest"),
                  {manifestId});
    if (!q)
        return q.error();
    QList<Digest> out;
    while (q->next()) {
        if (auto d = Digest::parse(q->value(0).toString()))
            out << *d;
    }
    return out;
}

Result<QList<Digest>> MetadataStore::manifestChildren(qint64 manifestId) const
{
    auto q = exec(QStringLiteral("SELECT child_digest FROM manifest_children WHERE manifest_id = ?"
                                 " ORDER BY child_digest"),
                  {manifestId});
    if (!q)
        return q.error();
    QList<Digest> out;
    while (q->next()) {
        if (auto d = Digest::parse(q->value(0).toString()))
            out << *d;
    }
    return out;
}

Result<QList<ManifestRecord>> MetadataStore::referrers(qint64 repositoryId, const Digest& subject,
                                                       const QString& artifactType) const
{
    QString sql = QStringLiteral("SELECT ") + ManifestColumns +
                  QStringLiteral(" FROM manifests m WHERE m.repository_id = ? AND m.subject = ?");
    QVariantList values{repositoryId, subject.toString()};
    if (!artifactType.isEmpty()) {
        sql += QStringLiteral(" AND m.artifact_type = ?");
        values << artifactType;
    }
    sql += QStringLiteral(" ORDER BY m.pushed_at, m.id");
    auto q = exec(sql, values);
    if (!q)
        return q.error();
    QList<ManifestRecord> out;
    while (q->next())
        out << manifestFrom(q.value());
    return out;
}

// ---- tags

Result<bool> MetadataStore::setTag(qint64 repositoryId, const QString& tag, qint64 manifestId,
                                   const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto current = exec(QStringLiteral("SELECT manifest_id FROM tags WHERE repository_id = ? AND name = ?"),
                        {repositoryId, tag});
    if (!current)
        return current.error();
    if (current->next() && current->value(0).toLongLong() == manifestId)
        return false;
    auto q = exec(
        QStringLiteral("INSERT INTO tags (repository_id, name, manifest_id, updated_at) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT (repository_id, name) DO UPDATE SET"
                       " manifest_id = excluded.manifest_id, updated_at = excluded.updated_at"),
        {repositoryId, tag, manifestId, StoredTime::toColumn(now)});
    if (!q)
        return q.error();
    return true;
}

Result<bool> MetadataStore::deleteTag(qint64 repositoryId, const QString& tag)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q =
        exec(QStringLiteral("DELETE FROM tags WHERE repository_id = ? AND name = ?"), {repositoryId, tag});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<QStringList> MetadataStore::tagNames(qint64 repositoryId, int limit, const QString& after) const
{
    auto q = exec(QStringLiteral("SELECT name FROM tags WHERE repository_id = ? AND name > ? COLLATE BINARY"
                                 " ORDER BY name COLLATE BINARY LIMIT ?"),
                  {repositoryId, after.isNull() ? QString(QLatin1String("")) : after, sqlLimit(limit)});
    if (!q)
        return q.error();
    QStringList names;
    while (q->next())
        names << q->value(0).toString();
    return names;
}

Result<QStringList> MetadataStore::tagsOf(qint64 manifestId) const
{
    auto q = exec(QStringLiteral("SELECT name FROM tags WHERE manifest_id = ? ORDER BY name COLLATE BINARY"),
                  {manifestId});
    if (!q)
        return q.error();
    QStringList names;
    while (q->next())
        names << q->value(0).toString();
    return names;
}

// ---- uploads

Result<void> MetadataStore::insertUpload(const UploadRecord& upload)
{
    if (auto t = requireTransaction(); !t)
        return t;
    auto q = exec(QStringLiteral("INSERT INTO uploads (id, repository, started_at) VALUES (?, ?, ?)"),
                  {upload.id, upload.repository, StoredTime::toColumn(upload.startedAt)});
    if (!q)
        return q.error();
    return {};
}

Result<std::optional<UploadRecord>> MetadataStore::upload(const QString& id) const
{
    auto q = exec(QStringLiteral("SELECT id, repository, started_at FROM uploads WHERE id = ?"), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<UploadRecord>();
    return std::optional<UploadRecord>(
        UploadRecord{q->value(0).toString(), q->value(1).toString(), StoredTime::fromColumn(q->value(2))});
}

Result<bool> MetadataStore::deleteUpload(const QString& id)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q = exec(QStringLiteral("DELETE FROM uploads WHERE id = ?"), {id});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<QList<UploadRecord>> MetadataStore::uploads() const
{
    auto q = exec(QStringLiteral("SELECT id, repository, started_at FROM uploads ORDER BY started_at, id"));
    if (!q)
        return q.error();
    QList<UploadRecord> out;
    while (q->next())
        out << UploadRecord{q->value(0).toString(), q->value(1).toString(),
                            StoredTime::fromColumn(q->value(2))};
    return out;
}

// ---- statistics

Result<void> MetadataStore::recordPulls(const QList<PullRecord>& pulls)
{
    if (auto t = requireTransaction(); !t)
        return t;
    for (const PullRecord& p : pulls) {
        auto m =
            exec(QStringLiteral("UPDATE manifests SET last_pulled_at = MAX(COALESCE(last_pulled_at, 0), ?)"
                                " WHERE digest = ? AND repository_id ="
                                " (SELECT id FROM repositories WHERE name = ?)"),
                 {StoredTime::toColumn(p.at), p.digest.toString(), p.repository});
        if (!m)
            return m.error();
        auto r =
            exec(QStringLiteral("UPDATE repositories SET last_pull_at = MAX(COALESCE(last_pull_at, 0), ?)"
                                " WHERE name = ?"),
                 {StoredTime::toColumn(p.at), p.repository});
        if (!r)
            return r.error();
    }
    return {};
}

} // namespace berth
