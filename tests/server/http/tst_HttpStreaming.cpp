#include "HttpTestSupport.h"
#include "RawHttpClient.h"
#include "TestHandlers.h"
#include "http/HttpServer.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <QUrl>
#include <algorithm>
#include <memory>
#include <vector>

using namespace berth;
using namespace berth::test;

class TestHttpStreaming : public QObject
{
    Q_OBJECT

private slots:
    void init() { stats().reset(); }

    void clientDisconnectMidBody();
    void bodyStallAborts();
    void earlyRefusalLargeBodyCloses();
    void earlyRefusalSmallBodyKeepsConnection();
    void largeStreamToSlowReader();
    void sendStallCloses();
    void fileRangeWithSendfile_data();
    void fileRangeWithSendfile();
    void sendfileStallCloses();
    void smallFilesGoOutWithoutWaitingForAcks();
    void concurrentClients();
    void shutdownWaitsForInFlightRequest();
};

void TestHttpStreaming::clientDisconnectMidBody()
{
    auto server = startTestServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n" + bodyOf(1000, 'd'));
    QTRY_COMPARE_WITH_TIMEOUT(stats().bodyBytes.load(), qint64(1000), 5000);
    client.socket().abort();
    QTRY_COMPARE_WITH_TIMEOUT(stats().aborted.load(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stats().destroyed.load(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
}

void TestHttpStreaming::bodyStallAborts()
{
    HttpLimits limits = testLimits();
    limits.bodyStallTimeoutMs = 300;
    auto server = startTestServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789");
    QVERIFY(client.waitForClosed(5000));
    QCOMPARE(stats().aborted.load(), 1);
}

void TestHttpStreaming::earlyRefusalLargeBodyCloses()
{
    HttpLimits limits = testLimits();
    limits.maxDiscardBytes = 64 * 1024;
    auto server = startTestServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    const QByteArray body = bodyOf(8 << 20, 'r');
    client.write(post("/refuse", body));
    const RawResponse r = client.readResponse();
    QVERIFY(r.ok);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.header("X-Refused"), QByteArray("yes"));
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QCOMPARE(r.body, QByteArray("refused\n"));
    QVERIFY(client.waitForClosed(10000));
    QCOMPARE(stats().bodyBytes.load(), qint64(0));
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
}

void TestHttpStreaming::earlyRefusalSmallBodyKeepsConnection()
{
    auto server = startTestServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write(post("/refuse", bodyOf(20000, 's')));
    const RawResponse r = client.readResponse();
    QCOMPARE(r.status, 403);
    QVERIFY(!r.hasHeader("Connection"));
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    const RawResponse next = client.readResponse();
    QCOMPARE(next.status, 200);
    QCOMPARE(next.body, QByteArray("Hello, world!"));
    QVERIFY(!client.isClosed());
    QCOMPARE(stats().bodyBytes.load(), qint64(0));
}

void TestHttpStreaming::largeStreamToSlowReader()
{
    constexpr qint64 size = 64ll << 20;
    const QByteArray expected = PatternDevice::sha256Hex(size);
    auto server = startTestServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.socket().setReadBufferSize(128 * 1024);
    const qint64 rssBefore = residentKiB();
    qint64 rssPeak = rssBefore;
    client.write("GET /stream?size=" + QByteArray::number(size) + " HTTP/1.1\r\nHost: t\r\n\r\n");
    QVERIFY(client.waitForBytes(1));
    qsizetype headEnd = -1;
    QVERIFY(QTest::qWaitFor([&] { return (headEnd = client.socket().peek(4096).indexOf("\r\n\r\n")) >= 0; },
                            5000));
    const QByteArray head = client.socket().read(headEnd + 4);
    QVERIFY(head.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(head.contains("Content-Length: " + QByteArray::number(size) + "\r\n"));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 received = 0;
    int rounds = 0;
    while (received < size) {
        QVERIFY2(client.waitForBytes(1, 10000), "the stream stopped");
        const QByteArray piece = client.socket().read(64 * 1024);
        hash.addData(piece);
        received += piece.size();
        if (++rounds % 64 == 0) {
            QTest::qWait(20); // a slow reader: the server must wait, not buffer
            rssPeak = qMax(rssPeak, residentKiB());
        }
    }
    QCOMPARE(received, size);
    QCOMPARE(hash.result().toHex(), expected);
    qInfo("resident memory grew by %lld KiB while streaming 64 MiB", rssPeak - rssBefore);
#if !defined(__SANITIZE_ADDRESS__)
    QVERIFY(rssPeak - rssBefore < 32 * 1024); // 64 MiB buffered anywhere would show here
#endif
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    QCOMPARE(client.readResponse().body, QByteArray("Hello, world!"));
}

void TestHttpStreaming::sendStallCloses()
{
    HttpLimits limits = testLimits();
    limits.sendStallTimeoutMs = 300;
    auto server = startTestServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.socket().setReadBufferSize(64 * 1024); // and never read: the kernel buffers fill up
    client.write("GET /stream?size=" + QByteArray::number(256ll << 20) + " HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(stats().destroyed.load(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
    QCOMPARE(stats().aborted.load(), 0); // the request was complete; only its response was cut
}

void TestHttpStreaming::fileRangeWithSendfile_data()
{
    QTest::addColumn<QByteArray>("route");
    QTest::newRow("sendfile") << QByteArray("/file");
    QTest::newRow("copy") << QByteArray("/filecopy");
}

void TestHttpStreaming::fileRangeWithSendfile()
{
    QFETCH(QByteArray, route);
    constexpr qint64 fileSize = 40ll << 20;
    constexpr qint64 offset = 12345;
    constexpr qint64 length = fileSize - offset - 1000;
    QTemporaryFile file;
    QVERIFY(file.open());
    PatternDevice pattern(fileSize);
    while (!pattern.atEnd())
        QVERIFY(file.write(pattern.read(1 << 20)) > 0);
    file.flush();
    QByteArray expected(length, Qt::Uninitialized);
    for (qint64 i = 0; i < length; ++i)
        expected[i] = PatternDevice::byteAt(offset + i);

    auto server = startTestServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.socket().setReadBufferSize(256 * 1024);
    const QByteArray target = route + "?path=" + QUrl::toPercentEncoding(file.fileName()) +
                              "&offset=" + QByteArray::number(offset) +
                              "&length=" + QByteArray::number(length);
    // HEAD, then the range, then a pipelined request that must come after the whole body.
    client.write("HEAD " + target + " HTTP/1.1\r\nHost: t\r\n\r\nGET " + target +
                 " HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    const RawResponse head = client.readResponse(true);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Content-Length"), QByteArray::number(length));
    qsizetype headEnd = -1;
    QVERIFY(QTest::qWaitFor([&] { return (headEnd = client.socket().peek(4096).indexOf("\r\n\r\n")) >= 0; },
                            5000));
    QVERIFY(client.socket().read(headEnd + 4).contains("Content-Length: " + QByteArray::number(length)));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 received = 0;
    int rounds = 0;
    while (received < length) {
        QVERIFY2(client.waitForBytes(1, 10000), "the file stream stopped");
        const QByteArray piece = client.socket().read(qMin<qint64>(64 * 1024, length - received));
        hash.addData(piece);
        received += piece.size();
        if (++rounds % 128 == 0)
            QTest::qWait(10);
    }
    QCOMPARE(hash.result().toHex(), sha256Hex(expected));
    QCOMPARE(client.readResponse().body, QByteArray("Hello, world!"));
}

void TestHttpStreaming::smallFilesGoOutWithoutWaitingForAcks()
{
    // A small file's head and body are two writes (the body by sendfile). With Nagle's algorithm the body
    // waited for the client to acknowledge the head, which the client delays (about 40 ms on Linux): every
    // small blob pull took 44 ms. The server sets TCP_NODELAY, so each of these takes well under a
    // millisecond on an idle machine; the median is compared, so a few slow rounds under load do not count.
    QTemporaryFile file;
    QVERIFY(file.open());
    QVERIFY(file.write(bodyOf(16 * 1024, 's')) == 16 * 1024);
    file.flush();
    auto server = startTestServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    const QByteArray request = "GET /file?path=" + QUrl::toPercentEncoding(file.fileName()) +
                               "&offset=0&length=16384 HTTP/1.1\r\nHost: t\r\n\r\n";
    std::vector<qint64> micros;
    for (int i = 0; i < 21; ++i) {
        QElapsedTimer timer;
        timer.start();
        client.write(request);
        const RawResponse response = client.readResponse();
        micros.push_back(timer.nsecsElapsed() / 1000);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body.size(), 16 * 1024);
    }
    std::sort(micros.begin(), micros.end());
    const qint64 median = micros[micros.size() / 2];
    QVERIFY2(median < 20000, qPrintable(QStringLiteral("median %1 us per 16 KiB file").arg(median)));
}

void TestHttpStreaming::sendfileStallCloses()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    QVERIFY(file.resize(128ll << 20)); // sparse: zeros
    HttpLimits limits = testLimits();
    limits.sendStallTimeoutMs = 300;
    auto server = startTestServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.socket().setReadBufferSize(64 * 1024);
    client.write("GET /file?path=" + QUrl::toPercentEncoding(file.fileName()) +
                 "&offset=0&length=" + QByteArray::number(128ll << 20) + " HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(stats().destroyed.load(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
}

void TestHttpStreaming::concurrentClients()
{
    auto server = startTestServer();
    constexpr int count = 32;
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < count; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(clients.back()->connectTo(server->port()));
    }
    for (int i = 0; i < count; ++i)
        clients[i]->write(post("/echo", bodyOf(50000 + i, static_cast<char>(i))));
    for (int i = 0; i < count; ++i) {
        const RawResponse r = clients[i]->readResponse();
        QVERIFY(r.ok);
        QCOMPARE(r.body, echoAnswer(bodyOf(50000 + i, static_cast<char>(i))));
    }
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), count, 5000);
    QCOMPARE(stats().created.load(), count);
}

