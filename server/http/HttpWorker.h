#pragma once

#include "http/HttpServerState.h"

#include <QObject>
#include <QSet>
#include <memory>

class QTcpSocket;

namespace berth {

class HttpConnection;
class HttpTlsHandshake;

/// Lives on one worker thread and owns the connections accepted there.
class HttpWorker : public QObject
{
    Q_OBJECT
public:
    explicit HttpWorker(std::shared_ptr<HttpServerState> state);
    ~HttpWorker() override;

    /// Takes over an accepted socket descriptor (already counted in the state). Worker thread only.
    void accept(qintptr descriptor);
    /// Closes idle connections now and the others after their current response. Worker thread only.
    void beginShutdown();
    /// Closes every connection at once and deletes them. Worker thread only.
    void closeAll();

signals:
    /// A connection closed; the state's count is already lowered.
    void connectionClosed();

private:
    void track(HttpConnection* connection);
    void startTls(qintptr descriptor);
    void serve(QTcpSocket* socket);
    void countClosed();
    static void sendWithoutDelay(QAbstractSocket* socket);

    std::shared_ptr<HttpServerState> m_state;
    QSet<HttpConnection*> m_connections;
    QSet<HttpTlsHandshake*> m_handshakes; ///< TLS connections not encrypted yet (counted in the state)
};

} // namespace berth
