#pragma once

#include "http/HttpHandler.h"
#include "http/HttpLimits.h"

#include <QHostAddress>
#include <QObject>
#include <memory>

namespace berth {

/// HTTP/1.1 server on QTcpServer, parsing with http-parser: keep-alive, chunked bodies, pipelining
/// (requests are answered in order), limits and timeouts from HttpLimits. Accepted connections are
/// spread over worker threads, each with its own event loop; handlers run there.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    HttpServer(HttpHandlerFactory factory, HttpLimits limits = {}, QObject* parent = nullptr);
    ~HttpServer() override;

    /// Starts the worker threads and listens. Port 0 picks a free port (see port()).
    bool listen(const QHostAddress& address, quint16 port);
    QString errorString() const;
    QHostAddress address() const;
    quint16 port() const;

    /// Number of open client connections (for status displays and graceful shutdown).
    int connectionCount() const;

    /// Stops accepting; requests in flight finish, then idle connections close. Emits drained() when
    /// no connection is left or after timeoutMs, whichever comes first; then the threads stop.
    void shutdown(int timeoutMs = 30'000);

signals:
    void drained();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace berth
