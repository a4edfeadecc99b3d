#include "AuditTestSupport.h"
#include "audit/AuditActions.h"
#include "audit/AuditAnchor.h"
#include "audit/AuditChain.h"
#include "audit/AuditSchema.h"
#include "audit/AuditVerifier.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace berth;
using namespace berth::test;

/// Someone with access to the disk edits audit.db (or the anchor) behind the log's back; verify() must
/// name the first record that is wrong and say what is wrong with it.
class TestAuditTamper : public QObject
{
    Q_OBJECT

private:
    static constexpr int kRecords = 10;

    struct Fixture
    {
        QTemporaryDir dir;
        ManualClock clock;
        std::unique_ptr<AuditLog> log;

        Fixture()
        {
            log = std::make_unique<AuditLog>(dir.path(), clock);
            if (!log->open().ok())
                qFatal("cannot open the audit log");
            for (int i = 1; i <= kRecords; ++i) {
                clock.advance(1);
                log->append(makeRecord(
                    i % 2 ? QStringLiteral("alice") : QStringLiteral("bob"),
                    i % 3 ? QStringLiteral("auth.signin") : QStringLiteral("access.denied"),
                    QStringLiteral("repo/%1").arg(i), i % 3 ? AuditDecision::Allowed : AuditDecision::Denied,
                    QStringLiteral("reason %1").arg(i), QJsonObject{{QStringLiteral("n"), i}}));
            }
            if (!log->flush().ok())
                qFatal("cannot flush the audit log");
        }
        QString dbPath() const { return log->databasePath(); }
        QString anchorPath() const { return log->anchorPath(); }
    };

    /// The hash record `sequence` would have with its stored fields (for a tamperer who rewrites hashes).
    static QString recomputedHash(const DirectDatabase& direct, qint64 sequence)
    {
        QSqlQuery q(direct.db());
        q.prepare(QStringLiteral("SELECT %1 FROM audit_records WHERE sequence = ?")
                      .arg(AuditSchema::recordColumns()));
        q.addBindValue(sequence);
        if (!q.exec() || !q.next())
            return QString();
        QByteArray details;
        const AuditRecord r = AuditSchema::readRecord(q, &details);
        return AuditChain::hash(r, details);
    }

    static void expectBroken(const AuditVerification& v, qint64 firstBad, const QString& messagePart)
    {
        QVERIFY2(!v.ok, "verify() missed the tampering");
        QCOMPARE(v.firstBadSequence, firstBad);
        QVERIFY2(v.message.contains(messagePart), qPrintable(v.message));
    }

private slots:
    void untouchedLogVerifies()
    {
        Fixture f;
        const AuditVerification v = f.log->verify();
        QVERIFY2(v.ok, qPrintable(v.message));
        QCOMPARE(v.checkedCount, kRecords);
        QCOMPARE(v.firstBadSequence, 0);
        QCOMPARE(v.message, QStringLiteral("All 10 records chain correctly; the anchor (record 10) matches"));
        const QJsonObject json = v.toJson();
        QCOMPARE(json.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(json.value(QLatin1String("checkedCount")).toInteger(), kRecords);
    }

    void changedField_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QVariant>("value");
        QTest::newRow("time") << "time_ms" << QVariant(qint64(1700000004001));
        QTest::newRow("actor") << "actor" << QVariant(QStringLiteral("mallory"));
        QTest::newRow("client address") << "client_address" << QVariant(QStringLiteral("198.51.100.9"));
        QTest::newRow("action") << "action" << QVariant(QStringLiteral("auth.signin.failed"));
        QTest::newRow("target") << "target" << QVariant(QStringLiteral("repo/other"));
        QTest::newRow("decision") << "decision" << QVariant(QStringLiteral("denied"));
        QTest::newRow("reason") << "reason" << QVariant(QStringLiteral("reason 4 "));
        QTest::newRow("details") << "details" << QVariant(QStringLiteral("{\"n\":5}"));
        QTest::newRow("details spacing") << "details" << QVariant(QStringLiteral("{\"n\": 4}"));
    }

