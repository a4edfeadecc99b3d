#include "util/Clock.h"

#include <QtTest>
#include <thread>
#include <vector>

using namespace berth;

class TestClock : public QObject
{
    Q_OBJECT

private slots:
    void systemClockIsUtcAndCurrent()
    {
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const QDateTime now = Clock::system().now();
        const QDateTime after = QDateTime::currentDateTimeUtc();
        QCOMPARE(now.timeSpec(), Qt::UTC);
        QVERIFY(now >= before);
        QVERIFY(now <= after);
        QCOMPARE(&Clock::system(), &Clock::system());
    }

    void manualDefaultStart()
    {
        ManualClock c;
        QCOMPARE(c.now().toSecsSinceEpoch(), qint64(1700000000));
        QCOMPARE(c.now().timeSpec(), Qt::UTC);
        QCOMPARE(c.now(), c.now()); // does not move by itself
    }

    void manualAdvanceAndSet()
    {
        const QDateTime start = QDateTime(QDate(2024, 2, 28), QTime(23, 0), Qt::UTC);
        ManualClock c(start);
        QCOMPARE(c.now(), start);
        c.advance(3600);
        QCOMPARE(c.now(), QDateTime(QDate(2024, 2, 29), QTime(0, 0), Qt::UTC));
        c.advance(-7200);
        QCOMPARE(c.now(), start.addSecs(-3600));
        c.advance(0);
        QCOMPARE(c.now(), start.addSecs(-3600));
        const QDateTime later = QDateTime(QDate(2030, 1, 1), QTime(12, 30, 15, 250), Qt::UTC);
        c.set(later);
        QCOMPARE(c.now(), later);
        QCOMPARE(c.now().time().msec(), 250);
    }

    void manualKeepsInstantOfOtherZones()
    {
        const QDateTime offset = QDateTime(QDate(2024, 6, 1), QTime(12, 0), Qt::OffsetFromUTC, 2 * 3600);
        ManualClock c(offset);
        QCOMPARE(c.now(), offset);
        QCOMPARE(c.now().timeSpec(), Qt::UTC);
        QCOMPARE(c.now().time(), QTime(10, 0));
    }

    void usableThroughBaseClass()
    {
        ManualClock manual;
        Clock& clock = manual;
        const QDateTime t0 = clock.now();
        manual.advance(86400);
        QCOMPARE(clock.now(), t0.addDays(1));
    }

    void advanceIsThreadSafe()
    {
        ManualClock c;
        const QDateTime start = c.now();
        constexpr int Threads = 8;
        constexpr int Steps = 10000;
        std::vector<std::thread> threads;
        for (int i = 0; i < Threads; ++i)
            threads.emplace_back([&c] {
                for (int s = 0; s < Steps; ++s)
                    c.advance(1);
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(c.now(), start.addSecs(qint64(Threads) * Steps));
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
