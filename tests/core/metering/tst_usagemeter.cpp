#include "MeteringRig.h"
#include "metering/UsageMeter.h"
#include "oci/Reference.h"
#include "support/core/OciLayoutPusher.h"
#include "support/core/VerifyOk.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>
#include <thread>
#include <vector>

using namespace berth;

namespace {

/// One usage_daily row as text: "day repository compartment user pulls pushes egress ingress".
QStringList usageRows(MetadataStore& metadata)
{
    auto q = metadata.exec(QStringLiteral(
        "SELECT day, repository, compartment_id, user_name, pulls, pushes, egress_bytes, ingress_bytes"
        " FROM usage_daily ORDER BY day, repository, compartment_id, user_name"));
    if (!q)
        qFatal("%s", qPrintable(q.error().message));
    QStringList rows;
    while (q->next()) {
        QStringList cells;
        for (int i = 0; i < 8; ++i)
            cells << q->value(i).toString();
        rows << cells.join(QLatin1Char(' '));
    }
    return rows;
}

} // namespace

class TestUsageMeter : public QObject
{
    Q_OBJECT

private slots:
    void countsWaitInMemoryUntilDue()
    {
        MeteringRig rig;
        VERIFY_OK(rig.registry->createRepository(QStringLiteral("team/app"), CompartmentPath()));
        UsageMeter& meter = rig.registry->usageMeter();
        meter.recordPull(QStringLiteral("team/app"), QStringLiteral("alice"));
        meter.recordEgress(QStringLiteral("team/app"), QStringLiteral("alice"), 1000);
        rig.clock.advance(4); // within the interval: nothing written yet
        meter.recordEgress(QStringLiteral("team/app"), QStringLiteral("alice"), 24);
        QVERIFY(meter.hasPending());
        QCOMPARE(usageRows(rig.metadata()), QStringList());
        rig.clock.advance(2); // 6 s since the registry opened: the next recording asks for a flush...
        meter.recordPush(QStringLiteral("team/app"), QStringLiteral("alice"));
        // ...which the service runs on its own thread (queued), not on the request that recorded.
        QVERIFY(meter.hasPending());
        QCoreApplication::processEvents();
        QVERIFY(!meter.hasPending());
        QCOMPARE(usageRows(rig.metadata()),
                 QStringList{QStringLiteral("2026-03-10 team/app 1 alice 1 1 1024 0")});
        // Later counts add to the day's row.
        meter.recordIngress(QStringLiteral("team/app"), QStringLiteral("alice"), 500);
        meter.recordPull(QStringLiteral("team/app"), QStringLiteral("alice"));
        QCOMPARE(usageRows(rig.metadata()).size(), 1);
        rig.registry->flushStatistics();
        QCOMPARE(usageRows(rig.metadata()),
                 QStringList{QStringLiteral("2026-03-10 team/app 1 alice 2 1 1024 500")});
    }

    void shutdownWritesWhatIsPending()
    {
        MeteringRig rig;
        rig.registry->usageMeter().recordEgress(QStringLiteral("gone/soon"), QString(), 77);
        rig.reopen();
        // A repository that does not exist (any more) is charged to the tenancy; anonymous is ''.
        QCOMPARE(usageRows(rig.metadata()), QStringList{QStringLiteral("2026-03-10 gone/soon 1  0 0 77 0")});
    }

    void dayBoundaryIsUtcMidnight()
    {
        MeteringRig rig;
        rig.clock.set(QDateTime(QDate(2026, 3, 10), QTime(23, 59, 59, 500), Qt::UTC));
        UsageMeter& meter = rig.registry->usageMeter();
        meter.recordPull(QStringLiteral("a"), QStringLiteral("u"));
        rig.clock.set(QDateTime(QDate(2026, 3, 11), QTime(0, 0, 0), Qt::UTC));
        meter.recordPull(QStringLiteral("a"), QStringLiteral("u"));
        meter.recordPull(QStringLiteral("a"), QStringLiteral("u"));
        rig.registry->flushStatistics();
        QCOMPARE(usageRows(rig.metadata()), (QStringList{QStringLiteral("2026-03-10 a 1 u 1 0 0 0"),
                                                         QStringLiteral("2026-03-11 a 1 u 2 0 0 0")}));
        QCOMPARE(UsageMeter::dayOf(QDateTime(QDate(1969, 12, 31), QTime(23, 0), Qt::UTC)),
                 QStringLiteral("1969-12-31"));
        // A local time is converted: 01:30 at UTC+2 is still the previous UTC day.
        QCOMPARE(UsageMeter::dayOf(QDateTime(QDate(2026, 3, 11), QTime(1, 30), Qt::OffsetFromUTC, 7200)),
                 QStringLiteral("2026-03-10"));
    }

    void eachUserHasTheirOwnRow()
    {
        MeteringRig rig;
        UsageMeter& meter = rig.registry->usageMeter();
        meter.recordPull(QStringLiteral("r"), QStringLiteral("alice"));
        meter.recordPull(QStringLiteral("r"), QStringLiteral("bob"));
        meter.recordPull(QStringLiteral("r"), QStringLiteral("bob"));
        meter.recordPull(QStringLiteral("r"), QString());
        meter.recordEgress(QStringLiteral("r"), QStringLiteral("bob"), 5);
        meter.recordEgress(QStringLiteral("r"), QStringLiteral("bob"), 0); // nothing went out: no row change
        rig.registry->flushStatistics();
        QCOMPARE(usageRows(rig.metadata()), (QStringList{QStringLiteral("2026-03-10 r 1  1 0 0 0"),
                                                         QStringLiteral("2026-03-10 r 1 alice 1 0 0 0"),
                                                         QStringLiteral("2026-03-10 r 1 bob 2 0 5 0")}));
    }

