#include "RawHttpClient.h"
#include "TestHandlers.h"
#include "http/HttpRequestParser.h"
#include "http/HttpServer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <QUrl>
#include <memory>
#include <vector>

using namespace berth;
using namespace berth::test;

namespace {

HttpLimits testLimits()
{
    HttpLimits limits;
    limits.workerThreads = 2;
    limits.headerTimeoutMs = 5000;
    limits.idleTimeoutMs = 5000;
    limits.bodyStallTimeoutMs = 5000;
    limits.sendStallTimeoutMs = 10000;
    return limits;
}

QByteArray sha256Hex(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray echoAnswer(const QByteArray& body)
{
    return QByteArray::number(body.size()) + ' ' + sha256Hex(body);
}

QByteArray bodyOf(qsizetype size, char seed)
{
    QByteArray body(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        body[i] = static_cast<char>(seed + i * 13 + i / 251);
    return body;
}

QByteArray post(const QByteArray& path, const QByteArray& body, const QByteArray& extra = QByteArray())
{
    return "POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n" + extra + "\r\n" + body;
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HttpServer> startServer(HttpLimits limits = testLimits())
    {
        auto server = std::make_unique<HttpServer>(&TestHandler::create, limits);
        if (!server->listen(QHostAddress::LocalHost, 0))
            qFatal("listen failed: %s", qPrintable(server->errorString()));
        return server;
    }

private slots:
    void init() { stats().reset(); }

    void decodePath_data();
    void decodePath();
    void simpleGet();
    void headHasNoBody();
    void keepAliveSeveralRequests();
    void pipelinedRequestsAnsweredInOrder();
    void chunkedBodyWithExtensionsAndTrailers();
    void contentLengthBodyInSmallWrites();
    void expectContinue();
    void headerTooLarge();
    void tooManyHeaders();
    void malformedRequests_data();
    void malformedRequests();
    void slowLorisHead();
    void idleKeepAliveClosed();
    void clientDisconnectMidBody();
    void bodyStallAborts();
    void earlyRefusalLargeBodyCloses();
    void earlyRefusalSmallBodyKeepsConnection();
    void handlerWithoutResponseGets500();
    void largeStreamToSlowReader();
    void sendStallCloses();
    void fileRangeWithSendfile_data();
    void fileRangeWithSendfile();
    void sendfileStallCloses();
    void largeHeadAllowedByLimits();
    void connectionCloseHonoured();
    void http10Works();
    void concurrentClients();
    void shutdownWaitsForInFlightRequest();
};

void TestHttpServer::decodePath_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("decoded");
    QTest::newRow("plain") << QByteArray("/v2/a/b") << true << QStringLiteral("/v2/a/b");
    QTest::newRow("escaped") << QByteArray("/a%20b%2Fc") << true << QStringLiteral("/a b/c");
    QTest::newRow("utf8") << QByteArray("/caf%C3%A9") << true << QStringLiteral("/caf\u00e9");
    QTest::newRow("nul") << QByteArray("/a%00b") << false << QString();
    QTest::newRow("bad hex") << QByteArray("/a%zzb") << false << QString();
    QTest::newRow("truncated") << QByteArray("/a%4") << false << QString();
    QTest::newRow("bad utf8") << QByteArray("/a%C3") << false << QString();
}

void TestHttpServer::decodePath()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, valid);
    QFETCH(QString, decoded);
    QString out;
    QCOMPARE(HttpRequestParser::decodePath(raw, &out), valid);
    if (valid)
        QCOMPARE(out, decoded);
}

void TestHttpServer::simpleGet()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /hello?x=1 HTTP/1.1\r\nHost: test\r\n\r\n");
    const RawResponse r = client.readResponse();
    QVERIFY(r.ok);
    QCOMPARE(r.statusLine, QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(r.body, QByteArray("Hello, world!"));
    QCOMPARE(r.header("Content-Length"), QByteArray("13"));
    QCOMPARE(r.header("Content-Type"), QByteArray("text/plain"));
    QVERIFY(r.header("Date").endsWith(" GMT"));
    QVERIFY(!r.hasHeader("Connection"));
    QTRY_COMPARE_WITH_TIMEOUT(stats().destroyed.load(), 1, 5000);
    QCOMPARE(stats().destroyedOnTestThread.load(), 0);
    QCOMPARE(server->connectionCount(), 1);
}

