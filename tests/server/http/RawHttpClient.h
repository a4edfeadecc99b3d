#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QTcpSocket>

namespace berth::test {

/// One parsed response as the raw bytes showed it.
struct RawResponse
{
    bool ok = false; ///< a full response arrived in time
    int status = 0;
    QByteArray statusLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const;
    bool hasHeader(const QByteArray& name) const;
};

/// A plain QTcpSocket client that waits by running the event loop (the server's listener lives on
/// the test thread too), so the exact bytes on the wire are visible to the tests.
class RawHttpClient
{
public:
    RawHttpClient();
    bool connectTo(quint16 port, int timeoutMs = 5000);
    QTcpSocket& socket() { return m_socket; }

    void write(const QByteArray& bytes);
    /// Reads one response; headRequest: a HEAD response has no body whatever Content-Length says.
    RawResponse readResponse(bool headRequest = false, int timeoutMs = 10000);
    /// Waits until the server closed the connection.
    bool waitForClosed(int timeoutMs = 5000);
    /// Waits until at least n bytes can be read.
    bool waitForBytes(qint64 n, int timeoutMs = 10000);
    bool isClosed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }

private:
    QTcpSocket m_socket;
};

} // namespace berth::test
