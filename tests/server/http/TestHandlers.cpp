#include "TestHandlers.h"

#include <QCoreApplication>
#include <QFile>

namespace berth::test {

void HandlerStats::reset()
{
    created = 0;
    destroyed = 0;
    aborted = 0;
    destroyedOnTestThread = 0;
    bodyBytes = 0;
}

HandlerStats& stats()
{
    static HandlerStats s;
    return s;
}

PatternDevice::PatternDevice(qint64 size) : m_size(size)
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

bool PatternDevice::seek(qint64 pos)
{
    if (pos < 0 || pos > m_size)
        return false;
    QIODevice::seek(pos);
    m_pos = pos;
    return true;
}

QByteArray PatternDevice::sha256Hex(qint64 size)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray block(1 << 20, '\0');
    for (qint64 pos = 0; pos < size; pos += block.size()) {
        const qint64 n = qMin<qint64>(block.size(), size - pos);
        for (qint64 i = 0; i < n; ++i)
            block[i] = byteAt(pos + i);
        hash.addData(QByteArrayView(block.constData(), n));
    }
    return hash.result().toHex();
}

qint64 PatternDevice::readData(char* data, qint64 maxSize)
{
    const qint64 n = qMin(maxSize, m_size - m_pos);
    for (qint64 i = 0; i < n; ++i)
        data[i] = byteAt(m_pos + i);
    m_pos += n;
    return n;
}

qint64 PatternDevice::writeData(const char*, qint64)
{
    return -1;
}

TestHandler::TestHandler()
{
    ++stats().created;
}

TestHandler::~TestHandler()
{
    if (QThread::currentThread() == QCoreApplication::instance()->thread())
        ++stats().destroyedOnTestThread;
    ++stats().destroyed;
}

std::unique_ptr<HttpHandler> TestHandler::create(const HttpRequest&)
{
    return std::make_unique<TestHandler>();
}

void TestHandler::onHeaders(const HttpRequest& request, HttpResponder& responder)
{
    if (request.path == QLatin1String("/refuse")) {
        responder.addHeader("X-Refused", "yes");
        responder.send(403, "refused\n", "text/plain");
    }
}

bool TestHandler::onBody(QByteArrayView chunk, HttpResponder&)
{
    m_hash.addData(chunk);
    m_length += chunk.size();
    stats().bodyBytes += chunk.size();
    return true;
}

void TestHandler::onComplete(const HttpRequest& request, HttpResponder& responder)
{
    if (request.path == QLatin1String("/hello")) {
        responder.send(200, "Hello, world!", "text/plain");
    } else if (request.path == QLatin1String("/echo")) {
        responder.send(200, QByteArray::number(m_length) + ' ' + m_hash.result().toHex(), "text/plain");
    } else if (request.path == QLatin1String("/stream")) {
        const qint64 size = request.query.queryItemValue(QStringLiteral("size")).toLongLong();
        responder.sendStream(200, std::make_unique<PatternDevice>(size), 0, size, "application/octet-stream");
    } else if (request.path == QLatin1String("/file") || request.path == QLatin1String("/filecopy")) {
        const QString path = request.query.queryItemValue(QStringLiteral("path"), QUrl::FullyDecoded);
        const qint64 offset = request.query.queryItemValue(QStringLiteral("offset")).toLongLong();
        const qint64 length = request.query.queryItemValue(QStringLiteral("length")).toLongLong();
        auto file = std::make_unique<QFile>(path);
        if (!file->open(QIODevice::ReadOnly)) {
            responder.send(404, "no such file\n", "text/plain");
            return;
        }
        const bool useSendfile = request.path == QLatin1String("/file");
        responder.sendStream(200, std::move(file), offset, length, "application/octet-stream",
                             useSendfile ? path : QString());
    } else if (request.path == QLatin1String("/noreply")) {
        // deliberately silent: the server answers 500
    } else {
        responder.send(404, "no such test resource\n", "text/plain");
    }
}

void TestHandler::onAborted()
{
    ++stats().aborted;
}

} // namespace berth::test
