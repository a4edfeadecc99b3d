#include "audit/AuditLog.h"

#include "audit/AuditActions.h"
#include "audit/AuditAnchor.h"
#include "audit/AuditChain.h"
#include "audit/AuditSchema.h"
#include "audit/AuditVerifier.h"
#include "audit/PerThreadSqlConnections.h"
#include "storage/FileSystem.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QtDebug>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace berth {

namespace {

std::atomic<quint64> g_writerSerial{0};

const QStringList kReaderSetup = {QStringLiteral("PRAGMA busy_timeout = 30000"),
                                  QStringLiteral("PRAGMA query_only = ON")};

/// The text as it will read back from SQLite (UTF-8 storage), so that what is hashed is what is stored.
/// Never null: a null QString would bind as NULL.
QString storable(const QString& s)
{
    return s.isEmpty() ? QStringLiteral("") : QString::fromUtf8(s.toUtf8());
}

Error sqlFailure(const QString& path, const QString& what, const QSqlError& error)
{
    // SQLITE_FULL (13): the disk holding the database is full.
    if (error.nativeErrorCode() == QLatin1String("13")) {
        return Error(
            ErrorCode::InsufficientStorage,
            QStringLiteral("The registry's disk is full: the audit database %1 failed while %2 (%3). "
                           "Free some space; the audit log keeps the records and retries.")
                .arg(path, what, error.text()));
    }
    return Error(ErrorCode::Internal,
                 QStringLiteral("The audit database %1 failed while %2: %3").arg(path, what, error.text()));
}

QString likePattern(const QString& text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += u'%';
    for (QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped += u'\\';
        escaped += c;
    }
    escaped += u'%';
    return escaped;
}

} // namespace

using SteadyClock = std::chrono::steady_clock;

struct AuditLog::Private
{
    AuditLog* owner = nullptr;
    QString directory;
    QString databasePath;
    QString anchorPath;
    Clock* clock = nullptr;
    AuditLogOptions options;
    PerThreadSqlConnections readers;

    std::mutex lifecycle;             ///< serializes open() and shutdown()
    mutable std::mutex mutex;         ///< guards everything down to the writer-only section
    std::condition_variable wake;     ///< the writer waits here for work
    std::condition_variable progress; ///< flush() waits here for the writer
    std::deque<AuditRecord> queue;
    bool running = false;  ///< open() succeeded and shutdown() has not finished
    bool stopping = false; ///< shutdown() asked the writer to drain and stop
    bool writerDone = true;
    qint64 nextSequence = 1;
    qint64 durable = 0;        ///< last committed sequence
    qint64 anchored = 0;       ///< last sequence the anchor file covers
    qint64 flushTarget = 0;    ///< the highest sequence a flush() waits for
    bool anchorFrozen = false; ///< the anchor disagreed with the log at open: keep it as evidence
    quint64 failures = 0;      ///< write failures so far (flush() notices new ones)
    Error lastError;
    SteadyClock::time_point lastAnchorAt;
    std::thread writer;

    // Writer thread only.
    QString headHash;

    Private(AuditLog* log, QString dir, Clock& c, AuditLogOptions o)
        : owner(log), directory(std::move(dir)),
          databasePath(QDir(directory).filePath(QStringLiteral("audit.db"))),
          anchorPath(QDir(directory).filePath(QStringLiteral("audit.anchor"))), clock(&c), options(o),
          readers(databasePath, QStringLiteral("berth-audit-read"), kReaderSetup)
    {
        options.maxBatch = std::max(1, options.maxBatch);
        options.anchorEveryRecords = std::max(1, options.anchorEveryRecords);
        options.anchorEverySeconds = std::max(0, options.anchorEverySeconds);
        options.retryMilliseconds = std::max(1, options.retryMilliseconds);
    }

    void writerMain(std::promise<Result<void>> started);
    Result<void> startWriter(QSqlDatabase& db, QString* integrityProblem);
    Result<void> writeBatch(const QSqlDatabase& db, QSqlQuery& insert, std::vector<AuditRecord>& batch);
    bool anchorDue(SteadyClock::time_point now) const;
    void writerLoop(const QSqlDatabase& db);
    qint64 enqueue(AuditRecord record);
};