    void changedField()
    {
        QFETCH(QString, column);
        QFETCH(QVariant, value);
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(
                direct.exec(QStringLiteral("UPDATE audit_records SET %1 = ? WHERE sequence = 4").arg(column),
                            {value}),
                QString());
        }
        const AuditVerification v = f.log->verify();
        expectBroken(v, 4,
                     QStringLiteral("Record 4 was changed after it was written: its contents no longer "
                                    "match its stored hash"));
        QCOMPARE(v.checkedCount, 3);
    }

    void decisionNotOneBerthWrites()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(
                direct.exec(QStringLiteral("UPDATE audit_records SET decision = 'maybe' WHERE sequence = 2")),
                QString());
        }
        expectBroken(
            f.log->verify(), 2,
            QStringLiteral("Record 2 was changed after it was written: its decision \"maybe\" is not "
                           "one Berth writes"));
    }

    void deletedMiddleRecord()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(direct.exec(QStringLiteral("DELETE FROM audit_records WHERE sequence = 5")), QString());
        }
        const AuditVerification v = f.log->verify();
        expectBroken(
            v, 5,
            QStringLiteral("Record 5 is missing: the log goes from record 4 to record 6 (a record was "
                           "removed)"));
        QCOMPARE(v.checkedCount, 4);
    }

    void deletedSeveralRecords()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(direct.exec(QStringLiteral("DELETE FROM audit_records WHERE sequence BETWEEN 3 AND 6")),
                     QString());
        }
        expectBroken(f.log->verify(), 3,
                     QStringLiteral("Records 3 to 6 are missing: the log goes from record 2 to record 7"));
    }

    void deletedFirstRecord()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(direct.exec(QStringLiteral("DELETE FROM audit_records WHERE sequence = 1")), QString());
        }
        expectBroken(f.log->verify(), 1,
                     QStringLiteral("The log starts at record 2 instead of record 1: records 1 to 1 were "
                                    "removed"));
    }

    void renumberedToHideADeletion()
    {
        // Delete record 5 and renumber 6..10 down: the chain links no longer match.
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(direct.exec(QStringLiteral("DELETE FROM audit_records WHERE sequence = 5")), QString());
            for (int s = 6; s <= kRecords; ++s) {
                QCOMPARE(
                    direct.exec(QStringLiteral("UPDATE audit_records SET sequence = ? WHERE sequence = ?"),
                                {s - 1, s}),
                    QString());
            }
        }
        expectBroken(f.log->verify(), 5, QStringLiteral("Record 5 does not follow record 4"));
    }

    void deletedTailCaughtByTheAnchor()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(direct.exec(QStringLiteral("DELETE FROM audit_records WHERE sequence > 7")), QString());
        }
        const AuditVerification v = f.log->verify();
        expectBroken(v, 8,
                     QStringLiteral("The log ends at sequence 7 but the anchor says 10: records 8 to 10 were "
                                    "removed from its end"));
        QCOMPARE(v.checkedCount, 7); // what is there chains correctly
    }

    void deletedEverything()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(direct.exec(QStringLiteral("DELETE FROM audit_records")), QString());
        }
        expectBroken(f.log->verify(), 1, QStringLiteral("The log ends at sequence 0 but the anchor says 10"));
    }

    void swappedRecords()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(direct.exec(QStringLiteral("UPDATE audit_records SET sequence = -3 WHERE sequence = 3")),
                     QString());
            QCOMPARE(direct.exec(QStringLiteral("UPDATE audit_records SET sequence = 3 WHERE sequence = 6")),
                     QString());
            QCOMPARE(direct.exec(QStringLiteral("UPDATE audit_records SET sequence = 6 WHERE sequence = -3")),
                     QString());
        }
        expectBroken(f.log->verify(), 3, QStringLiteral("Record 3 does not follow record 2"));
    }

    void swappedContentsKeepingChainColumns()
    {
        // Swap what records 3 and 6 say, leaving sequence and hash columns where they were.
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            const QString swap = QStringLiteral(
                "UPDATE audit_records SET (time_ms, actor, client_address, action, target, decision, reason, "
                "details) = (SELECT time_ms, actor, client_address, action, target, decision, reason, "
                "details "
                "FROM audit_records AS o WHERE o.sequence = 9 - audit_records.sequence) WHERE sequence IN "
                "(3, 6)");
            QCOMPARE(direct.exec(swap), QString());
            QCOMPARE(direct.scalar(QStringLiteral("SELECT target FROM audit_records WHERE sequence = 3"))
                         .toString(),
                     QStringLiteral("repo/6"));
        }
        expectBroken(f.log->verify(), 3, QStringLiteral("Record 3 was changed after it was written"));
    }

    void rewrittenHashCaughtByTheNextRecord()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(
                direct.exec(QStringLiteral("UPDATE audit_records SET actor = 'mallory' WHERE sequence = 4")),
                QString());
            const QString forged = recomputedHash(direct, 4);
            QVERIFY(AuditChain::isWellFormedHash(forged));
            QCOMPARE(
                direct.exec(QStringLiteral("UPDATE audit_records SET hash = ? WHERE sequence = 4"), {forged}),
                QString());
        }
        const AuditVerification v = f.log->verify();
        expectBroken(v, 5, QStringLiteral("Record 5 does not follow record 4: it names "));
        QCOMPARE(v.checkedCount, 4); // record 4 itself looks sound in isolation
    }

    void rewrittenHashOnlyIsCaught()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(direct.exec(QStringLiteral("UPDATE audit_records SET hash = ? WHERE sequence = 4"),
                                 {QString(64, u'a')}),
                     QString());
        }
        expectBroken(f.log->verify(), 4, QStringLiteral("Record 4 was changed after it was written"));
    }

    void rewrittenChainFromTheMiddleCaughtByTheAnchor()
    {
        // The thorough tamperer: change record 8 and re-hash 8, 9 and 10 so the chain is consistent.
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(
                direct.exec(QStringLiteral("UPDATE audit_records SET actor = 'mallory' WHERE sequence = 8")),
                QString());
            for (int s = 8; s <= kRecords; ++s) {
                if (s > 8) {
                    QCOMPARE(direct.exec(
                                 QStringLiteral("UPDATE audit_records SET previous_hash = (SELECT hash FROM "
                                                "audit_records WHERE sequence = ?) WHERE sequence = ?"),
                                 {s - 1, s}),
                             QString());
                }
                QCOMPARE(direct.exec(QStringLiteral("UPDATE audit_records SET hash = ? WHERE sequence = ?"),
                                     {recomputedHash(direct, s), s}),
                         QString());
            }
        }
        const AuditVerification v = f.log->verify();
        expectBroken(v, 10,
                     QStringLiteral("Record 10's hash differs from the one the anchor file recorded for it"));
        QCOMPARE(v.checkedCount, 9);
    }

    void changedPreviousHashOfTheFirstRecord()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(
                direct.exec(QStringLiteral("UPDATE audit_records SET previous_hash = ? WHERE sequence = 1"),
                            {QString(64, u'1')}),
                QString());
        }
        expectBroken(f.log->verify(), 1, QStringLiteral("Record 1 should follow the genesis value"));
    }

    void insertedRecordBeforeTheFirst()
    {
        Fixture f;
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(direct.exec(
                         QStringLiteral("INSERT INTO audit_records SELECT 0, time_ms, actor, client_address,"
                                        " action, target, decision, reason, details, previous_hash, hash"
                                        " FROM audit_records WHERE sequence = 1")),
                     QString());
        }
        expectBroken(f.log->verify(), 0,
                     QStringLiteral("A record has sequence number 0, but sequence numbers start at 1"));
    }

    void missingAnchor()
    {
        Fixture f;
        QVERIFY(QFile::remove(f.anchorPath()));
        const AuditVerification v = f.log->verify();
        expectBroken(v, 0, QStringLiteral("is missing: the 10 records present chain correctly"));
        QCOMPARE(v.checkedCount, kRecords);
    }

    void damagedAnchor()
    {
        Fixture f;
        QVERIFY(QFile::remove(f.anchorPath()));
        QVERIFY(QFile::copy(QStringLiteral(BERTH_TEST_DATA "/audit/anchor-short-hash.json"), f.anchorPath()));
        expectBroken(f.log->verify(), 0, QStringLiteral("is damaged"));
    }

    void tailDeletedWhileStoppedIsReportedAtOpenAndKept()
    {
        Fixture f;
        f.log->shutdown();
        {
            DirectDatabase direct(f.dbPath());
            QCOMPARE(direct.exec(QStringLiteral("DELETE FROM audit_records WHERE sequence > 6")), QString());
        }
        // Offline check, straight on the database.
        {
            DirectDatabase direct(f.dbPath());
            expectBroken(AuditVerifier::verify(direct.db(), f.anchorPath()), 7,
                         QStringLiteral("The log ends at sequence 6 but the anchor says 10"));
        }
        // The log opens, says what it found, and does not overwrite the anchor.
        QVERIFY(f.log->open().ok());
        QVERIFY(f.log->flush().ok());
        AuditFilter filter;
        filter.actionPrefix = QString::fromLatin1(AuditActions::integrityFailed);
        auto page = f.log->query(filter);
        QVERIFY(page.ok());
        QCOMPARE(page->records.size(), 1);
        const AuditRecord& note = page->records.at(0);
        QCOMPARE(note.sequence, 7);
        QCOMPARE(note.actor, AuditRecord::systemActor());
        QVERIFY2(note.reason.contains(QStringLiteral("ends at sequence 6 but its anchor says 10")),
                 qPrintable(note.reason));
        expectBroken(f.log->verify(), 8, QStringLiteral("The log ends at sequence 7 but the anchor says 10"));

        for (int i = 0; i < 5; ++i)
            f.log->append(makeRecord(QStringLiteral("alice"), QStringLiteral("auth.signin"), QString()));
        QVERIFY(f.log->flush().ok());
        auto anchor = AuditAnchor::read(f.anchorPath());
        QVERIFY(anchor.ok() && anchor.value());
        QCOMPARE(anchor.value()->sequence, 10); // kept as evidence
        expectBroken(f.log->verify(), 10, QStringLiteral("Record 10's hash differs from the one the anchor"));
    }

    void databaseDeletedWhileStopped()
    {
        Fixture f;
        f.log->shutdown();
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(f.dbPath() + suffix);
        QVERIFY(f.log->open().ok());
        QVERIFY(f.log->flush().ok());
        expectBroken(f.log->verify(), 2, QStringLiteral("The log ends at sequence 1 but the anchor says 10"));
    }
};

QTEST_GUILESS_MAIN(TestAuditTamper)
#include "tst_audittamper.moc"
