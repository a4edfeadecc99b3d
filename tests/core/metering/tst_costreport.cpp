#include "UsageRows.h"
#include "metadata/MetadataStore.h"
#include "metering/CostReport.h"
#include "metering/CostReportCsv.h"

#include <QJsonArray>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

namespace {

const QDate April(2026, 4, 1);

PriceSheet euroSheet()
{
    PriceSheet p;
    p.currency = QStringLiteral("EUR");
    p.storagePerGbMonth = 0.10;
    p.egressPerGb = 0.05;
    p.freeStorageGbMonths = 10;
    p.freeEgressGb = 100;
    return p;
}

} // namespace

class TestCostReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<MetadataStore> m_metadata;

    UsageRows rows() { return UsageRows(*m_metadata); }

private slots:
    void init()
    {
        m_metadata = std::make_unique<MetadataStore>(
            m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())));
        QVERIFY(m_metadata->open().ok());
    }

    void cleanup() { m_metadata.reset(); }

    /// Two compartments, every day of April sampled; the allowances shared out in proportion.
    void fullMonthWithAllowances()
    {
        UsageRows r = rows();
        r.compartment(2, 1, QStringLiteral("Apps"));
        r.compartment(3, 2, QStringLiteral("Backend"));
        r.samples(April, QDate(2026, 4, 30), QStringLiteral("apps/web"), 2, 30);
        r.samples(April, QDate(2026, 4, 30), QStringLiteral("backend/api"), 3, 10);
        r.sample(QDate(2026, 3, 31), QStringLiteral("apps/web"), 2, 500); // other months do not count
        r.sample(QDate(2026, 5, 1), QStringLiteral("apps/web"), 2, 500);
        r.usage(QDate(2026, 4, 3), QStringLiteral("apps/web"), 2, QStringLiteral("alice"), 150);
        r.usage(QDate(2026, 4, 3), QStringLiteral("apps/web"), 2, QString(), 50);
        r.usage(QDate(2026, 4, 20), QStringLiteral("apps/web"), 2, QStringLiteral("bob"), 100);
        r.usage(QDate(2026, 4, 5), QStringLiteral("backend/api"), 3, QStringLiteral("alice"), 100);
        r.usage(QDate(2026, 3, 31), QStringLiteral("apps/web"), 2, QStringLiteral("alice"), 999);
        r.usage(QDate(2026, 5, 1), QStringLiteral("backend/api"), 3, QStringLiteral("alice"), 999);

        auto report = CostReport::compute(*m_metadata, euroSheet(), QDate(2026, 4, 17), QDate(2026, 5, 10));
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QCOMPARE(report->monthText(), QStringLiteral("2026-04"));
        QVERIFY(!report->partial);
        QCOMPARE(report->through, QDate(2026, 4, 30));
        QCOMPARE(report->daysCounted, 30);
        QCOMPARE(report->lines.size(), 2);

        // Storage 30 + 10 = 40 GB-months, 10 free: Apps gets 7.5 of them, Backend 2.5.
        // Egress 300 + 100 = 400 GB, 100 free: Apps 75, Backend 25.
        const CostLine& apps = report->lines[0];
        QCOMPARE(apps.compartmentPath, QStringLiteral("Apps"));
        QCOMPARE(apps.compartmentId, QStringLiteral("ocid1.compartment.berth..2"));
        QCOMPARE(apps.storageGbMonths, 30.0);
        QCOMPARE(apps.freeStorageGbMonths, 7.5);
        QCOMPARE(apps.billableStorageGbMonths, 22.5);
        QCOMPARE(CostReport::roundMoney(apps.storageAmount), 2.25);
        QCOMPARE(apps.egressGb, 300.0);
        QCOMPARE(apps.freeEgressGb, 75.0);
        QCOMPARE(CostReport::roundMoney(apps.egressAmount), 11.25);
        QCOMPARE(CostReport::roundMoney(apps.amount), 13.50);

        const CostLine& backend = report->lines[1];
        QCOMPARE(backend.compartmentPath, QStringLiteral("Apps:Backend"));
        QCOMPARE(backend.storageGbMonths, 10.0);
        QCOMPARE(backend.freeStorageGbMonths, 2.5);
        QCOMPARE(CostReport::roundMoney(backend.storageAmount), 0.75);
        QCOMPARE(backend.freeEgressGb, 25.0);
        QCOMPARE(CostReport::roundMoney(backend.egressAmount), 3.75);
        QCOMPARE(CostReport::roundMoney(backend.amount), 4.50);

        QCOMPARE(report->total.storageGbMonths, 40.0);
        QCOMPARE(report->total.freeStorageGbMonths, 10.0);
        QCOMPARE(report->total.egressBytes, 400 * UsageRows::GB);
        QCOMPARE(report->total.freeEgressGb, 100.0);
        QCOMPARE(CostReport::roundMoney(report->total.amount), 18.00);

        const QJsonObject json = report->toJson();
        QCOMPARE(json.value("month").toString(), QStringLiteral("2026-04"));
        QCOMPARE(json.value("currency").toString(), QStringLiteral("EUR"));
        QCOMPARE(json.value("total").toObject().value("amount").toDouble(), 18.0);
        QCOMPARE(json.value("items").toArray().at(1).toObject().value("compartment").toString(),
                 QStringLiteral("Apps:Backend"));

        // The CSV, byte for byte, in a locale that writes decimal commas.
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QByteArray csv = CostReportCsv::write(report.value());
        QLocale::setDefault(QLocale::c());
        const QList<QByteArray> lines = csv.split('\n');
        QCOMPARE(lines.size(), 5); // header, 2 compartments, total, and the empty rest after the last CRLF
        QCOMPARE(lines[0],
                 QByteArray("month,compartment,compartment_id,storage_gb_months,free_storage_gb_months,"
                            "billable_storage_gb_months,storage_amount,egress_bytes,egress_gb,"
                            "free_egress_gb,billable_egress_gb,egress_amount,amount,currency\r"));
        QCOMPARE(lines[1],
                 QByteArray("2026-04,Apps,ocid1.compartment.berth..2,30.000000,7.500000,22.500000,2.25,"
                            "300000000000,300.000000,75.000000,225.000000,11.25,13.50,EUR\r"));
        QCOMPARE(lines[2],
                 QByteArray("2026-04,Apps:Backend,ocid1.compartment.berth..3,10.000000,2.500000,"
                            "7.500000,0.75,100000000000,100.000000,25.000000,75.000000,3.75,4.50,EUR\r"));
        QCOMPARE(lines[3],
                 QByteArray("2026-04,Total,,40.000000,10.000000,30.000000,3.00,400000000000,400.000000,"
                            "100.000000,300.000000,15.00,18.00,EUR\r"));
        QVERIFY(lines[4].isEmpty());
    }

    /// Days the sampler did not run carry the last sampled day forward; a repository missing from a
    /// sampled day holds nothing; a compartment deleted since is still billed.
    void monthWithMissingDays()
    {
        UsageRows r = rows();
        r.sample(QDate(2026, 3, 31), QStringLiteral("r"), 1, 30);
        r.sample(QDate(2026, 3, 31), QStringLiteral("d"), 1, 15);
        r.sample(QDate(2026, 4, 11), QStringLiteral("r"), 1, 60);       // d was deleted by then
        r.sample(QDate(2026, 4, 11), QStringLiteral("gone/app"), 9, 3); // compartment row 9 is gone
        r.sample(QDate(2026, 4, 21), QStringLiteral("r"), 1, 60);

        PriceSheet p;
        p.storagePerGbMonth = 0.02;
        p.freeStorageGbMonths = 0;
        p.freeEgressGb = 0;
        auto report = CostReport::compute(*m_metadata, p, April, QDate(2026, 5, 2));
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QCOMPARE(report->lines.size(), 2);
        // r: 10 days of 30 GB, then 20 of 60 GB; d: 10 days of 15 GB. 1650 GB-days / 30 days.
        const CostLine& tenancy = report->lines[0];
        QCOMPARE(CostReport::displayPath(tenancy), QStringLiteral("(tenancy)"));
        QCOMPARE(tenancy.storageByteDays, 1650 * UsageRows::GB);
        QCOMPARE(tenancy.storageGbMonths, 55.0);
        QCOMPARE(CostReport::roundMoney(tenancy.amount), 1.10);
        // gone/app: 3 GB from the 11th to the 20th (absent on the sampled 21st): 30 GB-days = 1 GB-month.
        const CostLine& gone = report->lines[1];
        QVERIFY(gone.deletedCompartment);
        QCOMPARE(CostReport::displayPath(gone), QStringLiteral("(deleted compartment 9)"));
        QCOMPARE(gone.storageGbMonths, 1.0);
        QCOMPARE(CostReport::roundMoney(report->total.amount), 1.12);
    }

    void currentMonthSoFar()
    {
        UsageRows r = rows();
        r.samples(April, QDate(2026, 4, 15), QStringLiteral("r"), 1, 60);
        r.usage(QDate(2026, 4, 15), QStringLiteral("r"), 1, QString(), 2);
        PriceSheet p = euroSheet();
        p.freeStorageGbMonths = 0;
        p.freeEgressGb = 0;
        auto report = CostReport::compute(*m_metadata, p, April, QDate(2026, 4, 15));
        QVERIFY(report.ok());
        QVERIFY(report->partial);
        QCOMPARE(report->through, QDate(2026, 4, 15));
        QCOMPARE(report->daysCounted, 15);
        QCOMPARE(report->daysInMonth, 30);
        QCOMPARE(report->total.storageGbMonths, 30.0); // 15 days of 60 GB out of 30
        QCOMPARE(CostReport::roundMoney(report->total.amount), 3.10);
        QVERIFY(report->toJson().value("partial").toBool());

        auto future = CostReport::compute(*m_metadata, p, QDate(2026, 5, 1), QDate(2026, 4, 15));
        QVERIFY(!future.ok());
        QVERIFY2(future.error().message.contains(QStringLiteral("has not started")),
                 qPrintable(future.error().message));
    }

    void allowanceLargerThanUsage()
    {
        UsageRows r = rows();
        r.samples(April, QDate(2026, 4, 30), QStringLiteral("r"), 1, 3);
        r.usage(QDate(2026, 4, 2), QStringLiteral("r"), 1, QString(), 40);
        auto report = CostReport::compute(*m_metadata, euroSheet(), April, QDate(2026, 6, 1));
        QVERIFY(report.ok());
        QCOMPARE(report->total.freeStorageGbMonths, 3.0); // never more than was used
        QCOMPARE(report->total.freeEgressGb, 40.0);
        QCOMPARE(report->total.amount, 0.0);
    }

    void emptyMonth()
    {
        auto report = CostReport::compute(*m_metadata, euroSheet(), QDate(2025, 2, 1), QDate(2026, 6, 1));
        QVERIFY(report.ok());
        QVERIFY(report->lines.isEmpty());
        QCOMPARE(report->daysInMonth, 28);
        QCOMPARE(CostReportCsv::write(report.value()).count('\n'), 2); // header and total
    }

    void parseMonth()
    {
        QCOMPARE(CostReport::parseMonth(QStringLiteral("2026-02")).value(), QDate(2026, 2, 1));
        for (const char* bad : {"2026-13", "2026-2", "26-02", "2026-02-01", "February", ""}) {
            auto month = CostReport::parseMonth(QString::fromLatin1(bad));
            QVERIFY2(!month.ok(), bad);
            QVERIFY(month.error().message.contains(QStringLiteral("YYYY-MM")));
        }
    }

    void csvQuoting()
    {
        QCOMPARE(CostReportCsv::field(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(CostReportCsv::field(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(CostReportCsv::field(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(CostReportCsv::field(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        QCOMPARE(CostReportCsv::field(QStringLiteral("cr\r")), QStringLiteral("\"cr\r\""));
        QCOMPARE(CostReportCsv::field(QString()), QString());
        QCOMPARE(CostReportCsv::record({QStringLiteral("x"), QStringLiteral("y,z"), QString()}),
                 QStringLiteral("x,\"y,z\","));
    }
};

QTEST_GUILESS_MAIN(TestCostReport)
#include "tst_costreport.moc"