AuditLog::AuditLog(QString dataDirectory, Clock& clock, AuditLogOptions options, QObject* parent)
    : QObject(parent), m_d(std::make_unique<Private>(this, std::move(dataDirectory), clock, options))
{}

AuditLog::~AuditLog()
{
    shutdown();
}

QString AuditLog::databasePath() const
{
    return m_d->databasePath;
}

QString AuditLog::anchorPath() const
{
    return m_d->anchorPath;
}

bool AuditLog::isOpen() const
{
    std::lock_guard lock(m_d->mutex);
    return m_d->running && !m_d->stopping;
}

qint64 AuditLog::lastSequence() const
{
    std::lock_guard lock(m_d->mutex);
    return m_d->nextSequence - 1;
}

qint64 AuditLog::durableSequence() const
{
    std::lock_guard lock(m_d->mutex);
    return m_d->durable;
}

Result<void> AuditLog::open()
{
    std::lock_guard lifecycle(m_d->lifecycle);
    {
        std::lock_guard lock(m_d->mutex);
        if (m_d->running)
            return {};
    }
    auto made = FileSystem::makePath(m_d->directory);
    if (!made)
        return made;

    std::promise<Result<void>> started;
    std::future<Result<void>> ready = started.get_future();
    {
        std::lock_guard lock(m_d->mutex);
        m_d->writerDone = false;
        m_d->stopping = false;
    }
    m_d->writer =
        std::thread([d = m_d.get(), p = std::move(started)]() mutable { d->writerMain(std::move(p)); });
    Result<void> result = ready.get();
    if (!result) {
        m_d->writer.join();
        return result;
    }
    return {};
}

void AuditLog::shutdown()
{
    std::lock_guard lifecycle(m_d->lifecycle);
    {
        std::lock_guard lock(m_d->mutex);
        if (!m_d->running)
            return;
        m_d->stopping = true;
    }
    m_d->wake.notify_all();
    m_d->writer.join();
    m_d->readers.close();
    {
        std::lock_guard lock(m_d->mutex);
        m_d->running = false;
        m_d->stopping = false;
    }
    m_d->progress.notify_all();
}

qint64 AuditLog::Private::enqueue(AuditRecord record)
{
    std::unique_lock lock(mutex);
    if (!running || stopping)
        return 0;
    record.sequence = nextSequence++;
    record.time = clock->now();
    const bool wasEmpty = queue.empty();
    queue.push_back(std::move(record));
    const qint64 sequence = queue.back().sequence;
    lock.unlock();
    if (wasEmpty)
        wake.notify_one();
    return sequence;
}

qint64 AuditLog::append(AuditRecord record)
{
    const QString action = record.action;
    const qint64 sequence = m_d->enqueue(std::move(record));
    if (sequence == 0)
        qWarning("The audit log is not open: the \"%s\" record was dropped", qUtf8Printable(action));
    return sequence;
}

Result<void> AuditLog::flush()
{
    std::unique_lock lock(m_d->mutex);
    if (!m_d->running)
        return Error(ErrorCode::Internal, QStringLiteral("The audit log is not open"));
    const qint64 target = m_d->nextSequence - 1;
    const bool anchorWanted = !m_d->anchorFrozen;
    m_d->flushTarget = std::max(m_d->flushTarget, target);
    const quint64 failuresBefore = m_d->failures;
    m_d->wake.notify_one();
    m_d->progress.wait(lock, [&] {
        return (m_d->durable >= target && (!anchorWanted || m_d->anchorFrozen || m_d->anchored >= target)) ||
               m_d->failures != failuresBefore || m_d->writerDone;
    });
    if (m_d->durable >= target && (!anchorWanted || m_d->anchorFrozen || m_d->anchored >= target))
        return {};
    if (m_d->failures != failuresBefore)
        return m_d->lastError;
    return Error(ErrorCode::Internal,
                 QStringLiteral("The audit log stopped before records up to %1 were written").arg(target));
}

// ---- the writer

