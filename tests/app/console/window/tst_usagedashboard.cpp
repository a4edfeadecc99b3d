// The usage dashboard (offscreen) over a real RegistryHost with a ManualClock and metering rows written
// straight into the tables: the charts' series hold the expected points (storage over time with a day
// carried forward, egress per day, the top repositories; for the registry and for one compartment), the cost
// table the expected amounts for the month so far and another month, "Export CSV" writes the report's CSV,
// and the price sheet dialog refuses a bad currency and saves a good sheet (audited), after which the amounts
// follow the new prices.

#include "audit/AuditLog.h"
#include "core/metering/UsageRows.h"
#include "dialogs/PriceSheetDialog.h"
#include "host/RegistryHost.h"
#include "jobs/JobRunner.h"
#include "metering/CostReportCsv.h"
#include "metering/PriceSheetStore.h"
#include "registry/RegistryService.h"
#include "views/UsageDashboard.h"
#include "views/UsageDashboardCharts.h"
#include "views/UsageDashboardLoader.h"

#include <QBarSet>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

namespace {

const QDate Today(2026, 4, 20);

QString amount(double value)
{
    return QLocale().toString(value, 'f', 2);
}

} // namespace

class TestUsageDashboard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{QDateTime(Today, QTime(12, 0), Qt::UTC)};
    std::unique_ptr<JobRunner> m_runner;
    std::unique_ptr<RegistryHost> m_host;
    std::unique_ptr<UsageDashboard> m_dashboard;

    QStringList column(int index) const
    {
        QStringList out;
        for (int row = 0; row < m_dashboard->costTable()->rowCount(); ++row)
            out << m_dashboard->costTable()->item(row, index)->text();
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        JobRunner::Options jobOptions;
        jobOptions.clock = &m_clock;
        m_runner = std::make_unique<JobRunner>(jobOptions);
        RegistryHost::Options options;
        options.dataDirectory = m_dir.path();
        options.clock = &m_clock;
        options.jobRunner = m_runner.get();
        m_host = std::make_unique<RegistryHost>(options);
        QVERIFY(m_host->open().ok());

        MetadataStore& metadata = m_host->registry().metadata();
        UsageRows rows(metadata);
        rows.compartment(2, 1, QStringLiteral("Apps"));
        rows.samples(QDate(2026, 4, 1), Today, QStringLiteral("base"), 1, 2);
        rows.samples(QDate(2026, 4, 1), QDate(2026, 4, 10), QStringLiteral("apps/web"), 2, 1);
        rows.samples(QDate(2026, 4, 11), Today, QStringLiteral("apps/web"), 2, 3);
        rows.usage(QDate(2026, 4, 18), QStringLiteral("apps/web"), 2, QStringLiteral("alice"), 5);
        rows.usage(QDate(2026, 4, 19), QStringLiteral("base"), 1, QString(), 1);
        rows.usage(Today, QStringLiteral("apps/web"), 2, QStringLiteral("bob"), 2);
        PriceSheet prices;
        prices.currency = QStringLiteral("USD");
        prices.storagePerGbMonth = 1.0;
        prices.egressPerGb = 0.5;
        prices.freeStorageGbMonths = 0;
        prices.freeEgressGb = 0;
        QVERIFY(PriceSheetStore(metadata).save(prices, QStringLiteral("test"), m_clock.now()).ok());

        m_dashboard = std::make_unique<UsageDashboard>(*m_host);
        QSignalSpy shown(m_dashboard.get(), &UsageDashboard::shown);
        m_dashboard->show();
        QVERIFY(shown.wait(10000));
    }

    void storageOverTime()
    {
        // 30 days, 03-22 .. 04-20: nothing before the first sample, 3 GB, then 5 GB from the 11th.
        QLineSeries* series = m_dashboard->charts().storageSeries();
        QVERIFY(series);
        QCOMPARE(series->count(), 30);
        QCOMPARE(series->at(0).y(), 0.0);
        QCOMPARE(qint64(series->at(0).x()), QDate(2026, 3, 22).startOfDay(Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(series->at(10).y(), 3.0); // 04-01
        QCOMPARE(series->at(19).y(), 3.0); // 04-10
        QCOMPARE(series->at(20).y(), 5.0); // 04-11
        QCOMPARE(series->at(29).y(), 5.0);
        QCOMPARE(qint64(series->at(29).x()), Today.startOfDay(Qt::UTC).toMSecsSinceEpoch());
    }

    void egressPerDay()
    {
        QBarSet* bars = m_dashboard->charts().egressBars();
        QVERIFY(bars);
        QCOMPARE(bars->count(), 30);
        QCOMPARE(bars->at(27), 5.0); // 04-18
        QCOMPARE(bars->at(28), 1.0);
        QCOMPARE(bars->at(29), 2.0);
        double sum = 0;
        for (int i = 0; i < bars->count(); ++i)
            sum += bars->at(i);
        QCOMPARE(sum, 8.0);
    }

    void topRepositories()
    {
        // Largest last (shown on top of the horizontal bars).
        QCOMPARE(m_dashboard->charts().topStoredNames(),
                 (QStringList{QStringLiteral("base"), QStringLiteral("apps/web")}));
        QCOMPARE(m_dashboard->charts().topStoredBars()->at(0), 2.0);
        QCOMPARE(m_dashboard->charts().topStoredBars()->at(1), 3.0);
        QCOMPARE(m_dashboard->charts().topEgressNames(),
                 (QStringList{QStringLiteral("base"), QStringLiteral("apps/web")}));
        QCOMPARE(m_dashboard->charts().topEgressBars()->at(0), 1.0);
        QCOMPARE(m_dashboard->charts().topEgressBars()->at(1), 7.0);
    }

    void costOfTheMonthSoFar()
    {
        // Through the 20th of 30 days. Tenancy: 2 GB x 20 days = 1.333 GB-months at 1.00, 1 GB egress at
        // 0.50 = 1.83. Apps: 1 GB x 10 + 3 GB x 10 = 1.333 GB-months, 7 GB egress = 4.83.
        QVERIFY(m_dashboard->data().cost.partial);
        QCOMPARE(m_dashboard->costTable()->rowCount(), 3);
        QCOMPARE(column(0),
                 (QStringList{QStringLiteral("(tenancy)"), QStringLiteral("Apps"), QStringLiteral("Total")}));
        QCOMPARE(column(3), (QStringList{amount(1.33), amount(1.33), amount(2.67)}));
        QCOMPARE(column(6), (QStringList{amount(0.5), amount(3.5), amount(4.0)}));
        QCOMPARE(column(7), (QStringList{amount(1.83), amount(4.83), amount(6.67)}));
    }

    /// The charts of one compartment (and those below it); the cost report stays the registry's.
    void chartsOfACompartment()
    {
        QSignalSpy shown(m_dashboard.get(), &UsageDashboard::shown);
        QVERIFY(m_dashboard->setScope(CompartmentPath(QStringList{QStringLiteral("Apps")})));
        QVERIFY(shown.wait(10000));
        QCOMPARE(m_dashboard->data().scopeRowId, 2);
        QLineSeries* series = m_dashboard->charts().storageSeries();
        QCOMPARE(series->count(), 30);
        QCOMPARE(series->at(10).y(), 1.0);
        QCOMPARE(series->at(29).y(), 3.0);
        QCOMPARE(m_dashboard->charts().egressBars()->at(27), 5.0);
        QCOMPARE(m_dashboard->charts().egressBars()->at(28), 0.0); // base is in the tenancy
        QCOMPARE(m_dashboard->charts().topStoredNames(), QStringList{QStringLiteral("apps/web")});
        QCOMPARE(m_dashboard->costTable()->rowCount(), 3);

        QVERIFY(m_dashboard->setScope(CompartmentPath()));
        QVERIFY(shown.wait(10000));
        QCOMPARE(m_dashboard->data().scopeRowId, 0);
        QCOMPARE(m_dashboard->charts().storageSeries()->at(29).y(), 5.0);
    }

    void anotherMonth()
    {
        QSignalSpy shown(m_dashboard.get(), &UsageDashboard::shown);
        m_dashboard->setMonth(QDate(2026, 3, 1));
        QVERIFY(shown.wait(10000));
        QCOMPARE(m_dashboard->data().cost.monthText(), QStringLiteral("2026-03"));
        QVERIFY(!m_dashboard->data().cost.partial);
        QCOMPARE(column(0), (QStringList{QStringLiteral("Total")}));
        QCOMPARE(column(7), (QStringList{amount(0)}));
        m_dashboard->setMonth(QDate(2026, 4, 1));
        QVERIFY(shown.wait(10000));
        QCOMPARE(m_dashboard->costTable()->rowCount(), 3);
    }

    void exportCsv()
    {
        const QString path = m_dir.filePath(QStringLiteral("cost.csv"));
        QVERIFY2(m_dashboard->exportCsv(path), qPrintable(m_dashboard->lastError()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray csv = file.readAll();
        QCOMPARE(csv, CostReportCsv::write(m_dashboard->data().cost));
        QVERIFY(csv.contains("2026-04,Apps,ocid1.compartment.berth..2,1.333333,0.000000,1.333333,1.33,"
                             "7000000000,7.000000,0.000000,7.000000,3.50,4.83,USD\r\n"));
        QVERIFY(!m_dashboard->exportCsv(m_dir.filePath(QStringLiteral("no/such/folder/cost.csv"))));
        QVERIFY(m_dashboard->lastError().contains(QStringLiteral("Could not write")));
    }

    void priceSheetDialog()
    {
        QSignalSpy shown(m_dashboard.get(), &UsageDashboard::shown);
        m_dashboard->editPrices();
        auto* dialog = m_dashboard->findChild<PriceSheetDialog*>();
        QVERIFY(dialog);
        QCOMPARE(dialog->currencyEdit()->text(), QStringLiteral("USD"));
        QCOMPARE(dialog->storageEdit()->value(), 1.0);
        dialog->currencyEdit()->setText(QStringLiteral("eu"));
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->problemText().contains(QStringLiteral("ISO 4217")),
                 qPrintable(dialog->problemText()));

        dialog->currencyEdit()->setText(QStringLiteral("EUR"));
        dialog->storageEdit()->setValue(3.0);
        dialog->accept();
        QVERIFY(shown.wait(10000));
        auto saved = PriceSheetStore(m_host->registry().metadata()).load();
        QVERIFY(saved.ok());
        QCOMPARE(saved->currency, QStringLiteral("EUR"));
        QCOMPARE(saved->storagePerGbMonth, 3.0);
        QCOMPARE(saved->egressPerGb, 0.5);
        // Apps: 1.333 GB-months at 3.00 = 4.00, plus 3.50 egress.
        QCOMPARE(column(3), (QStringList{amount(4.0), amount(4.0), amount(8.0)}));
        QCOMPARE(column(7).at(1), amount(7.5));

        QVERIFY(m_host->audit().flush().ok());
        AuditFilter filter;
        filter.actionPrefix = QStringLiteral("console.setPricing");
        auto records = m_host->audit().query(filter);
        QVERIFY(records.ok());
        QCOMPARE(records->records.size(), 1);
        QCOMPARE(records->records.first().details.value(QStringLiteral("currency")).toString(),
                 QStringLiteral("EUR"));
    }

    void cleanupTestCase()
    {
        m_dashboard.reset();
        m_host.reset();
        m_runner.reset();
    }
};

QTEST_MAIN(TestUsageDashboard)
#include "tst_usagedashboard.moc"
