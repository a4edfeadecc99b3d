#include "maintenance/MaintenanceLog.h"
#include "metadata/MetadataStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestMaintenanceLog : public QObject
{
    Q_OBJECT

private:
    static MaintenanceRun run(const QString& kind, qint64 startSecs,
                              const QString& outcome = MaintenanceLog::Succeeded)
    {
        MaintenanceRun r;
        r.kind = kind;
        r.trigger = MaintenanceLog::Scheduled;
        r.startedAt = QDateTime::fromSecsSinceEpoch(startSecs, Qt::UTC);
        r.finishedAt = r.startedAt.addSecs(7);
        r.outcome = outcome;
        r.summary = QJsonObject{{QStringLiteral("bytes"), startSecs * 10}};
        return r;
    }

private slots:
    void recordsAndReadsBackAcrossReopen()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("berth.db"));
        {
            MetadataStore store(db);
            QVERIFY(store.open());
            MaintenanceLog log(store);
            QVERIFY(log.last(MaintenanceLog::Gc).value() == std::nullopt);
            QVERIFY(log.record(run(MaintenanceLog::Gc, 1000)));
            QVERIFY(log.record(run(MaintenanceLog::Gc, 3000, MaintenanceLog::Failed)));
            QVERIFY(log.record(run(MaintenanceLog::Gc, 2000)));
            QVERIFY(log.record(run(MaintenanceLog::Scrub, 5000)));
        }
        MetadataStore store(db);
        QVERIFY(store.open());
        MaintenanceLog log(store);
        const auto last = log.last(MaintenanceLog::Gc).value();
        QVERIFY(last.has_value());
        QCOMPARE(last->startedAt, QDateTime::fromSecsSinceEpoch(3000, Qt::UTC));
        QCOMPARE(last->finishedAt, QDateTime::fromSecsSinceEpoch(3007, Qt::UTC));
        QCOMPARE(last->outcome, MaintenanceLog::Failed);
        QCOMPARE(last->trigger, MaintenanceLog::Scheduled);
        QCOMPARE(last->summary.value(QStringLiteral("bytes")).toInteger(), 30000);

        const QList<MaintenanceRun> gc = log.history(MaintenanceLog::Gc).value();
        QCOMPARE(gc.size(), 3);
        QCOMPARE(gc[0].startedAt.toSecsSinceEpoch(), 3000); // newest first
        QCOMPARE(gc[1].startedAt.toSecsSinceEpoch(), 2000);
        QCOMPARE(gc[2].startedAt.toSecsSinceEpoch(), 1000);
        QCOMPARE(log.history(QString()).value().size(), 4);
        QCOMPARE(log.history(MaintenanceLog::Gc, 1).value().size(), 1);
        QCOMPARE(log.last(MaintenanceLog::Scrub).value()->kind, MaintenanceLog::Scrub);
    }

    void keepsOnlyTheNewestRunsOfEachKind()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(store.open());
        MaintenanceLog log(store);
        QVERIFY(log.record(run(MaintenanceLog::Backup, 1)));
        for (int i = 0; i < MaintenanceLog::keepPerKind + 5; ++i)
            QVERIFY(log.record(run(MaintenanceLog::Gc, 100 + i)));
        const QList<MaintenanceRun> gc = log.history(MaintenanceLog::Gc, -1).value();
        QCOMPARE(gc.size(), MaintenanceLog::keepPerKind);
        QCOMPARE(gc.last().startedAt.toSecsSinceEpoch(), 105);           // the five oldest went
        QCOMPARE(log.history(MaintenanceLog::Backup).value().size(), 1); // other kinds untouched
    }

    void refusesARunWithoutKindOrTimes()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(store.open());
        MaintenanceLog log(store);
        MaintenanceRun bad = run(QString(), 10);
        QVERIFY(!log.record(bad));
        bad = run(MaintenanceLog::Gc, 10);
        bad.finishedAt = QDateTime();
        QVERIFY(!log.record(bad));
        QCOMPARE(log.history(QString()).value().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMaintenanceLog)
#include "tst_maintenancelog.moc"
