#pragma once

#include "audit/AuditQuery.h"
#include "audit/AuditRecord.h"
#include "audit/AuditVerification.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QObject>
#include <memory>

namespace berth {

struct AuditLogOptions
{
    int maxBatch = 2000;           ///< records committed per transaction at most
    int anchorEveryRecords = 1000; ///< rewrite the anchor after this many new records...
    int anchorEverySeconds = 5;    ///< ...or this long after the last anchor, whichever comes first
    int retryMilliseconds = 1000;  ///< wait after a failed write before trying again
};

/// The audit log: every authentication, denial and management change, hash-chained so that a changed,
/// removed or reordered record is detected (see AuditChain), in its own SQLite database
/// <data>/audit.db with the chain's head anchored in <data>/audit.anchor.
///
/// Thread-safe. append() is cheap enough for the request path: it stamps the sequence number and the
/// time (from the injected Clock) and queues the record; one background writer thread hashes and commits
/// queued records in order, in batches of one transaction each (WAL, synchronous=FULL). flush() waits
/// until everything appended before it is durable and anchored; shutdown() (and the destructor) flush.
/// query() and verify() read what has been written, on a connection of the calling thread.
class AuditLog : public QObject
{
    Q_OBJECT

public:
    explicit AuditLog(QString dataDirectory, Clock& clock = Clock::system(), AuditLogOptions options = {},
                      QObject* parent = nullptr);
    ~AuditLog() override;

    /// Creates or opens the database (migrating its schema), continues the chain from its last record
    /// and starts the writer. When the database and the anchor disagree (records cut off or rewritten
    /// while Berth was not running), the log still opens, keeps the anchor as evidence, and appends an
    /// "audit.integrity.failed" record saying what it found.
    Result<void> open();
    /// Writes everything queued, anchors it, stops the writer and closes the database.
    void shutdown();
    bool isOpen() const;

    QString databasePath() const;
    QString anchorPath() const;

    /// Queues the record (its sequence, time and chain fields are filled in here and by the writer) and
    /// returns its sequence number; 0 when the log is not open, and the record is dropped.
    qint64 append(AuditRecord record);
    /// Waits until every record appended before the call is committed and the anchor covers it.
    Result<void> flush();

    /// Written records matching the filter (call flush() first to include everything appended).
    Result<AuditPage> query(const AuditFilter& filter) const;
    /// Walks the whole chain and compares its head with the anchor (see AuditVerifier).
    AuditVerification verify() const;

    /// The sequence number of the last record appended (queued or written).
    qint64 lastSequence() const;
    /// The sequence number of the last record committed.
    qint64 durableSequence() const;

signals:
    /// Records up to `sequence` were committed. Emitted from the writer thread.
    void written(qint64 sequence);
    /// A write failed; the writer keeps the records and tries again. Emitted from the writer thread.
    void writeFailed(const QString& message);

private:
    struct Private;
    std::unique_ptr<Private> m_d;
};

} // namespace berth
