#pragma once

#include "http/HttpHandler.h"
#include "http/HttpLimits.h"

#include <atomic>

namespace berth {

/// What the listener, the workers and every connection of one HttpServer share. Read from several
/// threads: the factory and limits never change after listen(); the rest is atomic.
struct HttpServerState
{
    HttpHandlerFactory factory;
    HttpLimits limits;
    std::atomic<int> connections{0};
    std::atomic<bool> shuttingDown{false};
};

} // namespace berth
