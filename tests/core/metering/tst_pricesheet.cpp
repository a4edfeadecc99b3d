#include "metadata/MetadataStore.h"
#include "metering/PriceSheet.h"
#include "metering/PriceSheetStore.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>

using namespace berth;

class TestPriceSheet : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreValidAndModelledOnOci()
    {
        const PriceSheet sheet = PriceSheet::defaults();
        QVERIFY(sheet.validate().ok());
        QCOMPARE(sheet.currency, QStringLiteral("USD"));
        QCOMPARE(sheet.storagePerGbMonth, 0.0255);
        QCOMPARE(sheet.egressPerGb, 0.0085);
        QCOMPARE(sheet.freeEgressGb, 10000.0);
        QCOMPARE(PriceSheet::BytesPerGb, 1e9);
    }

    void rejectsBadValues_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("words");
        QTest::newRow("negative storage") << QJsonObject{{"storagePerGbMonth", -0.01}} << "storagePerGbMonth"
                                          << "0 or more";
        QTest::newRow("negative egress") << QJsonObject{{"egressPerGb", -1}} << "egressPerGb"
                                         << "0 or more";
        QTest::newRow("negative allowance") << QJsonObject{{"freeEgressGb", -5}} << "freeEgressGb"
                                            << "0 or more";
        QTest::newRow("huge") << QJsonObject{{"freeStorageGbMonths", 1e15}} << "freeStorageGbMonths"
                              << "too large";
        QTest::newRow("string price") << QJsonObject{{"egressPerGb", "0.1"}} << "egressPerGb"
                                      << "number";
        QTest::newRow("lower-case currency") << QJsonObject{{"currency", "usd"}} << "currency"
                                             << "ISO 4217";
        QTest::newRow("long currency") << QJsonObject{{"currency", "EURO"}} << "currency"
                                       << "three capital";
        QTest::newRow("symbol currency") << QJsonObject{{"currency", "$"}} << "currency"
                                         << "USD, EUR";
        QTest::newRow("number currency") << QJsonObject{{"currency", 978}} << "currency"
                                         << "string";
        QTest::newRow("unknown field") << QJsonObject{{"storagePrice", 1}} << "storagePrice"
                                       << "no field";
    }

    void rejectsBadValues()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, field);
        QFETCH(QString, words);
        auto sheet = PriceSheet::fromJson(json);
        QVERIFY(!sheet.ok());
        QVERIFY2(sheet.error().message.contains(words), qPrintable(sheet.error().message));
        QCOMPARE(sheet.error().detail.toObject().value("field").toString(), field);
        QCOMPARE(sheet.error().detail.toObject().value("reason").toString(), QStringLiteral("INVALID"));
    }

    void rejectsNotANumber()
    {
        PriceSheet sheet;
        sheet.egressPerGb = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(!sheet.validate().ok());
        sheet.egressPerGb = std::numeric_limits<double>::infinity();
        QVERIFY(!sheet.validate().ok());
        sheet.egressPerGb = 0; // free is fine
        QVERIFY(sheet.validate().ok());
    }

    void fromJsonKeepsAbsentFields()
    {
        PriceSheet base;
        base.currency = QStringLiteral("EUR");
        base.freeStorageGbMonths = 3;
        auto sheet = PriceSheet::fromJson(QJsonObject{{"egressPerGb", 0.02}}, base);
        QVERIFY(sheet.ok());
        QCOMPARE(sheet->currency, QStringLiteral("EUR"));
        QCOMPARE(sheet->freeStorageGbMonths, 3.0);
        QCOMPARE(sheet->egressPerGb, 0.02);
        QCOMPARE(sheet->storagePerGbMonth, base.storagePerGbMonth);
    }

    void storeRoundTrip()
    {
        QTemporaryDir dir;
        MetadataStore metadata(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(metadata.open().ok());
        PriceSheetStore store(metadata);

        auto first = store.load();
        QVERIFY(first.ok());
        QVERIFY(first.value() == PriceSheet::defaults());
        QVERIFY(!first->updatedAt.isValid());

        PriceSheet sheet;
        sheet.currency = QStringLiteral("GBP");
        sheet.storagePerGbMonth = 0.031;
        sheet.egressPerGb = 0.0123;
        sheet.freeStorageGbMonths = 0;
        sheet.freeEgressGb = 250.5;
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1780000000, Qt::UTC);
        auto saved = store.save(sheet, QStringLiteral("alice"), now);
        QVERIFY2(saved.ok(), qPrintable(saved.error().message));

        auto loaded = store.load();
        QVERIFY(loaded.ok());
        QVERIFY(loaded.value() == sheet);
        QCOMPARE(loaded->updatedAt, now);
        QCOMPARE(loaded->updatedBy, QStringLiteral("alice"));

        // Saving again replaces the one row.
        sheet.egressPerGb = 0.5;
        QVERIFY(store.save(sheet, QStringLiteral("bob"), now.addSecs(60)).ok());
        QCOMPARE(store.load()->egressPerGb, 0.5);
        QCOMPARE(store.load()->updatedBy, QStringLiteral("bob"));
        auto rows = metadata.exec(
            QStringLiteral("SELECT COUNT(*), value FROM registry_settings WHERE key = 'pricing'"));
        QVERIFY(rows.ok() && rows->next());
        QCOMPARE(rows->value(0).toInt(), 1);
        QVERIFY(rows->value(1).toString().contains(QStringLiteral("\"currency\":\"GBP\"")));

        // An invalid sheet is refused and leaves the stored one alone.
        sheet.storagePerGbMonth = -1;
        QVERIFY(!store.save(sheet, QStringLiteral("mallory"), now).ok());
        QCOMPARE(store.load()->updatedBy, QStringLiteral("bob"));
    }

    void storedGarbageIsAClearError()
    {
        QTemporaryDir dir;
        MetadataStore metadata(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(metadata.open().ok());
        QVERIFY(metadata
                    .transaction([&]() -> Result<void> {
                        auto q = metadata.exec(QStringLiteral("INSERT INTO registry_settings (key, value, "
                                                              "updated_at) VALUES ('pricing', "
                                                              "'{\"egressPerGb\": -3}', 0)"));
                        return q.ok() ? Result<void>() : Result<void>(q.error());
                    })
                    .ok());
        auto loaded = PriceSheetStore(metadata).load();
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.contains(QStringLiteral("berthctl pricing set")),
                 qPrintable(loaded.error().message));
    }
};

QTEST_GUILESS_MAIN(TestPriceSheet)
#include "tst_pricesheet.moc"
