#pragma once

#include <QtGlobal>

namespace berth {

/// Bounds on what one client may cost the server. Defaults suit a team registry.
struct HttpLimits
{
    int maxHeaderBytes = 64 * 1024;   ///< request line + all header lines; over it: 431
    int maxHeaderCount = 100;         ///< over it: 431
    int headerTimeoutMs = 30'000;     ///< the whole head must arrive within this (slow-loris guard): 408
    int idleTimeoutMs = 120'000;      ///< keep-alive connection with no request in flight is closed
    int bodyStallTimeoutMs = 120'000; ///< no body bytes for this long mid-request: connection closed
    int sendStallTimeoutMs = 120'000; ///< client reads nothing of a response for this long: closed
    int workerThreads = 0;            ///< 0: one per core, at least 2
    qint64 maxDiscardBytes = 1 << 20; ///< after an early reply, drain at most this much body, else close
};

} // namespace berth
