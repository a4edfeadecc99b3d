#include "audit/AuditVerifier.h"

#include "audit/AuditAnchor.h"
#include "audit/AuditChain.h"
#include "audit/AuditSchema.h"

#include <QSqlError>
#include <QSqlQuery>

namespace berth::AuditVerifier {

namespace {

AuditVerification broken(qint64 checked, qint64 sequence, QString message)
{
    AuditVerification v;
    v.ok = false;
    v.checkedCount = checked;
    v.firstBadSequence = sequence;
    v.message = std::move(message);
    return v;
}

} // namespace

AuditVerification verify(const QSqlDatabase& db, const QString& anchorPath)
{
    // The anchor first: it is written only after its records were committed, so the snapshot the query
    // below reads is at least as new as the anchor.
    const auto anchorRead = AuditAnchor::read(anchorPath);

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM audit_records ORDER BY sequence")
                    .arg(AuditSchema::recordColumns()))) {
        return broken(0, 0,
                      QStringLiteral("The audit database %1 cannot be read: %2")
                          .arg(db.databaseName(), q.lastError().text()));
    }

    const std::optional<AuditAnchor> anchor = anchorRead.ok() ? anchorRead.value() : std::nullopt;
    qint64 expected = 1;
    QString previous = AuditChain::genesisHash();
    qint64 checked = 0;
    while (q.next()) {
        QByteArray details;
        QString decisionName;
        AuditRecord r = AuditSchema::readRecord(q, &details, &decisionName);
        if (r.sequence != expected) {
            if (r.sequence < expected) {
                return broken(
                    checked, r.sequence,
                    QStringLiteral("A record has sequence number %1, but sequence numbers start at 1 "
                                   "and only grow: the log was edited")
                        .arg(r.sequence));
            }
            if (expected == 1) {
                return broken(
                    checked, expected,
                    QStringLiteral("The log starts at record %1 instead of record 1: records 1 to %2 "
                                   "were removed")
                        .arg(r.sequence)
                        .arg(r.sequence - 1));
            }
            if (r.sequence == expected + 1) {
                return broken(checked, expected,
                              QStringLiteral("Record %1 is missing: the log goes from record %2 to record %3 "
                                             "(a record was removed)")
                                  .arg(expected)
                                  .arg(expected - 1)
                                  .arg(r.sequence));
            }
            return broken(
                checked, expected,
                QStringLiteral("Records %1 to %2 are missing: the log goes from record %3 to record "
                               "%4 (records were removed)")
                    .arg(expected)
                    .arg(r.sequence - 1)
                    .arg(expected - 1)
                    .arg(r.sequence));
        }
        if (r.previousHash != previous) {
            if (r.sequence == 1) {
                return broken(checked, r.sequence,
                              QStringLiteral("Record 1 should follow the genesis value but names %1 as the "
                                             "previous hash: the log was edited")
                                  .arg(r.previousHash));
            }
            return broken(
                checked, r.sequence,
                QStringLiteral("Record %1 does not follow record %2: it names %3 as the previous hash "
                               "but record %2's hash is %4 (a record was removed, replaced or "
                               "reordered, or record %2 was rewritten along with its hash)")
                    .arg(r.sequence)
                    .arg(r.sequence - 1)
                    .arg(r.previousHash, previous));
        }
        if (!AuditRecord::decisionFromName(decisionName)) {
            return broken(checked, r.sequence,
                          QStringLiteral("Record %1 was changed after it was written: its decision \"%2\" is "
                                         "not one Berth writes")
                              .arg(r.sequence)
                              .arg(decisionName));
        }
        if (AuditChain::hash(r, details) != r.hash) {
            return broken(checked, r.sequence,
                          QStringLiteral("Record %1 was changed after it was written: its contents no longer "
                                         "match its stored hash")
                              .arg(r.sequence));
        }
        if (anchor && anchor->sequence == r.sequence && anchor->hash != r.hash) {
            return broken(checked, r.sequence,
                          QStringLiteral("Record %1's hash differs from the one the anchor file recorded for "
                                         "it: the log was rewritten from record %1 or earlier")
                              .arg(r.sequence));
        }
        previous = r.hash;
        ++expected;
        ++checked;
    }
    if (q.lastError().isValid()) {
        return broken(checked, expected,
                      QStringLiteral("Reading the audit database %1 failed at record %2: %3")
                          .arg(db.databaseName())
                          .arg(expected)
                          .arg(q.lastError().text()));
    }

    const qint64 last = expected - 1;
    if (!anchorRead.ok())
        return broken(checked, 0, anchorRead.error().message);
    if (!anchor) {
        if (last == 0) {
            AuditVerification v;
            v.ok = true;
            v.message = QStringLiteral("The audit log is empty");
            return v;
        }
        return broken(
            checked, 0,
            QStringLiteral("The anchor file %1 is missing: the %2 records present chain correctly, but "
                           "records cut off the end of the log could not be noticed")
                .arg(anchorPath)
                .arg(last));
    }
    if (anchor->sequence > last) {
        return broken(
            checked, last + 1,
            QStringLiteral("The log ends at sequence %1 but the anchor says %2: records %3 to %2 were "
                           "removed from its end")
                .arg(last)
                .arg(anchor->sequence)
                .arg(last + 1));
    }
    if (anchor->sequence == 0 && anchor->hash != AuditChain::genesisHash()) {
        return broken(checked, 0,
                      QStringLiteral("The anchor file %1 says sequence 0 but not the genesis hash: it was "
                                     "edited")
                          .arg(anchorPath));
    }
    AuditVerification v;
    v.ok = true;
    v.checkedCount = checked;
    v.message = QStringLiteral("All %1 records chain correctly; the anchor (record %2) matches")
                    .arg(checked)
                    .arg(anchor->sequence);
    return v;
}

} // namespace berth::AuditVerifier