void TestHttpServer::headHasNoBody()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("HEAD /hello HTTP/1.1\r\nHost: test\r\n\r\nGET /hello HTTP/1.1\r\nHost: test\r\n\r\n");
    const RawResponse head = client.readResponse(true);
    QVERIFY(head.ok);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Content-Length"), QByteArray("13"));
    // The next bytes must be the GET's status line, proving HEAD sent no body.
    const RawResponse get = client.readResponse();
    QVERIFY(get.ok);
    QCOMPARE(get.statusLine, QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(get.body, QByteArray("Hello, world!"));
}

void TestHttpServer::keepAliveSeveralRequests()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    for (int i = 0; i < 5; ++i) {
        const QByteArray body = bodyOf(1000 * i, 'a');
        client.write(post("/echo", body));
        const RawResponse r = client.readResponse();
        QVERIFY(r.ok);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, echoAnswer(body));
    }
    QVERIFY(!client.isClosed());
    QCOMPARE(server->connectionCount(), 1);
    QCOMPARE(stats().created.load(), 5);
}

void TestHttpServer::pipelinedRequestsAnsweredInOrder()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    const QByteArray a = bodyOf(70000, 'x');
    const QByteArray b = bodyOf(10, 'y');
    client.write(post("/echo", a) + "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n" + post("/echo", b) +
                 "GET /stream?size=300000 HTTP/1.1\r\nHost: t\r\n\r\n" +
                 "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    RawResponse r = client.readResponse();
    QCOMPARE(r.body, echoAnswer(a));
    r = client.readResponse();
    QCOMPARE(r.body, QByteArray("Hello, world!"));
    r = client.readResponse();
    QCOMPARE(r.body, echoAnswer(b));
    r = client.readResponse();
    QCOMPARE(r.body.size(), 300000);
    QCOMPARE(sha256Hex(r.body), PatternDevice::sha256Hex(300000));
    r = client.readResponse();
    QCOMPARE(r.body, QByteArray("Hello, world!"));
}

void TestHttpServer::chunkedBodyWithExtensionsAndTrailers()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    const QByteArray p1 = bodyOf(5000, '1');
    const QByteArray p2 = bodyOf(17, '2');
    const QByteArray p3 = bodyOf(100000, '3');
    QByteArray wire = "PUT /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
    wire += QByteArray::number(p1.size(), 16) + ";name=value\r\n" + p1 + "\r\n";
    wire += QByteArray::number(p2.size(), 16) + ";ext\r\n" + p2 + "\r\n";
    wire += QByteArray::number(p3.size(), 16) + "\r\n" + p3 + "\r\n";
    wire += "0\r\nX-Trailer: done\r\nX-Other: 1\r\n\r\n";
    for (qsizetype i = 0; i < wire.size(); i += 4093) {
        client.write(wire.mid(i, 4093));
        QTest::qWait(0);
    }
    const RawResponse r = client.readResponse();
    QVERIFY(r.ok);
    QCOMPARE(r.body, echoAnswer(p1 + p2 + p3));
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    QCOMPARE(client.readResponse().body, QByteArray("Hello, world!"));
}

void TestHttpServer::contentLengthBodyInSmallWrites()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    const QByteArray body = bodyOf(200000, 'q');
    client.write("PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 200000\r\n\r\n");
    for (qsizetype i = 0; i < body.size(); i += 997) {
        client.write(body.mid(i, 997));
        if (i % (997 * 20) == 0)
            QTest::qWait(1);
    }
    const RawResponse r = client.readResponse();
    QVERIFY(r.ok);
    QCOMPARE(r.body, echoAnswer(body));
}

void TestHttpServer::expectContinue()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    const QByteArray body = bodyOf(4000, 'c');
    client.write("PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4000\r\nExpect: 100-continue\r\n\r\n");
    const RawResponse interim = client.readResponse();
    QVERIFY(interim.ok);
    QCOMPARE(interim.statusLine, QByteArray("HTTP/1.1 100 Continue"));
    client.write(body);
    const RawResponse r = client.readResponse();
    QVERIFY(r.ok);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, echoAnswer(body));

    // A refusal before the body: no 100, the final answer, and the connection is closed.
    client.write("PUT /refuse HTTP/1.1\r\nHost: t\r\nContent-Length: 4000\r\nExpect: 100-continue\r\n\r\n");
    const RawResponse refused = client.readResponse();
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForClosed());
}

