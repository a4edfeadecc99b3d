#include "host/RegistryHost.h"
#include "server/ServerController.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

namespace {

ServerSettings settingsFor(const QTemporaryDir& dir, quint16 port = 0)
{
    ServerSettings settings;
    settings.listenAddress = QStringLiteral("127.0.0.1");
    settings.port = port;
    settings.dataDirectory = dir.filePath(QStringLiteral("registry"));
    return settings;
}

/// Sends GET /v2/ and returns the status line (plain HTTP).
QByteArray statusLine(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("GET /v2/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QByteArray reply;
    while (socket.waitForReadyRead(5000) && !reply.contains("\r\n"))
        reply += socket.readAll();
    return reply.left(reply.indexOf("\r\n"));
}

} // namespace

class TestServerController : public QObject
{
    Q_OBJECT

private slots:
    void startServeStop()
    {
        QTemporaryDir dir;
        ServerController controller;
        QSignalSpy started(&controller, &ServerController::started);
        QSignalSpy stopped(&controller, &ServerController::stopped);
        controller.start(settingsFor(dir));
        QCOMPARE(controller.state(), ServerController::State::Starting);
        QVERIFY(controller.host() == nullptr);
        QVERIFY(started.wait(30'000));
        QVERIFY(controller.isRunning());
        QVERIFY(controller.host() != nullptr);
        QVERIFY(controller.port() != 0);
        QCOMPARE(started.first().at(1).value<quint16>(), controller.port());
        QCOMPARE(started.first().at(2).toBool(), false);
        QVERIFY(!controller.isTlsEnabled());

        const AdministratorBootstrap& bootstrap = controller.administratorBootstrap();
        QVERIFY(bootstrap.created);
        QCOMPARE(bootstrap.userName, QStringLiteral("admin"));
        QVERIFY(bootstrap.password.size() >= 12);

        // The server answers: /v2/ needs sign-in.
        QCOMPARE(statusLine(controller.port()), QByteArray("HTTP/1.1 401 Unauthorized"));

        // The client count follows open connections.
        QSignalSpy clients(&controller, &ServerController::connectionCountChanged);
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, controller.port());
        QVERIFY(idle.waitForConnected(5000));
        QTRY_COMPARE_WITH_TIMEOUT(controller.connectionCount(), 1, 5000);
        idle.disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(controller.connectionCount(), 0, 5000);
        QVERIFY(clients.count() >= 2);

        const quint16 port = controller.port();
        controller.stop();
        QCOMPARE(controller.state(), ServerController::State::Stopping);
        QVERIFY(controller.host() == nullptr);
        QVERIFY(stopped.wait(30'000));
        QCOMPARE(controller.state(), ServerController::State::Stopped);
        QVERIFY(statusLine(port).isEmpty());

        // A second start reuses the data: the administrator exists already.
        started.clear();
        controller.start(settingsFor(dir));
        QVERIFY(started.wait(30'000));
        QVERIFY(!controller.administratorBootstrap().created);
    }

    void portInUseFails()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        ServerController controller;
        QSignalSpy failed(&controller, &ServerController::failed);
        controller.start(settingsFor(dir, blocker.serverPort()));
        QVERIFY(failed.wait(30'000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QString::number(blocker.serverPort())), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Settings")), qPrintable(message));
        QCOMPARE(controller.state(), ServerController::State::Stopped);
        QVERIFY(controller.host() == nullptr);

        // After the port is free, the same controller starts.
        const quint16 port = blocker.serverPort();
        blocker.close();
        QSignalSpy started(&controller, &ServerController::started);
        controller.start(settingsFor(dir, port));
        QVERIFY(started.wait(30'000));
        QCOMPARE(controller.port(), port);
    }

    void refusesPlainHttpOnTheNetwork()
    {
        QTemporaryDir dir;
        ServerController controller;
        QSignalSpy failed(&controller, &ServerController::failed);
        ServerSettings settings = settingsFor(dir);
        settings.listenAddress = QStringLiteral("0.0.0.0");
        controller.start(settings);
        QVERIFY(failed.wait(30'000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("HTTPS")));

        failed.clear();
        settings.listenAddress = QStringLiteral("not an address");
        controller.start(settings);
        QVERIFY(failed.wait(30'000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("not an address")));
    }

    void tlsAutoMakesALocalCa()
    {
        QTemporaryDir dir;
        ServerController controller;
        QSignalSpy started(&controller, &ServerController::started);
        QSignalSpy failed(&controller, &ServerController::failed);
        ServerSettings settings = settingsFor(dir);
        settings.tlsMode = TlsMode::Auto;
        controller.start(settings);
        QTRY_VERIFY_WITH_TIMEOUT(started.count() + failed.count() > 0, 30'000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(controller.isTlsEnabled());
        QVERIFY(started.first().at(2).toBool());
        QVERIFY(QFile::exists(controller.localCaCertificate()));
        QVERIFY(controller.localCaCertificate().startsWith(settings.dataDirectory));
    }

    void tlsFilesNeedBothFiles()
    {
        QTemporaryDir dir;
        ServerController controller;
        QSignalSpy failed(&controller, &ServerController::failed);
        ServerSettings settings = settingsFor(dir);
        settings.tlsMode = TlsMode::Files;
        settings.certificateFile = dir.filePath(QStringLiteral("missing.crt"));
        controller.start(settings);
        QVERIFY(failed.wait(30'000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("key file")));
    }

    void clientHost()
    {
        QCOMPARE(ServerController::clientHost(QStringLiteral("127.0.0.1"), 5000),
                 QStringLiteral("localhost:5000"));
        QCOMPARE(ServerController::clientHost(QStringLiteral("0.0.0.0"), 5000),
                 QStringLiteral("localhost:5000"));
        QCOMPARE(ServerController::clientHost(QStringLiteral("::1"), 80), QStringLiteral("localhost:80"));
        QCOMPARE(ServerController::clientHost(QStringLiteral("192.168.1.5"), 5000),
                 QStringLiteral("192.168.1.5:5000"));
        QCOMPARE(ServerController::clientHost(QStringLiteral("fd00::5"), 5000),
                 QStringLiteral("[fd00::5]:5000"));
    }
};

QTEST_GUILESS_MAIN(TestServerController)
#include "tst_servercontroller.moc"
