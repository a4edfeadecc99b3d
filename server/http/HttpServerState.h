#pragma once

#include "http/HttpHandler.h"
#include "http/HttpLimits.h"

#include <QSslConfiguration>
#include <atomic>

namespace berth {

/// What the listener, the workers and every connection of one HttpServer share. Read from several
/// threads: the factory, limits and TLS settings never change after listen(); the rest is atomic.
struct HttpServerState
{
    HttpHandlerFactory factory;
    HttpLimits limits;
    bool tls = false;                   ///< serve HTTPS: every connection starts with a TLS handshake
    QSslConfiguration sslConfiguration; ///< the server's certificate, key and protocols (when tls)
    std::atomic<int> connections{0};
    std::atomic<bool> shuttingDown{false};
};

} // namespace berth
