#include "http/HttpTlsHandshake.h"

#include <QSslSocket>

namespace berth {

HttpTlsHandshake::HttpTlsHandshake(QSslSocket* socket, int timeoutMs, QObject* parent)
    : QObject(parent), m_socket(socket)
{
    m_socket->setParent(this);
    m_timer.setSingleShot(true);
    m_timer.setInterval(qMax(1, timeoutMs));
    connect(&m_timer, &QTimer::timeout, this,
            [this] { fail(QStringLiteral("no TLS handshake within %1 ms").arg(m_timer.interval())); });
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        if (m_done)
            return;
        m_done = true;
        m_timer.stop();
        m_socket->disconnect(this);
        emit encrypted();
    });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this] { fail(m_socket->errorString()); });
    connect(m_socket, &QAbstractSocket::disconnected, this,
            [this] { fail(QStringLiteral("the client closed the connection")); });
}

HttpTlsHandshake::~HttpTlsHandshake() = default;

void HttpTlsHandshake::start()
{
    m_timer.start();
    m_socket->startServerEncryption();
}

QSslSocket* HttpTlsHandshake::takeSocket()
{
    QSslSocket* socket = m_socket;
    if (socket)
        socket->setParent(nullptr);
    m_socket = nullptr;
    return socket;
}

void HttpTlsHandshake::abort()
{
    fail(QStringLiteral("the server is stopping"));
}

void HttpTlsHandshake::fail(const QString& why)
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    if (m_socket) {
        // A plain-HTTP request or a port scan lands here: worth a debug line, not a warning.
        qDebug("TLS handshake with %s:%u failed: %s", qPrintable(m_socket->peerAddress().toString()),
               unsigned(m_socket->peerPort()), qPrintable(why));
        m_socket->disconnect(this);
        m_socket->abort();
    }
    emit failed();
}

} // namespace berth
