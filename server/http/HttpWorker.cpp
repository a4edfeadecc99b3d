#include "http/HttpWorker.h"

#include "http/HttpConnection.h"
#include "http/HttpTlsHandshake.h"

#include <QCoreApplication>
#include <QEvent>
#include <QSslSocket>
#include <QTcpSocket>

namespace berth {

HttpWorker::HttpWorker(std::shared_ptr<HttpServerState> state) : m_state(std::move(state)) {}

HttpWorker::~HttpWorker()
{
    for (HttpTlsHandshake* handshake : std::as_const(m_handshakes))
        delete handshake;
    for (HttpConnection* connection : std::as_const(m_connections))
        delete connection;
}

void HttpWorker::accept(qintptr descriptor)
{
    if (m_state->tls) {
        startTls(descriptor);
        return;
    }
    auto* socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qWarning("HttpWorker: an accepted connection could not be used: %s",
                 qPrintable(socket->errorString()));
        delete socket;
        countClosed();
        return;
    }
    sendWithoutDelay(socket);
    serve(socket);
}

void HttpWorker::sendWithoutDelay(QAbstractSocket* socket)
{
    // TCP_NODELAY: a response goes out as a head written by the socket and a body sent after it (often
    // with sendfile). With Nagle's algorithm on, the body of a small blob waited for the client to
    // acknowledge the head, which a client delays by up to 40 ms: every small blob pull took 44 ms.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

void HttpWorker::countClosed()
{
    m_state->connections.fetch_sub(1);
    emit connectionClosed();
}

void HttpWorker::startTls(qintptr descriptor)
{
    auto* socket = new QSslSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qWarning("HttpWorker: an accepted connection could not be used: %s",
                 qPrintable(socket->errorString()));
        delete socket;
        countClosed();
        return;
    }
    sendWithoutDelay(socket);
    socket->setSslConfiguration(m_state->sslConfiguration);
    auto* handshake = new HttpTlsHandshake(socket, m_state->limits.headerTimeoutMs);
    m_handshakes.insert(handshake);
    connect(handshake, &HttpTlsHandshake::encrypted, this, [this, handshake] {
        if (!m_handshakes.remove(handshake))
            return;
        QSslSocket* encrypted = handshake->takeSocket();
        handshake->deleteLater();
        serve(encrypted);
    });
    connect(handshake, &HttpTlsHandshake::failed, this, [this, handshake] {
        if (!m_handshakes.remove(handshake))
            return;
        handshake->deleteLater();
        countClosed();
    });
    if (m_state->shuttingDown.load()) {
        handshake->abort();
        return;
    }
    handshake->start();
}

void HttpWorker::serve(QTcpSocket* socket)
{
    auto* connection = new HttpConnection(socket, m_state);
    track(connection);
    if (m_state->shuttingDown.load()) {
        connection->abort();
        return;
    }
    connection->start();
}

void HttpWorker::track(HttpConnection* connection)
{
    m_connections.insert(connection);
    connect(connection, &HttpConnection::closed, this, [this, connection] {
        if (!m_connections.remove(connection))
            return;
        connection->deleteLater();
        m_state->connections.fetch_sub(1);
        emit connectionClosed();
    });
}

void HttpWorker::beginShutdown()
{
    const auto handshakes = m_handshakes; // aborting edits the set
    for (HttpTlsHandshake* handshake : handshakes)
        handshake->abort();
    const auto connections = m_connections; // closing edits the set
    for (HttpConnection* connection : connections)
        connection->beginShutdown();
}

void HttpWorker::closeAll()
{
    const auto handshakes = m_handshakes;
    for (HttpTlsHandshake* handshake : handshakes)
        handshake->abort();
    const auto connections = m_connections;
    for (HttpConnection* connection : connections)
        connection->abort();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace berth