void AuditLog::Private::writerMain(std::promise<Result<void>> started)
{
    const QString name = QStringLiteral("berth-audit-writer-%1").arg(++g_writerSerial);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        QString integrityProblem;
        Result<void> ready = startWriter(db, &integrityProblem);
        if (!ready) {
            {
                std::lock_guard lock(mutex);
                writerDone = true;
            }
            db.close();
            started.set_value(ready);
        } else {
            readers.open();
            {
                std::lock_guard lock(mutex);
                running = true;
            }
            if (!integrityProblem.isEmpty()) {
                // Queued before open() returns, so it comes before anything the caller appends.
                qCritical("%s", qUtf8Printable(integrityProblem));
                AuditRecord r;
                r.actor = AuditRecord::systemActor();
                r.action = QString::fromLatin1(AuditActions::integrityFailed);
                r.target = QStringLiteral("audit log");
                r.reason = integrityProblem;
                enqueue(std::move(r));
            }
            started.set_value({});
            writerLoop(db);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
}

Result<void> AuditLog::Private::startWriter(QSqlDatabase& db, QString* integrityProblem)
{
    if (!db.open())
        return sqlFailure(databasePath, QStringLiteral("opening"), db.lastError());
    {
        QSqlQuery q(db);
        for (const QString& pragma :
             {QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("PRAGMA synchronous = FULL"),
              QStringLiteral("PRAGMA busy_timeout = 30000")}) {
            if (!q.exec(pragma))
                return sqlFailure(databasePath, QStringLiteral("running \"%1\"").arg(pragma), q.lastError());
        }
    }
    auto migrated = AuditSchema::migrate(db, databasePath);
    if (!migrated)
        return migrated;

    qint64 head = 0;
    headHash = AuditChain::genesisHash();
    {
        QSqlQuery q(db);
        if (!q.exec(
                QStringLiteral("SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1")))
            return sqlFailure(databasePath, QStringLiteral("reading its last record"), q.lastError());
        if (q.next()) {
            head = q.value(0).toLongLong();
            headHash = q.value(1).toString();
        }
    }

    // Compare the chain's head with the anchor. A disagreement means records were cut off or rewritten
    // while nothing was watching: keep the anchor untouched so verify() keeps reporting it.
    qint64 anchoredSequence = head;
    bool frozen = false;
    const auto anchor = AuditAnchor::read(anchorPath);
    if (!anchor) {
        *integrityProblem = anchor.error().message;
    } else if (!anchor.value()) {
        if (head == 0) {
            auto written = AuditAnchor{0, headHash}.write(anchorPath);
            if (!written)
                return written;
        } else {
            *integrityProblem =
                QStringLiteral("The audit anchor %1 is missing although the log holds %2 records")
                    .arg(anchorPath)
                    .arg(head);
        }
    } else {
        const AuditAnchor& a = *anchor.value();
        anchoredSequence = a.sequence;
        if (a.sequence > head) {
            *integrityProblem =
                QStringLiteral("The audit log ends at sequence %1 but its anchor says %2: records "
                               "%3 to %2 were removed from its end")
                    .arg(head)
                    .arg(a.sequence)
                    .arg(head + 1);
        } else {
            QString recorded = AuditChain::genesisHash();
            if (a.sequence > 0) {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("SELECT hash FROM audit_records WHERE sequence = ?"));
                q.addBindValue(a.sequence);
                if (!q.exec())
                    return sqlFailure(databasePath, QStringLiteral("reading the anchored record"),
                                      q.lastError());
                recorded = q.next() ? q.value(0).toString() : QString();
            }
            if (recorded != a.hash) {
                *integrityProblem =
                    QStringLiteral("Audit record %1 no longer has the hash its anchor recorded: the log was "
                                   "rewritten")
                        .arg(a.sequence);
            }
        }
    }
    frozen = !integrityProblem->isEmpty();

    std::lock_guard lock(mutex);
    nextSequence = head + 1;
    durable = head;
    anchored = frozen ? head : anchoredSequence;
    anchorFrozen = frozen;
    flushTarget = 0;
    failures = 0;
    lastError = Error();
    lastAnchorAt = SteadyClock::now();
    return {};
}

bool AuditLog::Private::anchorDue(SteadyClock::time_point now) const
{
    if (anchorFrozen || durable <= anchored)
        return false;
    return stopping || flushTarget > anchored || durable - anchored >= options.anchorEveryRecords ||
           now - lastAnchorAt >= std::chrono::seconds(options.anchorEverySeconds);
}

