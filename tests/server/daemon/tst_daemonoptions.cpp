#include "daemon/DaemonOptions.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace berth;

namespace {
QString dataFile(const char* name)
{
    return QStringLiteral(BERTH_TEST_DATA "/daemon/") + QLatin1String(name);
}
} // namespace

class TestDaemonOptions : public QObject
{
    Q_OBJECT

private slots:
    void parsesListenAddresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("v4") << "127.0.0.1:5000" << true << "127.0.0.1" << 5000;
        QTest::newRow("port 0") << "127.0.0.1:0" << true << "127.0.0.1" << 0;
        QTest::newRow("v6") << "[::1]:5001" << true << "::1" << 5001;
        QTest::newRow("any") << ":5002" << true << "0.0.0.0" << 5002;
        QTest::newRow("localhost") << "localhost:5003" << true << "127.0.0.1" << 5003;
        QTest::newRow("no port") << "127.0.0.1" << false << "" << 0;
        QTest::newRow("port too big") << "127.0.0.1:65536" << false << "" << 0;
        QTest::newRow("port not a number") << "127.0.0.1:http" << false << "" << 0;
        QTest::newRow("host name") << "example.org:5000" << false << "" << 0;
        QTest::newRow("empty") << "" << false << "" << 0;
    }

    void parsesListenAddresses()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        DaemonOptions options;
        QString error;
        QCOMPARE(DaemonOptions::parseListen(text, &options, &error), ok);
        if (ok) {
            QFETCH(QString, host);
            QFETCH(int, port);
            QCOMPARE(options.address.toString(), host);
            QCOMPARE(int(options.port), port);
            QVERIFY(error.isEmpty());
        } else {
            QVERIFY2(error.contains(QStringLiteral("HOST:PORT")) ||
                         error.contains(QStringLiteral("IP address")),
                     qPrintable(error));
        }
    }

    void readsAValidConfigFile()
    {
        DaemonOptions options;
        QString error;
        QVERIFY2(DaemonOptions::readConfigFile(dataFile("valid.json"), &options, &error), qPrintable(error));
        QCOMPARE(options.address, QHostAddress(QStringLiteral("::1")));
        QCOMPARE(int(options.port), 5051);
        QCOMPARE(options.dataDirectory, QStringLiteral("/srv/berth"));
        QCOMPARE(options.logLevel, QStringLiteral("debug"));
        QCOMPARE(options.limits.workerThreads, 3);
        QCOMPARE(options.limits.idleTimeoutMs, 7000);
    }

    void readsTheMaintenanceSection()
    {
        QTemporaryDir dir;
        auto write = [&dir](const QByteArray& json) {
            QFile file(dir.filePath(QStringLiteral("berthd.json")));
            file.open(QIODevice::WriteOnly | QIODevice::Truncate);
            file.write(json);
            return file.fileName();
        };
        DaemonOptions defaults;
        QCOMPARE(defaults.gcIntervalSeconds, qint64(24 * 3600));
        QCOMPARE(defaults.scrubIntervalSeconds, qint64(168 * 3600));
        QCOMPARE(defaults.gcGracePeriodSeconds, qint64(3600));
        QCOMPARE(defaults.retentionIntervalSeconds, qint64(3600));
        QCOMPARE(defaults.usageSampleIntervalSeconds, qint64(3600));

        DaemonOptions options;
        QString error;
        QVERIFY2(DaemonOptions::readConfigFile(
                     write(R"({"maintenance": {"gcIntervalHours": 6, "scrubIntervalHours": 0,
                               "gcGracePeriodMinutes": 90, "retentionIntervalMinutes": 15,
                               "usageSampleIntervalMinutes": 0}})"),
                     &options, &error),
                 qPrintable(error));
        QCOMPARE(options.gcIntervalSeconds, qint64(6 * 3600));
        QCOMPARE(options.scrubIntervalSeconds, qint64(0));
        QCOMPARE(options.gcGracePeriodSeconds, qint64(90 * 60));
        QCOMPARE(options.retentionIntervalSeconds, qint64(15 * 60));
        QCOMPARE(options.usageSampleIntervalSeconds, qint64(0));

        for (const QByteArray& bad :
             {QByteArray(R"({"maintenance": {"gcIntervalHours": -1}})"),
              QByteArray(R"({"maintenance": {"gcIntervalHours": 1.5}})"),
              QByteArray(R"({"maintenance": {"gcIntervalHours": "daily"}})"),
              QByteArray(R"({"maintenance": {"retentionIntervalMinutes": -5}})"),
              QByteArray(R"({"maintenance": {"usageSampleIntervalMinutes": "hourly"}})"),
              QByteArray(R"({"maintenance": {"gcEvery": 3}})"), QByteArray(R"({"maintenance": 24})")}) {
            DaemonOptions rejected;
            QVERIFY2(!DaemonOptions::readConfigFile(write(bad), &rejected, &error), bad.constData());
            QVERIFY2(error.contains(QStringLiteral("\"maintenance\"")), qPrintable(error));
        }
    }

    void readsTheStorageSection()
    {
        QTemporaryDir dir;
        auto write = [&dir](const QByteArray& json) {
            QFile file(dir.filePath(QStringLiteral("berthd.json")));
            file.open(QIODevice::WriteOnly | QIODevice::Truncate);
            file.write(json);
            return file.fileName();
        };
        QVERIFY(DaemonOptions().storage.domains.isEmpty());

        DaemonOptions options;
        QString error;
        QVERIFY2(
            DaemonOptions::readConfigFile(
                write(
                    R"({"storage": {"domains": ["/d1/berth", "/d2/berth", "/d3/berth"], "writeQuorum": 2}})"),
                &options, &error),
            qPrintable(error));
        QCOMPARE(options.storage.domains,
                 QStringList({QStringLiteral("/d1/berth"), QStringLiteral("/d2/berth"),
                              QStringLiteral("/d3/berth")}));
        QCOMPARE(options.storage.writeQuorum, 2);

        const QList<QPair<QByteArray, QString>> bad{
            {R"({"storage": {"domains": ["/d1", "/d2"], "writeQuorum": 3}})",
             QStringLiteral("writeQuorum is 3")},
            {R"({"storage": {"domains": ["/d1", "/d1"]}})", QStringLiteral("listed twice")},
            {R"({"storage": {"domains": ["/d1", "/d1/x"]}})", QStringLiteral("nested")},
            {R"({"storage": {"domains": ["d1"]}})", QStringLiteral("absolute")},
            {R"({"storage": {"domains": "/d1"}})", QStringLiteral("list of directories")},
            {R"({"storage": {"domains": ["/d1"], "writeQuorum": 1.5}})", QStringLiteral("whole number")},
            {R"({"storage": {"disks": ["/d1"]}})", QStringLiteral("unknown setting \"disks\"")},
            {R"({"storage": ["/d1"]})", QStringLiteral("must be an object")},
        };
        for (const auto& [json, message] : bad) {
            DaemonOptions rejected;
            QVERIFY2(!DaemonOptions::readConfigFile(write(json), &rejected, &error), json.constData());
            QVERIFY2(error.contains(message), qPrintable(error));
        }
    }

    void readsTheLimitsSection()
    {
        QTemporaryDir dir;
        auto write = [&dir](const QByteArray& json) {
            QFile file(dir.filePath(QStringLiteral("berthd.json")));
            file.open(QIODevice::WriteOnly | QIODevice::Truncate);
            file.write(json);
            return file.fileName();
        };
        QCOMPARE(DaemonOptions().registryLimits.repositories, qint64(500));
        QCOMPARE(DaemonOptions().registryLimits.imagesPerRepository, qint64(100000));

        DaemonOptions options;
        QString error;
        QVERIFY2(DaemonOptions::readConfigFile(write(R"({"limits": {"repositories": 3}})"), &options, &error),
                 qPrintable(error));
        QCOMPARE(options.registryLimits.repositories, qint64(3));
        QCOMPARE(options.registryLimits.imagesPerRepository, qint64(100000)); // the default stands
        QVERIFY2(DaemonOptions::readConfigFile(write(R"({"limits": {"imagesPerRepository": 250000}})"),
                                               &options, &error),
                 qPrintable(error));
        QCOMPARE(options.registryLimits.imagesPerRepository, qint64(250000));

        const QList<QPair<QByteArray, QString>> bad{
            {R"({"limits": {"repositories": 0}})", QStringLiteral("whole number from 1 to")},
            {R"({"limits": {"repositories": 2.5}})", QStringLiteral("whole number from 1 to")},
            {R"({"limits": {"imagesPerRepository": "many"}})", QStringLiteral("\"imagesPerRepository\"")},
            {R"({"limits": {"tags": 5}})", QStringLiteral("unknown setting \"tags\"")},
            {R"({"limits": 500})", QStringLiteral("must be an object")},
        };
        for (const auto& [json, message] : bad) {
            DaemonOptions rejected;
            QVERIFY2(!DaemonOptions::readConfigFile(write(json), &rejected, &error), json.constData());
            QVERIFY2(error.contains(message), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("\"limits\"")), qPrintable(error));
        }
    }

    void rejectsBadConfigFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("malformed") << "malformed.json"
                                   << "not valid JSON";
        QTest::newRow("array") << "not-object.json"
                               << "JSON object";
        QTest::newRow("unknown key") << "unknown-key.json"
                                     << "\"storage\"";
        QTest::newRow("negative timeout") << "bad-timeout.json"
                                          << "http.idleTimeoutSeconds";
        QTest::newRow("bad port") << "bad-port.json"
                                  << "HOST:PORT";
        QTest::newRow("missing") << "does-not-exist.json"
                                 << "Cannot read";
    }

    void rejectsBadConfigFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, mentions);
        DaemonOptions options;
        QString error;
        QVERIFY(!DaemonOptions::readConfigFile(dataFile(file.toLatin1().constData()), &options, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void commandLineWinsOverConfig()
    {
        DaemonOptions options;
        const QStringList args = {QStringLiteral("berthd"),      QStringLiteral("--config"),
                                  dataFile("valid.json"),        QStringLiteral("--listen"),
                                  QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                                  QStringLiteral("/tmp/x")};
        QCOMPARE(DaemonOptions::parse(args, &options), DaemonOptions::ParseOutcome::Run);
        QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(int(options.port), 0);
        QCOMPARE(options.dataDirectory, QStringLiteral("/tmp/x"));
        QCOMPARE(options.logLevel, QStringLiteral("debug"));
    }

    void rejectsUnknownOptionsAndLevels()
    {
        DaemonOptions options;
        QCOMPARE(DaemonOptions::parse({QStringLiteral("berthd"), QStringLiteral("--frobnicate")}, &options),
                 DaemonOptions::ParseOutcome::ExitError);
        QCOMPARE(
            DaemonOptions::parse(
                {QStringLiteral("berthd"), QStringLiteral("--log-level"), QStringLiteral("loud")}, &options),
            DaemonOptions::ParseOutcome::ExitError);
        QCOMPARE(DaemonOptions::parse({QStringLiteral("berthd"), QStringLiteral("stray")}, &options),
                 DaemonOptions::ParseOutcome::ExitError);
    }

    void defaultsToTheUserDataDirectory()
    {
        DaemonOptions options;
        QCOMPARE(DaemonOptions::parse({QStringLiteral("berthd")}, &options),
                 DaemonOptions::ParseOutcome::Run);
        QVERIFY(options.dataDirectory.endsWith(QStringLiteral("/berth")));
        QCOMPARE(int(options.port), 5000);
    }
};

QTEST_GUILESS_MAIN(TestDaemonOptions)
#include "tst_daemonoptions.moc"
