#include "audit/AuditAnchor.h"
#include "audit/AuditChain.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestAuditChain : public QObject
{
    Q_OBJECT

private:
    static AuditRecord sample()
    {
        AuditRecord r;
        r.sequence = 42;
        r.time = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
        r.actor = QStringLiteral("alice");
        r.clientAddress = QStringLiteral("192.0.2.7");
        r.action = QStringLiteral("access.denied");
        r.target = QStringLiteral("apps/backend/api");
        r.decision = AuditDecision::Denied;
        r.reason = QStringLiteral("No statement allows group Developers to manage repos in compartment Apps");
        r.details = QJsonObject{{QStringLiteral("method"), QStringLiteral("DELETE")}};
        r.previousHash = QString(64, u'7');
        return r;
    }

    static QString hashOf(const AuditRecord& r)
    {
        return AuditChain::hash(r, AuditChain::detailsText(r.details));
    }

    static QString data(const char* name)
    {
        return QStringLiteral(BERTH_TEST_DATA "/audit/") + QLatin1String(name);
    }

private slots:
    void genesis()
    {
        QCOMPARE(AuditChain::genesisHash(), QString(64, u'0'));
        QVERIFY(AuditChain::isWellFormedHash(AuditChain::genesisHash()));
    }

    void knownVector()
    {
        // Locks the version 1 encoding (checked independently against the layout documented in
        // AuditChain.h): a change here breaks every existing log.
        const AuditRecord r = sample();
        QCOMPARE(AuditChain::detailsText(r.details), QByteArray(R"({"method":"DELETE"})"));
        const QByteArray encoding = AuditChain::canonicalEncoding(r, AuditChain::detailsText(r.details));
        QVERIFY(encoding.startsWith("berth-audit-record-v1\x00\x00\x00\x40"
                                    "7777"));
        QCOMPARE(encoding.size(), 21 + (4 + 64) + 8 + 8 + (4 + 5) + (4 + 9) + (4 + 13) + (4 + 16) + (4 + 6) +
                                      (4 + r.reason.size()) + (4 + 19));
        QCOMPARE(hashOf(r),
                 QStringLiteral("977b4d174428168f816538bef4322dd15d5e1dc11a87daae36a85aa34cb0ec83"));
    }

    void everyFieldCounts_data()
    {
        QTest::addColumn<int>("field");
        for (int i = 0; i < 10; ++i)
            QTest::newRow(qPrintable(QStringLiteral("field %1").arg(i))) << i;
    }

    void everyFieldCounts()
    {
        QFETCH(int, field);
        AuditRecord r = sample();
        const QString before = hashOf(r);
        switch (field) {
        case 0:
            r.sequence += 1;
            break;
        case 1:
            r.time = r.time.addMSecs(1);
            break;
        case 2:
            r.actor += u'x';
            break;
        case 3:
            r.clientAddress = QStringLiteral("192.0.2.8");
            break;
        case 4:
            r.action = QStringLiteral("access.denie");
            break;
        case 5:
            r.target.clear();
            break;
        case 6:
            r.decision = AuditDecision::Allowed;
            break;
        case 7:
            r.reason += u' ';
            break;
        case 8:
            r.details.insert(QStringLiteral("extra"), true);
            break;
        case 9:
            r.previousHash = AuditChain::genesisHash();
            break;
        }
        QVERIFY(hashOf(r) != before);
        QVERIFY(AuditChain::isWellFormedHash(hashOf(r)));
    }

    void fieldBoundariesAreUnambiguous()
    {
        AuditRecord a = sample();
        AuditRecord b = sample();
        a.actor = QStringLiteral("ab");
        a.clientAddress = QStringLiteral("c");
        b.actor = QStringLiteral("a");
        b.clientAddress = QStringLiteral("bc");
        QVERIFY(hashOf(a) != hashOf(b));
        a = sample();
        b = sample();
        a.target = QString();
        a.reason = QStringLiteral("x");
        b.target = QStringLiteral("x");
        b.reason = QString();
        QVERIFY(hashOf(a) != hashOf(b));
    }

    void hashCoversTheStoredDetailsText()
    {
        const AuditRecord r = sample();
        QVERIFY(AuditChain::hash(r, R"({"method":"DELETE"})") !=
                AuditChain::hash(r, R"({"method": "DELETE"})"));
    }

    void wellFormedHashes()
    {
        QVERIFY(AuditChain::isWellFormedHash(QString(64, u'f')));
        QVERIFY(!AuditChain::isWellFormedHash(QString(64, u'F')));
        QVERIFY(!AuditChain::isWellFormedHash(QString(63, u'a')));
        QVERIFY(!AuditChain::isWellFormedHash(QString(65, u'a')));
        QVERIFY(!AuditChain::isWellFormedHash(QString(64, u'g')));
    }

    void decisionNames()
    {
        for (AuditDecision d : {AuditDecision::None, AuditDecision::Allowed, AuditDecision::Denied})
            QCOMPARE(AuditRecord::decisionFromName(AuditRecord::decisionName(d)),
                     std::optional<AuditDecision>(d));
        QCOMPARE(AuditRecord::decisionName(AuditDecision::Denied), QStringLiteral("denied"));
        QVERIFY(!AuditRecord::decisionFromName(QStringLiteral("Denied")));
    }

    void anchorRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.anchor"));
        auto missing = AuditAnchor::read(path);
        QVERIFY(missing.ok());
        QVERIFY(!missing.value());
        const AuditAnchor a{1234, QString(64, u'c')};
        QVERIFY(a.write(path).ok());
        QVERIFY(!QFile::exists(path + QStringLiteral(".tmp")));
        auto back = AuditAnchor::read(path);
        QVERIFY(back.ok() && back.value());
        QCOMPARE(back.value()->sequence, 1234);
        QCOMPARE(back.value()->hash, a.hash);
        const AuditAnchor b{1235, QString(64, u'd')};
        QVERIFY(b.write(path).ok());
        QCOMPARE(AuditAnchor::read(path).value()->sequence, 1235);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("audit.anchor")});
    }

    void anchorWriteFailsWithAReason()
    {
        QTemporaryDir dir;
        auto written =
            AuditAnchor{1, QString(64, u'a')}.write(dir.filePath(QStringLiteral("missing/audit.anchor")));
        QVERIFY(!written.ok());
        QVERIFY2(written.error().message.contains(QStringLiteral("creating the audit anchor")),
                 qPrintable(written.error().message));
    }

    void validAnchorFile()
    {
        auto a = AuditAnchor::read(data("anchor-valid.json"));
        QVERIFY(a.ok() && a.value());
        QCOMPARE(a.value()->sequence, 10);
    }

    void damagedAnchorFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("not JSON") << "anchor-not-json.json";
        QTest::newRow("short hash") << "anchor-short-hash.json";
        QTest::newRow("uppercase hash") << "anchor-uppercase-hash.json";
        QTest::newRow("wrong format") << "anchor-wrong-format.json";
        QTest::newRow("negative sequence") << "anchor-negative-sequence.json";
        QTest::newRow("sequence as text") << "anchor-sequence-as-text.json";
    }

    void damagedAnchorFiles()
    {
        QFETCH(QString, file);
        const QString path = data(qPrintable(file));
        QVERIFY(QFile::exists(path));
        auto a = AuditAnchor::read(path);
        QVERIFY(!a.ok());
        QCOMPARE(a.error().message,
                 QStringLiteral("The audit anchor %1 is damaged: it should be a JSON object with format "
                                "\"berth-audit-anchor-v1\", a sequence number and a 64-digit hex hash")
                     .arg(path));
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_auditchain.moc"
