#pragma once

#include "http/HttpHandler.h"
#include "http/HttpLimits.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <memory>

namespace berth {

/// HTTP/1.1 server (plain or over TLS) on QTcpServer, parsing with http-parser: keep-alive, chunked bodies,
/// pipelining (requests are answered in order), limits and timeouts from HttpLimits. Accepted connections are
/// spread over worker threads, each with its own event loop; handlers run there.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    HttpServer(HttpHandlerFactory factory, HttpLimits limits = {}, QObject* parent = nullptr);
    ~HttpServer() override;

    /// Serves HTTPS: each accepted connection does a TLS handshake (within HttpLimits::headerTimeoutMs)
    /// before any request is read. The configuration needs a local certificate and private key; TLS
    /// 1.2 is the lowest protocol accepted whatever it says. Call before listen().
    void setSslConfiguration(const QSslConfiguration& configuration);
    /// True after setSslConfiguration().
    bool isSecure() const;

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
