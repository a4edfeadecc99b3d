#include "HttpTestSupport.h"
#include "RawHttpClient.h"
#include "TestHandlers.h"
#include "http/HttpRequestParser.h"
#include "http/HttpServer.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <QUrl>
#include <memory>
#include <vector>

using namespace berth;
using namespace berth::test;

class TestHttpProtocol : public QObject
{
    Q_OBJECT

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
    void handlerWithoutResponseGets500();
    void largeHeadAllowedByLimits();
    void connectionCloseHonoured();
    void http10Works();
};

void TestHttpProtocol::decodePath_data()
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

void TestHttpProtocol::decodePath()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, valid);
    QFETCH(QString, decoded);
    QString out;
    QCOMPARE(HttpRequestParser::decodePath(raw, &out), valid);
    if (valid)
        QCOMPARE(out, decoded);
}

void TestHttpProtocol::simpleGet()
{
    auto server = startTestServer();
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

void TestHttpProtocol::headHasNoBody()
{
    auto server = startTestServer();
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

void TestHttpProtocol::keepAliveSeveralRequests()
{
    auto server = startTestServer();
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

void TestHttpProtocol::pipelinedRequestsAnsweredInOrder()
{
    auto server = startTestServer();
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

void TestHttpProtocol::chunkedBodyWithExtensionsAndTrailers()
{
    auto server = startTestServer();
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

void TestHttpProtocol::contentLengthBodyInSmallWrites()
{
    auto server = startTestServer();
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

void TestHttpProtocol::expectContinue()
{
    auto server = startTestServer();
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

void TestHttpProtocol::headerTooLarge()
{
    HttpLimits limits = testLimits();
    limits.maxHeaderBytes = 4096;
    auto server = startTestServer(limits);
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

void TestHttpProtocol::tooManyHeaders()
{
    HttpLimits limits = testLimits();
    limits.maxHeaderCount = 10;
    auto server = startTestServer(limits);
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

void TestHttpProtocol::malformedRequests_data()
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

void TestHttpProtocol::malformedRequests()
{
    QFETCH(QByteArray, wire);
    auto server = startTestServer();
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

void TestHttpProtocol::slowLorisHead()
{
    HttpLimits limits = testLimits();
    limits.headerTimeoutMs = 300;
    auto server = startTestServer(limits);
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

void TestHttpProtocol::idleKeepAliveClosed()
{
    HttpLimits limits = testLimits();
    limits.idleTimeoutMs = 300;
    auto server = startTestServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    QCOMPARE(client.readResponse().status, 200);
    QVERIFY(client.waitForClosed(5000));
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
}

void TestHttpProtocol::handlerWithoutResponseGets500()
{
    auto server = startTestServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /noreply HTTP/1.1\r\nHost: t\r\n\r\n");
    const RawResponse r = client.readResponse();
    QCOMPARE(r.statusLine, QByteArray("HTTP/1.1 500 Internal Server Error"));
    QVERIFY(!r.body.isEmpty());
}

void TestHttpProtocol::largeHeadAllowedByLimits()
{
    HttpLimits limits = testLimits();
    limits.maxHeaderBytes = 256 * 1024; // above http-parser's built-in 80 KiB
    auto server = startTestServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(150 * 1024, 'b') + "\r\n\r\n");
    QCOMPARE(client.readResponse().status, 200);
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(300 * 1024, 'b') + "\r\n\r\n");
    QCOMPARE(client.readResponse().status, 431);
}

void TestHttpProtocol::connectionCloseHonoured()
{
    auto server = startTestServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(server->port()));
    client.write("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    const RawResponse r = client.readResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForClosed());
}

void TestHttpProtocol::http10Works()
{
    auto server = startTestServer();
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

QTEST_GUILESS_MAIN(TestHttpProtocol)
#include "tst_HttpProtocol.moc"