void TestHttpServer::headerTooLarge()
{
    HttpLimits limits = testLimits();
    limits.maxHeaderBytes = 4096;
    auto server = startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(8000, 'b') + "\r\n\r\n");
    const RawResponse r = client.readResponse();
    QVERIFY(r.ok);
    QCOMPARE(r.statusLine, QByteArray("HTTP/1.1 431 Request Header Fields Too Large"));
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForClosed());
    QCOMPARE(stats().created.load(), 0);

    RawHttpClient longUrl;
    QVERIFY(longUrl.connectTo(server->port()));
    longUrl.write("GET /" + QByteArray(5000, 'u') + " HTTP/1.1\r\nHost: t\r\n\r\n");
    QCOMPARE(longUrl.readResponse().status, 431);
    QVERIFY(longUrl.waitForClosed());
}

void TestHttpServer::tooManyHeaders()
{
    HttpLimits limits = testLimits();
    limits.maxHeaderCount = 10;
    auto server = startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    QByteArray request = "GET /hello HTTP/1.1\r\n";
    for (int i = 0; i < 20; ++i)
        request += "X-H" + QByteArray::number(i) + ": v\r\n";
    client.write(request + "\r\n");
    const RawResponse r = client.readResponse();
    QCOMPARE(r.status, 431);
    QVERIFY(client.waitForClosed());

    RawHttpClient fine; // exactly at the limit is accepted
    QVERIFY(fine.connectTo(server->port()));
    request = "GET /hello HTTP/1.1\r\n";
    for (int i = 0; i < 10; ++i)
        request += "X-H" + QByteArray::number(i) + ": v\r\n";
    fine.write(request + "\r\n");
    QCOMPARE(fine.readResponse().status, 200);
}

void TestHttpServer::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("garbage request line") << QByteArray("GARBAGE\r\n\r\n");
    QTest::newRow("bad version") << QByteArray("GET /hello HTTP/x.y\r\n\r\n");
    QTest::newRow("space in target") << QByteArray("GET /a b HTTP/1.1\r\nHost: t\r\n\r\n");
    QTest::newRow("bad header name") << QByteArray("GET /hello HTTP/1.1\r\nBad Header: x\r\n\r\n");
    QTest::newRow("bad percent") << QByteArray("GET /a%zz HTTP/1.1\r\nHost: t\r\n\r\n");
    QTest::newRow("encoded nul") << QByteArray("GET /a%00 HTTP/1.1\r\nHost: t\r\n\r\n");
    QTest::newRow("bad chunk size") << QByteArray(
        "PUT /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
}

void TestHttpServer::malformedRequests()
{
    QFETCH(QByteArray, wire);
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write(wire);
    const RawResponse r = client.readResponse();
    QVERIFY(r.ok);
    QCOMPARE(r.statusLine, QByteArray("HTTP/1.1 400 Bad Request"));
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QVERIFY(!r.body.isEmpty());
    QVERIFY(client.waitForClosed());
}

void TestHttpServer::slowLorisHead()
{
    HttpLimits limits = testLimits();
    limits.headerTimeoutMs = 300;
    auto server = startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\n");
    QTest::qWait(100);
    client.write("X-Slow: 1\r\n"); // still trickling: does not extend the deadline
    const RawResponse r = client.readResponse(false, 5000);
    QVERIFY(r.ok);
    QCOMPARE(r.statusLine, QByteArray("HTTP/1.1 408 Request Timeout"));
    QVERIFY(client.waitForClosed());
    QCOMPARE(stats().created.load(), 0);
}

void TestHttpServer::idleKeepAliveClosed()
{
    HttpLimits limits = testLimits();
    limits.idleTimeoutMs = 300;
    auto server = startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    QCOMPARE(client.readResponse().status, 200);
    QVERIFY(client.waitForClosed(5000));
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
}

