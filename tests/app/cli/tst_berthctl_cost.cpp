// berthctl pricing show|set and berthctl cost, in-process against the real management API (ApiTestServer:
// HttpServer, RegistryService) with metering rows written straight into its database: the defaults, a
// change (administrators only, bad numbers refused before the request), the report as a table, as JSON
// and as CSV to a file and to standard output.

#include "CtlRun.h"
#include "metadata/MetadataStore.h"
#include "server/api/ApiTestServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using namespace berth::test;
using Run = berth::test::CtlRun;

namespace {

constexpr qint64 GB = 1000000000;

} // namespace

class TestBerthctlCost : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server;
    QTemporaryDir m_dir;
    QString m_month; ///< last month, "YYYY-MM": a complete month

    Run as(const QString& user, const QStringList& args)
    {
        return Run::as(m_server.client().baseUrl().toString(), user, QStringLiteral("secret"), args);
    }
    Run admin(const QStringList& args) { return as(QStringLiteral("admin"), args); }

    void exec(const QString& sql, const QVariantList& values)
    {
        MetadataStore& metadata = m_server.registry().metadata();
        auto done = metadata.transaction([&]() -> Result<void> {
            auto q = metadata.exec(sql, values);
            return q.ok() ? Result<void>() : Result<void>(q.error());
        });
        QVERIFY2(done.ok(), qPrintable(done.error().message));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        const QDate today = m_server.registry().clock().now().toUTC().date();
        const QDate first = QDate(today.year(), today.month(), 1).addMonths(-1);
        m_month = first.toString(QStringLiteral("yyyy-MM"));
        // Last month: 10 GB stored in the tenancy every day, 20 GB sent.
        for (QDate d = first; d.month() == first.month(); d = d.addDays(1))
            exec(QStringLiteral("INSERT INTO storage_samples VALUES (?, 'base', 1, ?, ?, 0)"),
                 {d.toString(Qt::ISODate), 10 * GB, 10 * GB});
        exec(QStringLiteral("INSERT INTO usage_daily (day, repository, compartment_id, user_name, pulls,"
                            " egress_bytes) VALUES (?, 'base', 1, '', 2, ?)"),
             {first.addDays(4).toString(Qt::ISODate), 20 * GB});
    }

    void showDefaults()
    {
        const Run shown = as(QStringLiteral("alice"), {QStringLiteral("pricing"), QStringLiteral("show")});
        EXPECT_EXIT(shown, 0);
        QVERIFY2(shown.out.contains(QStringLiteral("0.0255 USD per GB-month")), qPrintable(shown.out));
        QVERIFY(shown.out.contains(QStringLiteral("never (the defaults apply)")));
        QVERIFY(shown.out.contains(QStringLiteral("1000000000 bytes")));
    }

    void setPrices()
    {
        EXPECT_EXIT(as(QStringLiteral("alice"), {QStringLiteral("pricing"), QStringLiteral("set"),
                                                 QStringLiteral("--egress-gb"), QStringLiteral("1")}),
                    1);
        const Run bad = admin({QStringLiteral("pricing"), QStringLiteral("set"),
                               QStringLiteral("--egress-gb"), QStringLiteral("1,5")});
        EXPECT_EXIT(bad, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("decimal point")), qPrintable(bad.err));
        EXPECT_EXIT(admin({QStringLiteral("pricing"), QStringLiteral("set")}), 2);
        const Run negative = admin({QStringLiteral("pricing"), QStringLiteral("set"),
                                    QStringLiteral("--storage-gb-month"), QStringLiteral("-2")});
        EXPECT_EXIT(negative, 1);
        QVERIFY2(negative.err.contains(QStringLiteral("0 or more")), qPrintable(negative.describe()));

        const Run set =
            admin({QStringLiteral("pricing"), QStringLiteral("set"), QStringLiteral("--storage-gb-month"),
                   QStringLiteral("0.25"), QStringLiteral("--egress-gb"), QStringLiteral("0.1"),
                   QStringLiteral("--free-storage-gb-months"), QStringLiteral("2"),
                   QStringLiteral("--free-egress-gb"), QStringLiteral("5"), QStringLiteral("--currency"),
                   QStringLiteral("EUR")});
        EXPECT_EXIT(set, 0);
        QVERIFY2(set.out.contains(QStringLiteral("0.25 EUR per GB-month")), qPrintable(set.out));
        const Run json = admin({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("pricing"),
                                QStringLiteral("show")});
        EXPECT_EXIT(json, 0);
        QCOMPARE(json.object().value(QStringLiteral("egressPerGb")).toDouble(), 0.1);
        QCOMPARE(json.object().value(QStringLiteral("freeEgressGb")).toDouble(), 5.0);
        QCOMPARE(json.object().value(QStringLiteral("updatedBy")).toString(), QStringLiteral("admin"));
    }

    void costTable()
    {
        // 10 GB-months, 2 free, at 0.25 = 2.00; 20 GB egress, 5 free, at 0.10 = 1.50; 3.50 in all.
        const Run table = admin({QStringLiteral("cost"), QStringLiteral("--month"), m_month});
        EXPECT_EXIT(table, 0);
        QVERIFY2(table.out.contains(QStringLiteral("Cost of %1, in EUR").arg(m_month)),
                 qPrintable(table.out));
        const QStringList lines = table.out.split(QLatin1Char('\n'));
        bool tenancy = false;
        bool total = false;
        for (const QString& line : lines) {
            const QStringList cells = line.simplified().split(QLatin1Char(' '));
            if (cells.first() == QLatin1String("(tenancy)"))
                tenancy = cells == QStringList{QStringLiteral("(tenancy)"), QStringLiteral("10.000"),
                                               QStringLiteral("2.000"),     QStringLiteral("2.00"),
                                               QStringLiteral("20.000"),    QStringLiteral("5.000"),
                                               QStringLiteral("1.50"),      QStringLiteral("3.50")};
            if (cells.first() == QLatin1String("Total"))
                total = cells.last() == QLatin1String("3.50");
        }
        QVERIFY2(tenancy && total, qPrintable(table.out));

        const Run json = admin({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("cost"),
                                QStringLiteral("--month"), m_month});
        EXPECT_EXIT(json, 0);
        QCOMPARE(json.object()
                     .value(QStringLiteral("total"))
                     .toObject()
                     .value(QStringLiteral("amount"))
                     .toDouble(),
                 3.5);
        QCOMPARE(json.object().value(QStringLiteral("items")).toArray().size(), 1);

        // This month so far, and a month that is not one.
        const Run now = admin({QStringLiteral("cost")});
        EXPECT_EXIT(now, 0);
        QVERIFY2(now.out.contains(QStringLiteral("so far")), qPrintable(now.out));
        const Run bad = admin({QStringLiteral("cost"), QStringLiteral("--month"), QStringLiteral("May")});
        EXPECT_EXIT(bad, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("YYYY-MM")), qPrintable(bad.err));
        EXPECT_EXIT(as(QStringLiteral("alice"), {QStringLiteral("cost")}), 1);
    }

    void costCsv()
    {
        const QString path = m_dir.filePath(QStringLiteral("cost.csv"));
        const Run written = admin(
            {QStringLiteral("cost"), QStringLiteral("--month"), m_month, QStringLiteral("--csv"), path});
        EXPECT_EXIT(written, 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray csv = file.readAll();
        QVERIFY(csv.startsWith("month,compartment,compartment_id,storage_gb_months,"));
        QVERIFY2(
            csv.contains(QStringLiteral("%1,(tenancy),").arg(m_month).toUtf8() + "ocid1.tenancy.berth.."),
            csv.constData());
        QVERIFY2(
            csv.contains(",10.000000,2.000000,8.000000,2.00,20000000000,20.000000,5.000000,15.000000,1.50,"
                         "3.50,EUR\r\n"),
            csv.constData());

        const Run toStdout = admin({QStringLiteral("cost"), QStringLiteral("--month"), m_month,
                                    QStringLiteral("--csv"), QStringLiteral("-")});
        EXPECT_EXIT(toStdout, 0);
        QCOMPARE(toStdout.out.toUtf8(), csv);

        const Run nowhere = admin({QStringLiteral("cost"), QStringLiteral("--csv"),
                                   m_dir.filePath(QStringLiteral("missing/folder/cost.csv"))});
        EXPECT_EXIT(nowhere, 1);
        QVERIFY2(nowhere.err.contains(QStringLiteral("Could not write")), qPrintable(nowhere.err));
    }
};

QTEST_GUILESS_MAIN(TestBerthctlCost)
#include "tst_berthctl_cost.moc"
