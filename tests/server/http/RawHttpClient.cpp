#include "RawHttpClient.h"

#include <QTest>

namespace berth::test {

QByteArray RawResponse::header(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

bool RawResponse::hasHeader(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

RawHttpClient::RawHttpClient() = default;

bool RawHttpClient::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs);
}

void RawHttpClient::write(const QByteArray& bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool RawHttpClient::waitForBytes(qint64 n, int timeoutMs)
{
    return QTest::qWaitFor([this, n] { return m_socket.bytesAvailable() >= n; }, timeoutMs);
}

bool RawHttpClient::waitForClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return isClosed(); }, timeoutMs);
}

RawResponse RawHttpClient::readResponse(bool headRequest, int timeoutMs)
{
    RawResponse response;
    qsizetype headEnd = -1;
    const bool gotHead = QTest::qWaitFor(
        [&] {
            headEnd = m_socket.peek(m_socket.bytesAvailable()).indexOf("\r\n\r\n");
            return headEnd >= 0;
        },
        timeoutMs);
    if (!gotHead)
        return response;
    const QByteArray head = m_socket.read(headEnd + 4);
    const QList<QByteArray> lines = head.left(headEnd).split('\n');
    response.statusLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = response.statusLine.split(' ');
    response.status = parts.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const qint64 length = response.header("Content-Length").toLongLong();
    const bool noBody =
        headRequest || response.status < 200 || response.status == 204 || response.status == 304;
    if (!noBody && length > 0) {
        if (!waitForBytes(length, timeoutMs))
            return response;
        response.body = m_socket.read(length);
    }
    response.ok = true;
    return response;
}

} // namespace berth::test
