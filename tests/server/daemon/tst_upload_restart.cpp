// Upload sessions survive a restart of berthd: after SIGTERM, and after SIGKILL in the middle of a
// PATCH, the client asks for the session's offset, PATCHes the rest from there, finishes the upload
// and pulls the blob back byte-identical.

#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace berth;

namespace {

/// The upload id at the end of a Location such as /v2/<repo>/blobs/uploads/<id>.
QString uploadIdOf(const QString& location)
{
    const QString path = RegistryClient::pathOf(location).section(u'?', 0, 0);
    return path.section(u'/', -1);
}

/// The size of the session's data file under berthd's data directory; -1 when there is none.
qint64 sessionBytesOnDisk(const QString& dataDir, const QString& uploadId)
{
    QDirIterator it(dataDir, {QStringLiteral("data")}, QDir::Files, QDirIterator::Subdirectories);
    const QString suffix = QStringLiteral("/uploads/") + uploadId + QStringLiteral("/data");
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(suffix))
            return QFileInfo(path).size();
    }
    return -1;
}

/// The end offset of a Range header "0-<last>": last + 1 bytes are stored.
qint64 offsetOf(const RegistryResponse& response)
{
    const QByteArray range = response.header("Range");
    const qsizetype dash = range.indexOf('-');
    if (dash < 0)
        return -1;
    bool ok = false;
    const qint64 last = range.mid(dash + 1).toLongLong(&ok);
    return ok ? last + 1 : -1;
}

} // namespace

class TestUploadRestart : public QObject
{
    Q_OBJECT

private slots:
    void resumesAfterRestart_data();
    void resumesAfterRestart();
};

void TestUploadRestart::resumesAfterRestart_data()
{
    QTest::addColumn<bool>("crash");
    QTest::newRow("SIGTERM") << false;
    QTest::newRow("SIGKILL during a PATCH") << true;
}

void TestUploadRestart::resumesAfterRestart()
{
    QFETCH(bool, crash);
    BerthdProcess berthd;
    QVERIFY2(berthd.start(), qPrintable(berthd.errorString()));
    if (berthd.isExternal())
        QFAIL("This test restarts berthd; unset BERTH_TEST_REGISTRY_URL");

    const QString repo = OciFixtures::uniqueRepository(QStringLiteral("restart"));
    const QByteArray blob = OciFixtures::randomBytes(3 * 1024 * 1024, crash ? 7 : 8);
    const qint64 firstChunk = 1024 * 1024;

    RegistryClient client(berthd.baseUrl());
    const RegistryResponse started = client.startUpload(repo);
    QCOMPARE(started.status, 202);
    const QString location = QString::fromUtf8(started.header("Location"));
    const QString uploadId = uploadIdOf(location);
    QVERIFY2(!uploadId.isEmpty(), qPrintable(location));

    const RegistryResponse patched =
        client.request("PATCH", location,
                       {{"Content-Type", "application/octet-stream"},
                        {"Content-Range", "0-" + QByteArray::number(firstChunk - 1)}},
                       blob.left(firstChunk));
    QVERIFY2(patched.status == 202, patched.describeUtf8());
    QCOMPARE(offsetOf(patched), firstChunk);

    if (crash) {
        // A second chunk whose body only partly arrives; berthd is killed while it waits for the rest.
        const qint64 declared = 1024 * 1024;
        const qint64 sent = 600 * 1024;
        QTcpSocket socket;
        socket.connectToHost(berthd.baseUrl().host(), static_cast<quint16>(berthd.baseUrl().port()));
        QVERIFY(socket.waitForConnected(10000));
        const QByteArray credentials =
            (BerthdProcess::adminUser() + u':' + BerthdProcess::adminPassword()).toUtf8().toBase64();
        const QByteArray head =
            "PATCH " + RegistryClient::pathOf(location).toUtf8() +
            " HTTP/1.1\r\nHost: " + berthd.baseUrl().host().toUtf8() + "\r\nAuthorization: Basic " +
            credentials +
            "\r\nContent-Type: application/octet-stream\r\nContent-Range: " + QByteArray::number(firstChunk) +
            '-' + QByteArray::number(firstChunk + declared - 1) +
            "\r\nContent-Length: " + QByteArray::number(declared) + "\r\n\r\n";
        socket.write(head + blob.mid(firstChunk, sent));
        while (socket.bytesToWrite() > 0)
            QVERIFY(socket.waitForBytesWritten(10000));
        // Wait until berthd has written some of it to the session's file (page cache survives SIGKILL).
        QElapsedTimer waited;
        waited.start();
        while (sessionBytesOnDisk(berthd.dataDir(), uploadId) <= firstChunk && waited.elapsed() < 10000)
            QThread::msleep(20);
        QVERIFY2(berthd.kill(), qPrintable(berthd.errorString()));
        socket.abort();
    } else {
        QCOMPARE(berthd.stop(), 0);
    }

    const qint64 onDisk = sessionBytesOnDisk(berthd.dataDir(), uploadId);
    QVERIFY2(onDisk >= firstChunk, qPrintable(QStringLiteral("the session holds %1 bytes").arg(onDisk)));
    if (crash)
        QVERIFY2(onDisk > firstChunk, "berthd wrote none of the interrupted chunk before it was killed");

    QVERIFY2(berthd.start(), qPrintable(berthd.errorString()));
    RegistryClient after(berthd.baseUrl());
    const RegistryResponse status = after.get(location);
    QVERIFY2(status.status == 204, status.describeUtf8());
    const qint64 offset = offsetOf(status);
    // The offset is exactly what the session holds on disk: the client resumes from there.
    QCOMPARE(offset, onDisk);
    QCOMPARE(sessionBytesOnDisk(berthd.dataDir(), uploadId), onDisk);

    const QByteArray rest = blob.mid(offset);
    const RegistryResponse resumed = after.request(
        "PATCH", location,
        {{"Content-Type", "application/octet-stream"},
         {"Content-Range", QByteArray::number(offset) + '-' + QByteArray::number(blob.size() - 1)}},
        rest);
    QVERIFY2(resumed.status == 202, resumed.describeUtf8());
    QCOMPARE(offsetOf(resumed), qint64(blob.size()));
    const QString next = QString::fromUtf8(resumed.header("Location"));
    const RegistryResponse put = after.request(
        "PUT", RegistryClient::withQuery(next, QStringLiteral("digest"), OciFixtures::digestOf(blob)),
        {{"Content-Type", "application/octet-stream"}});
    QVERIFY2(put.status == 201, put.describeUtf8());

    const RegistryResponse pulled =
        after.get(QStringLiteral("/v2/%1/blobs/%2").arg(repo, OciFixtures::digestOf(blob)));
    QVERIFY2(pulled.status == 200, pulled.describeUtf8());
    QVERIFY(pulled.body == blob);
    QCOMPARE(sessionBytesOnDisk(berthd.dataDir(), uploadId), qint64(-1));
    QCOMPARE(berthd.stop(), 0);
}

QTEST_GUILESS_MAIN(TestUploadRestart)
#include "tst_upload_restart.moc"
