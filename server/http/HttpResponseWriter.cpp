#include "http/HttpResponseWriter.h"

#include "http/HttpFileSender.h"
#include "http/HttpStatus.h"

#include <QAbstractSocket>
#include <QDateTime>
#include <QLocale>
#include <QtDebug>

namespace berth {

namespace {

bool isOneOf(const QByteArray& name, std::initializer_list<const char*> names)
{
    for (const char* n : names) {
        if (name.compare(n, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

HttpResponseWriter::HttpResponseWriter(QIODevice* socket, Options options)
    : m_socket(socket), m_options(std::move(options))
{}

HttpResponseWriter::~HttpResponseWriter()
{
    if (!m_bodySent)
        return;
    qint64 sent = m_bodyBytes - m_remaining;
    // A response cut short: what still waits in the socket's buffer never goes out.
    if (m_remaining > 0)
        sent -= qMin(sent, m_socket->bytesToWrite());
    m_bodySent(qMax<qint64>(0, sent));
}

void HttpResponseWriter::onBodySent(std::function<void(qint64 bytes)> observer)
{
    m_bodySent = std::move(observer);
}

QByteArray HttpResponseWriter::httpDate()
{
    // Formatting a date through QLocale costs more than the rest of a small response's head: once per
    // second and thread is enough.
    thread_local qint64 formattedSecond = -1;
    thread_local QByteArray formatted;
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != formattedSecond) {
        formatted = QLocale::c()
                        .toString(QDateTime::fromSecsSinceEpoch(second, Qt::UTC),
                                  QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                        .toLatin1();
        formattedSecond = second;
    }
    return formatted;
}

void HttpResponseWriter::addHeader(const QByteArray& name, const QByteArray& value)
{
    if (m_responded) {
        qWarning("HttpResponseWriter: header %s added after the response was sent", name.constData());
        return;
    }
    m_headers.append({name, value});
}

QByteArray HttpResponseWriter::buildHead(int status, qint64 contentLength, const QByteArray& contentType)
{
    m_status = status;
    m_closes = m_options.decideClose ? m_options.decideClose() : false;
    // Appended piece by piece into one buffer: no temporary per header.
    QByteArray head;
    head.reserve(512);
    head.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ');
    head.append(HttpStatus::reasonPhrase(status)).append("\r\n");
    head.append("Date: ").append(httpDate()).append("\r\n");
    QByteArray handlerLength;
    bool handlerType = false;
    for (const auto& h : m_headers) {
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            handlerLength = h.second.trimmed();
            continue;
        }
        if (isOneOf(h.first, {"Connection", "Date", "Transfer-Encoding", "Keep-Alive"}))
            continue; // the server owns these
        if (h.first.compare("Content-Type", Qt::CaseInsensitive) == 0)
            handlerType = true;
        head.append(h.first).append(": ").append(h.second).append("\r\n");
    }
    if (!contentType.isEmpty() && !handlerType)
        head.append("Content-Type: ").append(contentType).append("\r\n");
    // HEAD and 304 may describe a body that is not sent: the handler's own Content-Length wins there.
    const bool describesOnly = m_options.headRequest || status == 304;
    if (describesOnly && !handlerLength.isEmpty())
        head.append("Content-Length: ").append(handlerLength).append("\r\n");
    else if (HttpStatus::allowsBody(status))
        head.append("Content-Length: ").append(QByteArray::number(contentLength)).append("\r\n");
    if (m_closes)
        head += "Connection: close\r\n";
    else if (m_options.http10KeepAlive)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
    return head;
}

void HttpResponseWriter::send(int status, const QByteArray& body, const QByteArray& contentType)
{
    if (m_responded) {
        qWarning("HttpResponseWriter: a second response (%d) for one request was ignored", status);
        return;
    }
    m_responded = true;
    QByteArray out = buildHead(status, body.size(), contentType);
    if (!m_options.headRequest && HttpStatus::allowsBody(status)) {
        out += body;
        m_bodyBytes = body.size();
    }
    m_socket->write(out);
    // Sent now as far as the socket takes it, not on the event loop's next round: a small response is
    // then done without a write notification, a bytesWritten signal and a send-stall timer of its own.
    if (auto* socket = qobject_cast<QAbstractSocket*>(m_socket))
        socket->flush();
}

void HttpResponseWriter::sendStream(int status, std::unique_ptr<QIODevice> device, qint64 offset,
                                    qint64 length, const QByteArray& contentType, const QString& localPath)
{
    if (m_responded) {
        qWarning("HttpResponseWriter: a second response (%d) for one request was ignored", status);
        return;
    }
    const bool bodyAllowed = HttpStatus::allowsBody(status);
    const bool writeBody = !m_options.headRequest && bodyAllowed && length > 0;
    if (length < 0 || offset < 0 || (writeBody && (!device || !device->isReadable()))) {
        m_bodySent = nullptr; // an error body is not the content that was asked for
        send(500, "The response body could not be read.\n", "text/plain; charset=utf-8");
        return;
    }
    if (writeBody) {
        if (device->isSequential()) {
            m_skip = offset;
        } else if (!device->seek(offset)) {
            m_bodySent = nullptr; // an error body is not the content that was asked for
            send(500, "The response body could not be read.\n", "text/plain; charset=utf-8");
            return;
        }
    }
    m_responded = true;
    m_socket->write(buildHead(status, bodyAllowed ? length : 0, contentType));
    if (!writeBody)
        return;
    m_device = std::move(device);
    m_remaining = length;
    m_bodyBytes = length;
    if (!localPath.isEmpty() && m_options.sendfileDescriptor >= 0)
        m_file =
            HttpFileSender::open(localPath, m_options.sendfileDescriptor, offset, length, m_options.wake);
    if (m_file)
        return; // the head goes out first; pump() then continues with sendfile
    if (m_device->isSequential() && m_options.wake) {
        auto wake = m_options.wake;
        QObject::connect(m_device.get(), &QIODevice::readyRead, m_device.get(), [wake] { wake(); });
    }
    pump();
}

bool HttpResponseWriter::isBlockedOnSocket() const
{
    return m_file && m_file->isWaiting();
}

qint64 HttpResponseWriter::sendfileProgress() const
{
    return m_file ? m_file->sentBytes() : 0;
}

bool HttpResponseWriter::pump()
{
    if (m_file) {
        if (m_socket->bytesToWrite() > 0)
            return true; // the head (or an earlier response) first; bytesWritten brings us back
        const HttpFileSender::Result result = m_file->send();
        m_remaining = m_file->remaining();
        if (result == HttpFileSender::Result::Failed) {
            qWarning("HttpResponseWriter: sendfile stopped with %lld bytes left", m_remaining);
            return false;
        }
        if (result == HttpFileSender::Result::Done) {
            m_file.reset();
            m_device.reset();
        }
        return true;
    }
    if (!m_device)
        return true;
    while (m_remaining > 0 && m_socket->bytesToWrite() < StreamLowWaterBytes) {
        if (m_skip > 0) {
            const QByteArray skipped = m_device->read(qMin(m_skip, StreamChunkBytes));
            if (skipped.isEmpty())
                break;
            m_skip -= skipped.size();
            continue;
        }
        const QByteArray piece = m_device->read(qMin(m_remaining, StreamChunkBytes));
        if (piece.isEmpty()) {
            if (m_device->isSequential() && !m_device->atEnd() && m_device->isOpen())
                return true; // wait for readyRead
            qWarning("HttpResponseWriter: the response body ended %lld bytes early", m_remaining);
            m_device.reset();
            return false;
        }
        m_socket->write(piece);
        m_remaining -= piece.size();
    }
    if (m_remaining == 0)
        m_device.reset();
    return true;
}

void HttpResponseWriter::sendContinue()
{
    if (!m_options.expectContinue || m_continueSent || m_responded)
        return;
    m_continueSent = true;
    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
}

} // namespace berth