void TestHttpStreaming::shutdownWaitsForInFlightRequest()
{
    auto server = startTestServer();
    RawHttpClient busy;
    RawHttpClient idle;
    QVERIFY(busy.connectTo(server->port()));
    QVERIFY(idle.connectTo(server->port()));
    idle.write("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    QCOMPARE(idle.readResponse().status, 200);
    const QByteArray body = bodyOf(10, 'z');
    busy.write("PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n" + body.left(5));
    QTRY_COMPARE_WITH_TIMEOUT(stats().bodyBytes.load(), qint64(5), 5000);

    QSignalSpy drained(server.get(), &HttpServer::drained);
    server->shutdown(20000);
    QVERIFY(idle.waitForClosed()); // idle keep-alive connections close at once
    QTest::qWait(200);
    QCOMPARE(drained.count(), 0); // the request in flight holds the server open

    RawHttpClient late; // no longer accepted
    late.socket().connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(QTest::qWaitFor([&] { return late.isClosed(); }, 5000));

    busy.write(body.mid(5));
    const RawResponse r = busy.readResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, echoAnswer(body));
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QVERIFY(busy.waitForClosed());
    QVERIFY(drained.count() == 1 || drained.wait(5000));
    QCOMPARE(server->connectionCount(), 0);
    QCOMPARE(stats().aborted.load(), 0);
}

QTEST_GUILESS_MAIN(TestHttpStreaming)
#include "tst_HttpStreaming.moc"
