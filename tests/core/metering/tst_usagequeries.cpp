#include "UsageRows.h"
#include "metadata/MetadataStore.h"
#include "metering/UsageQueries.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

namespace {

const QDate Day1(2026, 6, 1);

QList<qint64> storedGb(const QList<UsageQueries::StoragePoint>& points)
{
    QList<qint64> out;
    for (const auto& p : points)
        out << p.storedBytes / UsageRows::GB;
    return out;
}

} // namespace

class TestUsageQueries : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<MetadataStore> m_metadata;

private slots:
    void init()
    {
        m_metadata = std::make_unique<MetadataStore>(
            m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())));
        QVERIFY(m_metadata->open().ok());
        UsageRows r(*m_metadata);
        r.compartment(2, 1, QStringLiteral("Apps"));
        // Day 1: a 10 GB (4 unique), b 20 GB; days 2-3 not sampled; day 4: a 12 GB, b gone, c 5 GB.
        r.sample(Day1, QStringLiteral("a"), 1, 10, 4);
        r.sample(Day1, QStringLiteral("b"), 2, 20);
        r.sample(Day1.addDays(3), QStringLiteral("a"), 1, 12, 6);
        r.sample(Day1.addDays(3), QStringLiteral("c"), 2, 5);
        r.usage(Day1, QStringLiteral("a"), 1, QStringLiteral("alice"), 1, 3, 1, 700);
        r.usage(Day1, QStringLiteral("a"), 1, QString(), 2, 2);
        r.usage(Day1.addDays(2), QStringLiteral("b"), 2, QStringLiteral("bob"), 7, 1);
        r.usage(Day1.addDays(3), QStringLiteral("c"), 2, QStringLiteral("bob"), 3, 4);
        r.usage(Day1.addDays(40), QStringLiteral("c"), 2, QStringLiteral("bob"), 100); // outside
    }

    void cleanup() { m_metadata.reset(); }

    void storageSeriesCarriesForward()
    {
        UsageQueries q(*m_metadata);
        // The day before the first sample holds nothing.
        auto all = q.storageSeries(Day1.addDays(-1), Day1.addDays(5));
        QVERIFY2(all.ok(), qPrintable(all.error().message));
        QCOMPARE(all->size(), 7);
        QCOMPARE(all->first().day, Day1.addDays(-1));
        QCOMPARE(storedGb(all.value()), (QList<qint64>{0, 30, 30, 30, 17, 17, 17}));
        QCOMPARE(all->at(1).uniqueBytes, 24 * UsageRows::GB);

        // A period starting on an unsampled day takes the latest sampled day before it.
        auto later = q.storageSeries(Day1.addDays(2), Day1.addDays(3));
        QCOMPARE(storedGb(later.value()), (QList<qint64>{30, 17}));

        auto apps = q.storageSeries(Day1, Day1.addDays(4), UsageQueries::Scope::inCompartments({2}));
        QCOMPARE(storedGb(apps.value()), (QList<qint64>{20, 20, 20, 5, 5}));
        auto one =
            q.storageSeries(Day1, Day1.addDays(4), UsageQueries::Scope::ofRepository(QStringLiteral("a")));
        QCOMPARE(storedGb(one.value()), (QList<qint64>{10, 10, 10, 12, 12}));
    }

    void egressSeriesHasEveryDay()
    {
        UsageQueries q(*m_metadata);
        auto series = q.egressSeries(Day1, Day1.addDays(4));
        QVERIFY(series.ok());
        QCOMPARE(series->size(), 5);
        QCOMPARE(series->at(0).egressBytes, 3 * UsageRows::GB);
        QCOMPARE(series->at(0).pulls, 5);
        QCOMPARE(series->at(0).pushes, 1);
        QCOMPARE(series->at(0).ingressBytes, 700);
        QCOMPARE(series->at(1).egressBytes, 0);
        QCOMPARE(series->at(1).day, Day1.addDays(1));
        QCOMPARE(series->at(2).egressBytes, 7 * UsageRows::GB);
        QCOMPARE(series->at(3).egressBytes, 3 * UsageRows::GB);

        auto apps = q.egressSeries(Day1, Day1.addDays(4), UsageQueries::Scope::inCompartments({2}));
        QCOMPARE(apps->at(0).egressBytes, 0);
        QCOMPARE(apps->at(2).egressBytes, 7 * UsageRows::GB);
    }

    void topRepositories()
    {
        UsageQueries q(*m_metadata);
        auto bySize = q.topByStoredBytes(Day1.addDays(5), 10);
        QVERIFY(bySize.ok());
        QCOMPARE(bySize->size(), 2); // b is gone
        QCOMPARE(bySize->at(0).repository, QStringLiteral("a"));
        QCOMPARE(bySize->at(0).bytes, 12 * UsageRows::GB);
        QCOMPARE(bySize->at(1).repository, QStringLiteral("c"));
        auto firstDay = q.topByStoredBytes(Day1, 1);
        QCOMPARE(firstDay->size(), 1);
        QCOMPARE(firstDay->at(0).repository, QStringLiteral("b"));

        auto byEgress = q.topByEgress(Day1, Day1.addDays(30), 10);
        QVERIFY(byEgress.ok());
        QCOMPARE(byEgress->size(), 3);
        QCOMPARE(byEgress->at(0).repository, QStringLiteral("b"));
        QCOMPARE(byEgress->at(0).bytes, 7 * UsageRows::GB);
        QCOMPARE(byEgress->at(0).compartmentRowId, 2);
        QCOMPARE(byEgress->at(1).repository, QStringLiteral("a")); // 3 GB, before c by name
        QCOMPARE(byEgress->at(2).repository, QStringLiteral("c"));
        QCOMPARE(q.topByEgress(Day1, Day1.addDays(30), 1)->size(), 1);

        auto perCompartment = q.egressByCompartment(Day1, Day1.addDays(30));
        QCOMPARE(perCompartment->value(1), 3 * UsageRows::GB);
        QCOMPARE(perCompartment->value(2), 10 * UsageRows::GB);
    }

    void badPeriods()
    {
        UsageQueries q(*m_metadata);
        auto backwards = q.storageSeries(Day1, Day1.addDays(-1));
        QVERIFY(!backwards.ok());
        QVERIFY(backwards.error().message.contains(QStringLiteral("swap")));
        QVERIFY(!q.egressSeries(Day1, Day1.addDays(UsageQueries::MaxDays)).ok());
        QVERIFY(q.egressSeries(Day1, Day1.addDays(UsageQueries::MaxDays - 1)).ok());
        QVERIFY(!q.topByEgress(QDate(), Day1, 3).ok());
    }

    /// A year of daily samples for 300 repositories is read in well under a second.
    void yearOfSamplesIsFast()
    {
        auto filled = m_metadata->transaction([&]() -> Result<void> {
            for (int day = 0; day < 365; ++day) {
                const QString d = QDate(2025, 1, 1).addDays(day).toString(Qt::ISODate);
                for (int repo = 0; repo < 300; ++repo) {
                    auto ins = m_metadata->exec(
                        QStringLiteral("INSERT INTO storage_samples VALUES (?, ?, 1, ?, ?, 0)"),
                        {d, QStringLiteral("repo%1").arg(repo), qint64(repo) * 1000, 10});
                    if (!ins)
                        return ins.error();
                }
            }
            return {};
        });
        QVERIFY(filled.ok());
        UsageQueries q(*m_metadata);
        QElapsedTimer timer;
        timer.start();
        auto series = q.storageSeries(QDate(2025, 1, 1), QDate(2025, 12, 31));
        QVERIFY(series.ok());
        QCOMPARE(series->size(), 365);
        QCOMPARE(series->last().storedBytes, qint64(299 * 300 / 2) * 1000);
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestUsageQueries)
#include "tst_usagequeries.moc"
