#include "daemon/DaemonOptions.h"

#include <QtTest>

using namespace berth;

namespace {

QString dataFile(const char* name)
{
    return QStringLiteral(BERTH_TEST_DATA "/tls/") + QLatin1String(name);
}

DaemonOptions::ParseOutcome parse(QStringList arguments, DaemonOptions* options)
{
    arguments.prepend(QStringLiteral("berthd"));
    arguments << QStringLiteral("--data") << QDir::tempPath();
    return DaemonOptions::parse(arguments, options);
}

} // namespace

/// berthd's --tls, --tls-cert, --tls-key and --allow-plain-http, the "tls" config settings, and the
/// rule that plain HTTP is for loopback only.
class TestTlsOptions : public QObject
{
    Q_OBJECT

private slots:
    void plainHttpIsOffByDefaultOnLoopback()
    {
        DaemonOptions options;
        QCOMPARE(parse({}, &options), DaemonOptions::ParseOutcome::Run);
        QCOMPARE(options.tlsMode, DaemonOptions::TlsMode::Off);
        QCOMPARE(parse({QStringLiteral("--listen"), QStringLiteral("[::1]:0")}, &options),
                 DaemonOptions::ParseOutcome::Run);
    }

    void tlsAutoFromTheCommandLine()
    {
        DaemonOptions options;
        QCOMPARE(parse({QStringLiteral("--tls"), QStringLiteral("auto")}, &options),
                 DaemonOptions::ParseOutcome::Run);
        QCOMPARE(options.tlsMode, DaemonOptions::TlsMode::Auto);
    }

