// /api/v1/pricing and /api/v1/cost over a real HttpServer and RegistryService: reading the price sheet
// (signed in), changing it (administrators, validated, audited), the monthly cost report as JSON (checked
// against the documented schema) and as CSV (?format=csv and Accept: text/csv).
#include "ApiTestServer.h"
#include "SchemaCheck.h"
#include "audit/AuditLog.h"
#include "metadata/MetadataStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Pricing = QStringLiteral("/api/v1/pricing");
const QString Cost = QStringLiteral("/api/v1/cost");
constexpr qint64 GB = 1000000000;

} // namespace

class TestApiCost : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server{ApiTestServer::Options{true, true}};
    QJsonObject m_document;
    QDate m_lastMonth; ///< the month before the server clock's month: a complete month

    QJsonObject responseSchema(const QString& path, const char* method)
    {
        return m_document.value("paths")
            .toObject()
            .value(path)
            .toObject()
            .value(QLatin1String(method))
            .toObject()
            .value("responses")
            .toObject()
            .value("200")
            .toObject()
            .value("content")
            .toObject()
            .value("application/json")
            .toObject()
            .value("schema")
            .toObject();
    }

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
        const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/openapi.json"), QString());
        QCOMPARE(r.status, 200);
        m_document = r.json().object();
        const QDate today = m_server.registry().clock().now().toUTC().date();
        m_lastMonth = QDate(today.year(), today.month(), 1).addMonths(-1);

        // Last month: the tenancy holds 4 GB every day, compartment Team 1 GB; 30 GB sent from Team.
        exec(QStringLiteral("INSERT INTO compartments (id, ocid, parent_id, name, created_at) VALUES"
                            " (5, 'ocid1.compartment.berth..team', 1, 'Team', 0)"),
             {});
        for (QDate d = m_lastMonth; d.month() == m_lastMonth.month(); d = d.addDays(1)) {
            exec(QStringLiteral("INSERT INTO storage_samples VALUES (?, 'base', 1, ?, ?, 0)"),
                 {d.toString(Qt::ISODate), 4 * GB, 4 * GB});
            exec(QStringLiteral("INSERT INTO storage_samples VALUES (?, 'team/app', 5, ?, ?, 0)"),
                 {d.toString(Qt::ISODate), 1 * GB, 1 * GB});
        }
        exec(QStringLiteral("INSERT INTO usage_daily (day, repository, compartment_id, user_name, pulls,"
                            " egress_bytes) VALUES (?, 'team/app', 5, 'alice', 3, ?)"),
             {m_lastMonth.addDays(2).toString(Qt::ISODate), 30 * GB});
    }

    void defaultsUntilSet()
    {
        const RegistryResponse r = m_server.call("GET", Pricing, Alice);
        QCOMPARE(r.status, 200);
        const QJsonObject sheet = r.json().object();
        QCOMPARE(checkSchema(sheet, responseSchema(Pricing, "get"), m_document), QString());
        QCOMPARE(sheet.value("currency").toString(), QStringLiteral("USD"));
        QCOMPARE(sheet.value("storagePerGbMonth").toDouble(), 0.0255);
        QCOMPARE(sheet.value("bytesPerGb").toInteger(), GB);
        QVERIFY(sheet.value("updatedAt").isNull());
        QCOMPARE(m_server.call("GET", Pricing, QString()).status, 401);
    }

    void onlyAdministratorsChangePrices()
    {
        QCOMPARE(m_server.call("PUT", Pricing, Alice, QJsonObject{{"egressPerGb", 0}}).status, 403);
        QCOMPARE(m_server.call("GET", Cost, Alice).status, 403);
    }

    void badSheetsAreRefused_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("words");
        QTest::newRow("negative") << QJsonObject{{"storagePerGbMonth", -1}} << "0 or more";
        QTest::newRow("currency") << QJsonObject{{"currency", "dollars"}} << "ISO 4217";
        QTest::newRow("type") << QJsonObject{{"egressPerGb", "cheap"}} << "number";
        QTest::newRow("unknown") << QJsonObject{{"discount", 5}} << "discount";
    }

    void badSheetsAreRefused()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, words);
        const RegistryResponse r = m_server.call("PUT", Pricing, Admin, body);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.json().object().value("message").toString().contains(words), qPrintable(r.describe()));
    }

    void setPricesIsAuditedAndKept()
    {
        const QJsonObject body{{"currency", "EUR"},
                               {"storagePerGbMonth", 0.5},
                               {"egressPerGb", 0.1},
                               {"freeStorageGbMonths", 1},
                               {"freeEgressGb", 10}};
        RegistryResponse r = m_server.call("PUT", Pricing, Admin, body);
        QCOMPARE(r.status, 200);
        QCOMPARE(checkSchema(r.json().object(), responseSchema(Pricing, "put"), m_document), QString());
        QCOMPARE(r.json().object().value("updatedBy").toString(), Admin);

        // Fields left out keep their value.
        r = m_server.call("PUT", Pricing, Admin, QJsonObject{{"egressPerGb", 0.2}});
        QCOMPARE(r.status, 200);
        r = m_server.call("GET", Pricing, Alice);
        QCOMPARE(r.json().object().value("currency").toString(), QStringLiteral("EUR"));
        QCOMPARE(r.json().object().value("egressPerGb").toDouble(), 0.2);
        QCOMPARE(r.json().object().value("storagePerGbMonth").toDouble(), 0.5);
        QVERIFY(!r.json().object().value("updatedAt").isNull());

        QVERIFY(m_server.audit()->flush().ok());
        AuditFilter filter;
        filter.actor = Admin;
        auto records = m_server.audit()->query(filter);
        QVERIFY(records.ok());
        int found = 0;
        for (const AuditRecord& record : records.value().records)
            found += record.action == QLatin1String("api.setPricing") && record.target == Pricing ? 1 : 0;
        QCOMPARE(found, 2); // the refused ones are not changes
    }

    void costReportAsJson()
    {
        const QString month = m_lastMonth.toString(QStringLiteral("yyyy-MM"));
        const RegistryResponse r = m_server.call("GET", Cost + QStringLiteral("?month=") + month, Admin);
        QCOMPARE(r.status, 200);
        const QJsonObject report = r.json().object();
        QCOMPARE(checkSchema(report, responseSchema(Cost, "get"), m_document), QString());
        QCOMPARE(report.value("month").toString(), month);
        QVERIFY(!report.value("partial").toBool());
        QCOMPARE(report.value("currency").toString(), QStringLiteral("EUR"));
        const QJsonArray items = report.value("items").toArray();
        QCOMPARE(items.size(), 2);
        // 4 + 1 GB-months with 1 free (0.8 tenancy, 0.2 Team) at 0.5; 30 GB egress with 10 free at 0.2.
        const QJsonObject tenancy = items.at(0).toObject();
        QCOMPARE(tenancy.value("compartment").toString(), QString());
        QCOMPARE(tenancy.value("compartmentName").toString(), QStringLiteral("(tenancy)"));
        QCOMPARE(tenancy.value("storageGbMonths").toDouble(), 4.0);
        QCOMPARE(tenancy.value("freeStorageGbMonths").toDouble(), 0.8);
        QCOMPARE(tenancy.value("amount").toDouble(), 1.6);
        const QJsonObject team = items.at(1).toObject();
        QCOMPARE(team.value("compartment").toString(), QStringLiteral("Team"));
        QCOMPARE(team.value("compartmentId").toString(), QStringLiteral("ocid1.compartment.berth..team"));
        QCOMPARE(team.value("egressGb").toDouble(), 30.0);
        QCOMPARE(team.value("freeEgressGb").toDouble(), 10.0);
        QCOMPARE(team.value("egressAmount").toDouble(), 4.0);
        QCOMPARE(team.value("amount").toDouble(), 4.4);
        QCOMPARE(report.value("total").toObject().value("amount").toDouble(), 6.0);

        // The current month is the cost so far.
        const RegistryResponse now = m_server.call("GET", Cost, Admin);
        QCOMPARE(now.status, 200);
        QVERIFY(now.json().object().value("partial").toBool());
    }

    void costReportAsCsv()
    {
        const QString target =
            Cost + QStringLiteral("?month=") + m_lastMonth.toString(QStringLiteral("yyyy-MM"));
        const RegistryResponse byQuery = m_server.call("GET", target + QStringLiteral("&format=csv"), Admin);
        QCOMPARE(byQuery.status, 200);
        QVERIFY(byQuery.header("Content-Type").startsWith("text/csv"));
        QVERIFY(byQuery.header("Content-Disposition").contains(".csv"));
        const QList<QByteArray> lines = byQuery.body.split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].startsWith("month,compartment,compartment_id,storage_gb_months,"));
        QVERIFY2(lines[2].contains(",Team,ocid1.compartment.berth..team,1.000000,0.200000,0.800000,0.40,"),
                 lines[2].constData());
        QVERIFY2(lines[3].contains(",Total,,5.000000,1.000000,4.000000,2.00,30000000000,30.000000,10.000000,"
                                   "20.000000,4.00,6.00,EUR\r"),
                 lines[3].constData());

        RegistryClient::Headers headers{{"X-Test-User", Admin.toUtf8()}, {"Accept", "text/csv"}};
        const RegistryResponse byAccept = m_server.client().request("GET", target, headers);
        QCOMPARE(byAccept.status, 200);
        QCOMPARE(byAccept.body, byQuery.body);
    }

    void badMonths()
    {
        for (const char* month : {"2026-13", "last", "2026-1"}) {
            const RegistryResponse r = m_server.call("GET", Cost + QStringLiteral("?month=") + month, Admin);
            QCOMPARE(r.status, 400);
            QVERIFY(r.json().object().value("message").toString().contains(QStringLiteral("YYYY-MM")));
        }
        const QDate today = m_server.registry().clock().now().toUTC().date();
        const RegistryResponse future = m_server.call(
            "GET", Cost + QStringLiteral("?month=") + today.addMonths(2).toString(QStringLiteral("yyyy-MM")),
            Admin);
        QCOMPARE(future.status, 400);
        QCOMPARE(m_server.call("GET", Cost + QStringLiteral("?format=xml"), Admin).status, 400);
    }
};

QTEST_GUILESS_MAIN(TestApiCost)
#include "tst_api_cost.moc"