    void compartmentIsWhereTheRepositoryIsAtFlush()
    {
        MeteringRig rig;
        VERIFY_OK(rig.registry->createRepository(QStringLiteral("team/app"), CompartmentPath()));
        auto apps = rig.identity->createCompartment(CompartmentPath(), QStringLiteral("Apps"));
        VERIFY_OK(apps);
        UsageMeter& meter = rig.registry->usageMeter();
        meter.recordPull(QStringLiteral("team/app"), QStringLiteral("u"));
        rig.registry->flushStatistics();
        VERIFY_OK(rig.registry->moveRepository(QStringLiteral("team/app"), apps->path));
        meter.recordPull(QStringLiteral("team/app"), QStringLiteral("u"));
        meter.recordPull(QStringLiteral("team/app"), QStringLiteral("u"));
        rig.registry->flushStatistics();
        const QString appsRow = QString::number(apps->rowId);
        QCOMPARE(usageRows(rig.metadata()),
                 (QStringList{QStringLiteral("2026-03-10 team/app 1 u 1 0 0 0"),
                              QStringLiteral("2026-03-10 team/app %1 u 2 0 0 0").arg(appsRow)}));
    }

    void lastPullPerTag()
    {
        MeteringRig rig;
        QString problem;
        const QString layout = OciLayoutPusher::fixture(QStringLiteral("oci-single"), &problem);
        if (layout.isEmpty())
            QFAIL(qPrintable(problem));
        VERIFY_OK(
            OciLayoutPusher::pushAs(*rig.registry, layout, QStringLiteral("team/app"), QStringLiteral("v1")));
        const Reference v1 = *Reference::parse(QStringLiteral("v1"));
        VERIFY_OK(rig.registry->getManifest(QStringLiteral("team/app"), v1));
        rig.clock.advance(1);
        auto pulled = rig.registry->getManifest(QStringLiteral("team/app"), v1);
        VERIFY_OK(pulled);
        VERIFY_OK(rig.registry->getManifest(QStringLiteral("team/app"), v1, false)); // HEAD: not a pull
        // By digest: no tag to remember.
        VERIFY_OK(
            rig.registry->getManifest(QStringLiteral("team/app"), Reference::fromDigest(pulled->digest)));
        auto tagPulls = [&] {
            auto q = rig.metadata().exec(QStringLiteral("SELECT tag, last_pulled_at, pulls FROM tag_pulls"));
            if (!q)
                qFatal("%s", qPrintable(q.error().message));
            QStringList rows;
            while (q->next())
                rows << QStringLiteral("%1 %2 %3")
                            .arg(q->value(0).toString(), q->value(1).toString(), q->value(2).toString());
            return rows;
        };
        QCOMPARE(tagPulls(), QStringList()); // batched
        rig.registry->flushStatistics();
        const QString at = QString::number(rig.clock.now().toMSecsSinceEpoch());
        QCOMPARE(tagPulls(), QStringList{QStringLiteral("v1 %1 2").arg(at)});
        rig.clock.advance(60);
        VERIFY_OK(rig.registry->getManifest(QStringLiteral("team/app"), v1));
        rig.registry->flushStatistics();
        QCOMPARE(tagPulls(), QStringList{QStringLiteral("v1 %1 3").arg(rig.clock.now().toMSecsSinceEpoch())});
    }

    void concurrentRecordingLosesNothing()
    {
        MeteringRig rig;
        UsageMeter& meter = rig.registry->usageMeter();
        constexpr int Threads = 4;
        constexpr int PerThread = 20000;
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([&meter, &rig, t] {
                for (int i = 0; i < PerThread; ++i) {
                    meter.recordEgress(QStringLiteral("r%1").arg(i % 3), QStringLiteral("u%1").arg(t % 2), 3);
                    if (i % 5000 == 0)
                        rig.clock.advance(3); // some recordings find a flush due and write
                }
            });
        }
        for (std::thread& t : threads)
            t.join();
        rig.registry->flushStatistics();
        auto q = rig.metadata().exec(QStringLiteral("SELECT SUM(egress_bytes) FROM usage_daily"));
        VERIFY_OK(q);
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toLongLong(), qint64(Threads) * PerThread * 3);
    }

    void recordingIsCheap()
    {
        MeteringRig rig;
        UsageMeter& meter = rig.registry->usageMeter();
        QStringList repositories;
        for (int i = 0; i < 100; ++i)
            repositories << QStringLiteral("team/repo-%1").arg(i);
        const QStringList users{QStringLiteral("alice"), QStringLiteral("bob"), QString()};
        constexpr int Recordings = 500000;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < Recordings; ++i)
            meter.recordEgress(repositories.at(i % 100), users.at(i % 3), 512);
        const qint64 ms = timer.elapsed();
        qInfo("%d recordings (100 repositories, 3 users) took %lld ms: %.0f ns each", Recordings, ms,
              ms * 1e6 / Recordings);
        // No SQL ran: nothing was due (the clock stood still).
        QCOMPARE(usageRows(rig.metadata()), QStringList());
        // SQL per recording would take minutes; a map update takes well under a second even at -O0.
        QVERIFY2(ms < 10000, "recording must not do database work");
        timer.restart();
        rig.registry->flushStatistics();
        qInfo("flushing the %d rows took %lld ms", int(usageRows(rig.metadata()).size()), timer.elapsed());
        QCOMPARE(usageRows(rig.metadata()).size(), 300);
    }
};

QTEST_GUILESS_MAIN(TestUsageMeter)
#include "tst_usagemeter.moc"