void TestHttpServer::clientDisconnectMidBody()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n" + bodyOf(1000, 'd'));
    QTRY_COMPARE_WITH_TIMEOUT(stats().bodyBytes.load(), qint64(1000), 5000);
    client.socket().abort();
    QTRY_COMPARE_WITH_TIMEOUT(stats().aborted.load(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stats().destroyed.load(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
}

void TestHttpServer::bodyStallAborts()
{
    HttpLimits limits = testLimits();
    limits.bodyStallTimeoutMs = 300;
    auto server = startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789");
    QVERIFY(client.waitForClosed(5000));
    QCOMPARE(stats().aborted.load(), 1);
}

void TestHttpServer::earlyRefusalLargeBodyCloses()
{
    HttpLimits limits = testLimits();
    limits.maxDiscardBytes = 64 * 1024;
    auto server = startServer(limits);
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

void TestHttpServer::earlyRefusalSmallBodyKeepsConnection()
{
    auto server = startServer();
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

void TestHttpServer::handlerWithoutResponseGets500()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /noreply HTTP/1.1\r\nHost: t\r\n\r\n");
    const RawResponse r = client.readResponse();
    QCOMPARE(r.statusLine, QByteArray("HTTP/1.1 500 Internal Server Error"));
    QVERIFY(!r.body.isEmpty());
}

void TestHttpServer::largeStreamToSlowReader()
{
    constexpr qint64 size = 64ll << 20;
    const QByteArray expected = PatternDevice::sha256Hex(size);
    auto server = startServer();
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

void TestHttpServer::sendStallCloses()
{
    HttpLimits limits = testLimits();
    limits.sendStallTimeoutMs = 300;
    auto server = startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.socket().setReadBufferSize(64 * 1024); // and never read: the kernel buffers fill up
    client.write("GET /stream?size=" + QByteArray::number(256ll << 20) + " HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(stats().destroyed.load(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
    QCOMPARE(stats().aborted.load(), 0); // the request was complete; only its response was cut
}

void TestHttpServer::fileRangeWithSendfile_data()
{
    QTest::addColumn<QByteArray>("route");
    QTest::newRow("sendfile") << QByteArray("/file");
    QTest::newRow("copy") << QByteArray("/filecopy");
}

void TestHttpServer::fileRangeWithSendfile()
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

    auto server = startServer();
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

void TestHttpServer::sendfileStallCloses()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    QVERIFY(file.resize(128ll << 20)); // sparse: zeros
    HttpLimits limits = testLimits();
    limits.sendStallTimeoutMs = 300;
    auto server = startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.socket().setReadBufferSize(64 * 1024);
    client.write("GET /file?path=" + QUrl::toPercentEncoding(file.fileName()) +
                 "&offset=0&length=" + QByteArray::number(128ll << 20) + " HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(stats().destroyed.load(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
}

void TestHttpServer::largeHeadAllowedByLimits()
{
    HttpLimits limits = testLimits();
    limits.maxHeaderBytes = 256 * 1024; // above http-parser's built-in 80 KiB
    auto server = startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(150 * 1024, 'b') + "\r\n\r\n");
    QCOMPARE(client.readResponse().status, 200);
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(300 * 1024, 'b') + "\r\n\r\n");
    QCOMPARE(client.readResponse().status, 431);
}

void TestHttpServer::connectionCloseHonoured()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    const RawResponse r = client.readResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForClosed());
}

void TestHttpServer::http10Works()
{
    auto server = startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /hello HTTP/1.0\r\n\r\n");
    const RawResponse r = client.readResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("Hello, world!"));
    QVERIFY(client.waitForClosed());

    RawHttpClient keepAlive;
    QVERIFY(keepAlive.connectTo(server->port()));
    keepAlive.write("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    const RawResponse k = keepAlive.readResponse();
    QCOMPARE(k.header("Connection"), QByteArray("keep-alive"));
    keepAlive.write("GET /hello HTTP/1.0\r\n\r\n");
    QCOMPARE(keepAlive.readResponse().status, 200);
    QVERIFY(keepAlive.waitForClosed());
}

void TestHttpServer::concurrentClients()
{
    auto server = startServer();
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

void TestHttpServer::shutdownWaitsForInFlightRequest()
{
    auto server = startServer();
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

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_HttpServer.moc"