    void certificateFilesFromTheCommandLine()
    {
        DaemonOptions options;
        QCOMPARE(parse({QStringLiteral("--tls-cert"), QStringLiteral("/a.crt"), QStringLiteral("--tls-key"),
                        QStringLiteral("/a.key"), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:5443")},
                       &options),
                 DaemonOptions::ParseOutcome::Run);
        QCOMPARE(options.tlsMode, DaemonOptions::TlsMode::Files);
        QCOMPARE(options.tlsCertificateFile, QStringLiteral("/a.crt"));
        QCOMPARE(options.tlsKeyFile, QStringLiteral("/a.key"));
    }

    void rejectsInconsistentTlsOptions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("certificate without key")
            << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("/a.crt")};
        QTest::newRow("key without certificate")
            << QStringList{QStringLiteral("--tls-key"), QStringLiteral("/a.key")};
        QTest::newRow("auto with a certificate") << QStringList{
            QStringLiteral("--tls"),  QStringLiteral("auto"),      QStringLiteral("--tls-cert"),
            QStringLiteral("/a.crt"), QStringLiteral("--tls-key"), QStringLiteral("/a.key")};
        QTest::newRow("unknown mode") << QStringList{QStringLiteral("--tls"), QStringLiteral("yes")};
        QTest::newRow("files without files") << QStringList{QStringLiteral("--tls"), QStringLiteral("files")};
    }

    void rejectsInconsistentTlsOptions()
    {
        QFETCH(QStringList, arguments);
        DaemonOptions options;
        QCOMPARE(parse(arguments, &options), DaemonOptions::ParseOutcome::ExitError);
    }

    void filesModeNeedsBothFiles()
    {
        DaemonOptions options;
        options.tlsMode = DaemonOptions::TlsMode::Files;
        options.tlsCertificateFile = QStringLiteral("/a.crt");
        QString error;
        QVERIFY(!options.checkTransport(&error));
        QCOMPARE(error,
                 QStringLiteral("HTTPS with your own certificate needs both files: --tls-cert FILE and "
                                "--tls-key FILE (or \"tls\": {\"certificate\": \"FILE\", \"key\": \"FILE\"} "
                                "in the config file)."));
    }

    void refusesPlainHttpBeyondLoopback()
    {
        DaemonOptions options;
        QCOMPARE(parse({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:5000")}, &options),
                 DaemonOptions::ParseOutcome::ExitError);
        QString error;
        QVERIFY(!options.checkTransport(&error));
        QCOMPARE(error,
                 QStringLiteral("Refusing to serve plain HTTP on 0.0.0.0:5000: it is not a loopback address, "
                                "so passwords and images would cross the network unencrypted. Serve HTTPS "
                                "with --tls auto (berthd makes a local CA and certificate and tells clients "
                                "how to trust it) or with --tls-cert FILE --tls-key FILE; or, on a network "
                                "you trust, add --allow-plain-http."));
        DaemonOptions v6;
        v6.address = QHostAddress(QStringLiteral("fd00::5"));
        v6.port = 5000;
        QVERIFY(!v6.checkTransport(&error));
        QVERIFY2(error.startsWith(QStringLiteral("Refusing to serve plain HTTP on [fd00::5]:5000:")),
                 qPrintable(error));
    }

    void plainHttpBeyondLoopbackWhenAllowed()
    {
        DaemonOptions options;
        QCOMPARE(parse({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:5000"),
                        QStringLiteral("--allow-plain-http")},
                       &options),
                 DaemonOptions::ParseOutcome::Run);
        QVERIFY(options.allowPlainHttp);
        DaemonOptions tls;
        QCOMPARE(parse({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:5000"), QStringLiteral("--tls"),
                        QStringLiteral("auto")},
                       &tls),
                 DaemonOptions::ParseOutcome::Run);
    }

    void configFiles()
    {
        DaemonOptions autoOptions;
        QCOMPARE(parse({QStringLiteral("--config"), dataFile("tls-auto.json")}, &autoOptions),
                 DaemonOptions::ParseOutcome::Run);
        QCOMPARE(autoOptions.tlsMode, DaemonOptions::TlsMode::Auto);

        DaemonOptions files;
        QString error;
        QVERIFY2(DaemonOptions::readConfigFile(dataFile("tls-files.json"), &files, &error),
                 qPrintable(error));
        QCOMPARE(files.tlsMode, DaemonOptions::TlsMode::Files);
        QCOMPARE(files.tlsCertificateFile, QStringLiteral("/etc/berth/server.crt"));
        QCOMPARE(files.tlsKeyFile, QStringLiteral("/etc/berth/server.key"));
        QVERIFY(files.checkTransport(&error));

        DaemonOptions allowed;
        QCOMPARE(parse({QStringLiteral("--config"), dataFile("plain-allowed.json")}, &allowed),
                 DaemonOptions::ParseOutcome::Run);
        QVERIFY(allowed.allowPlainHttp);

        DaemonOptions refused;
        QCOMPARE(parse({QStringLiteral("--config"), dataFile("plain-refused.json")}, &refused),
                 DaemonOptions::ParseOutcome::ExitError);

        // The command line wins: --tls off over the file's auto, which then needs loopback again.
        DaemonOptions off;
        QCOMPARE(parse({QStringLiteral("--config"), dataFile("tls-auto.json"), QStringLiteral("--tls"),
                        QStringLiteral("off")},
                       &off),
                 DaemonOptions::ParseOutcome::ExitError);
    }

    void rejectsBadTlsSettings_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad mode")
            << "tls-bad-mode.json"
            << "\"tls.mode\" in %1 must be \"auto\", \"files\" or \"off\", not \"yes\".";
        QTest::newRow("unknown key")
            << "tls-unknown-key.json"
            << "The config file %1 has an unknown setting \"tls.ca\"; known settings: "
               "mode, certificate, key.";
    }

    void rejectsBadTlsSettings()
    {
        QFETCH(QString, file);
        QFETCH(QString, message);
        const QString path = dataFile(file.toLatin1().constData());
        DaemonOptions options;
        QString error;
        QVERIFY(!DaemonOptions::readConfigFile(path, &options, &error));
        QCOMPARE(error, message.arg(path));
    }
};

QTEST_GUILESS_MAIN(TestTlsOptions)
#include "tst_TlsOptions.moc"