Result<void> AuditLog::Private::writeBatch(const QSqlDatabase& db, QSqlQuery& insert,
                                           std::vector<AuditRecord>& batch)
{
    QSqlQuery control(db);
    if (!control.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlFailure(databasePath, QStringLiteral("starting a transaction"), control.lastError());
    QString previous = headHash;
    for (AuditRecord& r : batch) {
        r.actor = storable(r.actor);
        r.clientAddress = storable(r.clientAddress);
        r.action = storable(r.action);
        r.target = storable(r.target);
        r.reason = storable(r.reason);
        r.previousHash = previous;
        // As it will read back: QJsonDocument may emit bytes that are not valid UTF-8 (lone surrogates).
        const QString detailsStored = QString::fromUtf8(AuditChain::detailsText(r.details));
        const QByteArray details = detailsStored.toUtf8();
        r.hash = AuditChain::hash(r, details);
        insert.bindValue(0, r.sequence);
        insert.bindValue(1, r.time.toMSecsSinceEpoch());
        insert.bindValue(2, r.actor);
        insert.bindValue(3, r.clientAddress);
        insert.bindValue(4, r.action);
        insert.bindValue(5, r.target);
        insert.bindValue(6, AuditRecord::decisionName(r.decision));
        insert.bindValue(7, r.reason);
        insert.bindValue(8, detailsStored);
        insert.bindValue(9, r.previousHash);
        insert.bindValue(10, r.hash);
        if (!insert.exec()) {
            const Error e = sqlFailure(databasePath, QStringLiteral("writing record %1").arg(r.sequence),
                                       insert.lastError());
            control.exec(QStringLiteral("ROLLBACK"));
            return e;
        }
        previous = r.hash;
    }
    if (!control.exec(QStringLiteral("COMMIT"))) {
        const Error e = sqlFailure(databasePath, QStringLiteral("committing records"), control.lastError());
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return e;
    }
    headHash = previous;
    return {};
}

void AuditLog::Private::writerLoop(const QSqlDatabase& db)
{
    QSqlQuery insert(db);
    const bool prepared = insert.prepare(
        QStringLiteral("INSERT INTO audit_records (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(AuditSchema::recordColumns()));
    const Error prepareError =
        prepared ? Error()
                 : sqlFailure(databasePath, QStringLiteral("preparing the insert"), insert.lastError());
    int failedWhileStopping = 0;

    std::unique_lock lock(mutex);
    for (;;) {
        if (anchorDue(SteadyClock::now())) {
            const AuditAnchor anchor{durable, headHash};
            lock.unlock();
            auto written = anchor.write(anchorPath);
            lock.lock();
            lastAnchorAt = SteadyClock::now();
            if (written) {
                anchored = anchor.sequence;
                progress.notify_all();
                continue;
            }
            lastError = written.error();
            ++failures;
            progress.notify_all();
            lock.unlock();
            qWarning("%s", qUtf8Printable(written.error().message));
            emit owner->writeFailed(written.error().message);
            lock.lock();
            if (stopping)
                break; // the records are committed; only the anchor lags
            wake.wait_for(lock, std::chrono::milliseconds(options.retryMilliseconds));
            continue;
        }
        if (queue.empty()) {
            if (stopping)
                break;
            if (!anchorFrozen && durable > anchored) {
                const auto due = lastAnchorAt + std::chrono::seconds(options.anchorEverySeconds);
                wake.wait_until(lock, due);
            } else {
                wake.wait(lock);
            }
            continue;
        }

        const size_t count = std::min(queue.size(), static_cast<size_t>(options.maxBatch));
        std::vector<AuditRecord> batch;
        batch.reserve(count);
        for (size_t i = 0; i < count; ++i) {
            batch.push_back(std::move(queue.front()));
            queue.pop_front();
        }
        lock.unlock();
        Result<void> written = prepared ? writeBatch(db, insert, batch) : Result<void>(prepareError);
        lock.lock();
        if (written) {
            durable = batch.back().sequence;
            failedWhileStopping = 0;
            progress.notify_all();
            lock.unlock();
            emit owner->written(durable);
            lock.lock();
            continue;
        }
        // Keep the records, in order, and try again later.
        for (auto it = batch.rbegin(); it != batch.rend(); ++it)
            queue.push_front(std::move(*it));
        lastError = written.error();
        ++failures;
        progress.notify_all();
        lock.unlock();
        qWarning("%s", qUtf8Printable(written.error().message));
        emit owner->writeFailed(written.error().message);
        lock.lock();
        if (stopping && ++failedWhileStopping >= 3) {
            qCritical(
                "The audit log is shutting down and could not write its last %lld records: they are lost",
                static_cast<long long>(queue.size()));
            queue.clear();
            break;
        }
        wake.wait_for(lock, std::chrono::milliseconds(options.retryMilliseconds));
    }
    writerDone = true;
    lock.unlock();
    progress.notify_all();
    insert.finish();
}

// ---- reading

Result<AuditPage> AuditLog::query(const AuditFilter& filter) const
{
    QSqlDatabase db = m_d->readers.connection();
    if (!db.isValid())
        return Error(ErrorCode::Internal, QStringLiteral("The audit log is not open"));
    if (!db.isOpen())
        return sqlFailure(m_d->databasePath, QStringLiteral("opening"), db.lastError());

    QStringList where;
    QVariantList values;
    if (filter.from.isValid()) {
        where << QStringLiteral("time_ms >= ?");
        values << filter.from.toMSecsSinceEpoch();
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("time_ms < ?");
        values << filter.to.toMSecsSinceEpoch();
    }
    if (!filter.actor.isEmpty()) {
        where << QStringLiteral("actor = ?");
        values << filter.actor;
    }
    QString prefix = filter.actionPrefix;
    while (prefix.endsWith(u'.'))
        prefix.chop(1);
    if (!prefix.isEmpty()) {
        // Whole segments: the action itself, or anything in [prefix".", prefix"/") ('/' follows '.').
        where << QStringLiteral("(action = ? OR (action >= ? AND action < ?))");
        values << prefix << prefix + u'.' << prefix + u'/';
    }
    if (!filter.targetContains.isEmpty()) {
        where << QStringLiteral("target LIKE ? ESCAPE '\\'");
        values << likePattern(filter.targetContains);
    }
    if (filter.decision) {
        where << QStringLiteral("decision = ?");
        values << AuditRecord::decisionName(*filter.decision);
    }
    const bool newestFirst = filter.order == AuditOrder::NewestFirst;
    if (filter.after > 0) {
        where << (newestFirst ? QStringLiteral("sequence < ?") : QStringLiteral("sequence > ?"));
        values << filter.after;
    }
    QString sql = QStringLiteral("SELECT %1 FROM audit_records").arg(AuditSchema::recordColumns());
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += newestFirst ? QStringLiteral(" ORDER BY sequence DESC") : QStringLiteral(" ORDER BY sequence ASC");
    sql += QStringLiteral(" LIMIT ?");
    values << (filter.limit < 0 ? qint64(-1) : qint64(filter.limit) + 1);

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return sqlFailure(m_d->databasePath, QStringLiteral("preparing a query"), q.lastError());
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return sqlFailure(m_d->databasePath, QStringLiteral("querying records"), q.lastError());
    AuditPage page;
    while (q.next())
        page.records.append(AuditSchema::readRecord(q));
    if (q.lastError().isValid())
        return sqlFailure(m_d->databasePath, QStringLiteral("reading records"), q.lastError());
    if (filter.limit == 0) {
        page.records.clear();
    } else if (filter.limit > 0 && page.records.size() > filter.limit) {
        page.records.removeLast();
        page.next = page.records.isEmpty() ? 0 : page.records.last().sequence;
    }
    return page;
}

AuditVerification AuditLog::verify() const
{
    QSqlDatabase db = m_d->readers.connection();
    AuditVerification v;
    if (!db.isValid()) {
        v.message = QStringLiteral("The audit log is not open");
        return v;
    }
    if (!db.isOpen()) {
        v.message = sqlFailure(m_d->databasePath, QStringLiteral("opening"), db.lastError()).message;
        return v;
    }
    return AuditVerifier::verify(db, m_d->anchorPath);
}

} // namespace berth
