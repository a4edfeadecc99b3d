#include "HttpTestSupport.h"

#include "TestHandlers.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>

namespace berth::test {

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

QByteArray post(const QByteArray& path, const QByteArray& body, const QByteArray& extra)
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

std::unique_ptr<HttpServer> startTestServer(const HttpLimits& limits)
{
    auto server = std::make_unique<HttpServer>(&TestHandler::create, limits);
    if (!server->listen(QHostAddress::LocalHost, 0))
        qFatal("listen failed: %s", qPrintable(server->errorString()));
    return server;
}

} // namespace berth::test
