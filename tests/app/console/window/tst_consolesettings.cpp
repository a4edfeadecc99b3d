#include "settings/ConsoleSettings.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestConsoleSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BerthTest"));
        QCoreApplication::setApplicationName(QStringLiteral("berth-settings-test"));
    }

    void defaults()
    {
        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("berth.ini")));
        QCOMPARE(settings.listenAddress(), QStringLiteral("127.0.0.1"));
        QCOMPARE(settings.port(), quint16(5000));
        QCOMPARE(settings.dataDirectory(), ConsoleSettings::defaultDataDirectory());
        QVERIFY(settings.dataDirectory().endsWith(QStringLiteral("/registry")));
        QVERIFY(settings.dataDirectory().startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QCOMPARE(settings.tlsMode(), TlsMode::Off);
        QVERIFY(settings.certificateFile().isEmpty());
        QVERIFY(settings.keyFile().isEmpty());
        QVERIFY(settings.startServerWithApp());
        QCOMPARE(settings.language(), QString());
        const ServerSettings server = settings.serverSettings();
        QCOMPARE(server.listenAddress, QStringLiteral("127.0.0.1"));
        QCOMPARE(server.port, quint16(5000));
        QCOMPARE(server.tlsMode, TlsMode::Off);
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("berth.ini"));
        {
            ConsoleSettings settings(file);
            QSignalSpy changed(&settings, &ConsoleSettings::changed);
            settings.setListenAddress(QStringLiteral(" 0.0.0.0 "));
            settings.setPort(5050);
            settings.setDataDirectory(dir.filePath(QStringLiteral("data")));
            settings.setTlsMode(TlsMode::Files);
            settings.setCertificateFile(QStringLiteral("/etc/berth/server.crt"));
            settings.setKeyFile(QStringLiteral("/etc/berth/server.key"));
            settings.setStartServerWithApp(false);
            settings.setLanguage(QStringLiteral("de"));
            QCOMPARE(changed.count(), 8);
            settings.setPort(5050); // unchanged: no signal
            QCOMPARE(changed.count(), 8);
            settings.sync();
        }
        ConsoleSettings again(file);
        QCOMPARE(again.listenAddress(), QStringLiteral("0.0.0.0"));
        QCOMPARE(again.port(), quint16(5050));
        QCOMPARE(again.dataDirectory(), dir.filePath(QStringLiteral("data")));
        QCOMPARE(again.tlsMode(), TlsMode::Files);
        QCOMPARE(again.certificateFile(), QStringLiteral("/etc/berth/server.crt"));
        QCOMPARE(again.keyFile(), QStringLiteral("/etc/berth/server.key"));
        QVERIFY(!again.startServerWithApp());
        QCOMPARE(again.language(), QStringLiteral("de"));
        QCOMPARE(again.serverSettings().tlsMode, TlsMode::Files);

        again.setTlsMode(TlsMode::Auto);
        QCOMPARE(again.tlsMode(), TlsMode::Auto);
        QCOMPARE(tlsModeFromKey(tlsModeKey(TlsMode::Auto)), TlsMode::Auto);
        QCOMPARE(tlsModeFromKey(QStringLiteral("nonsense")), TlsMode::Off);
    }

    void overridesAreNotWritten()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("berth.ini"));
        {
            ConsoleSettings settings(file);
            settings.setPort(5050);
            settings.overridePort(0);
            settings.overrideListenAddress(QStringLiteral("::1"));
            settings.overrideDataDirectory(dir.filePath(QStringLiteral("elsewhere")));
            settings.overrideStartServerWithApp(false);
            QCOMPARE(settings.port(), quint16(0));
            QCOMPARE(settings.serverSettings().port, quint16(0));
            QCOMPARE(settings.serverSettings().listenAddress, QStringLiteral("::1"));
            QCOMPARE(settings.dataDirectory(), dir.filePath(QStringLiteral("elsewhere")));
            QVERIFY(!settings.startServerWithApp());
            settings.sync();
        }
        ConsoleSettings again(file);
        QCOMPARE(again.port(), quint16(5050));
        QCOMPARE(again.listenAddress(), QStringLiteral("127.0.0.1"));
        QCOMPARE(again.dataDirectory(), ConsoleSettings::defaultDataDirectory());
        QVERIFY(again.startServerWithApp());

        // Setting a value replaces the override.
        again.overridePort(0);
        again.setPort(6000);
        QCOMPARE(again.port(), quint16(6000));
    }

    void invalidPortFallsBack()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("berth.ini"));
        {
            QSettings raw(file, QSettings::IniFormat);
            raw.setValue(QStringLiteral("server/port"), QStringLiteral("not a port"));
        }
        ConsoleSettings settings(file);
        QCOMPARE(settings.port(), quint16(5000));
    }
};

QTEST_GUILESS_MAIN(TestConsoleSettings)
#include "tst_consolesettings.moc"
