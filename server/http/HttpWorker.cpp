#include "http/HttpWorker.h"

#include "http/HttpConnection.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTcpSocket>

namespace berth {

HttpWorker::HttpWorker(std::shared_ptr<HttpServerState> state) : m_state(std::move(state)) {}

HttpWorker::~HttpWorker()
{
    for (HttpConnection* connection : std::as_const(m_connections))
        delete connection;
}

void HttpWorker::accept(qintptr descriptor)
{
    auto* socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qWarning("HttpWorker: an accepted connection could not be used: %s",
                 qPrintable(socket->errorString()));
        delete socket;
        m_state->connections.fetch_sub(1);
        emit connectionClosed();
        return;
    }
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
    const auto connections = m_connections; // closing edits the set
    for (HttpConnection* connection : connections)
        connection->beginShutdown();
}

void HttpWorker::closeAll()
{
    const auto connections = m_connections;
    for (HttpConnection* connection : connections)
        connection->abort();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace berth
