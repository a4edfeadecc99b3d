#pragma once

#include "http/HttpServerState.h"

#include <QObject>
#include <memory>
#include <vector>

class QThread;

namespace berth {

class HttpWorker;

/// N worker threads, each with its own event loop and HttpWorker; connections are handed out
/// round-robin.
class HttpWorkerPool : public QObject
{
    Q_OBJECT
public:
    explicit HttpWorkerPool(std::shared_ptr<HttpServerState> state, QObject* parent = nullptr);
    ~HttpWorkerPool() override;

    /// Starts the threads (once). threadCount 0: one per core, at least 2.
    void start(int threadCount);
    bool isRunning() const { return !m_threads.empty(); }
    /// Hands an accepted descriptor to the next worker.
    void dispatch(qintptr descriptor);
    /// Asks every worker to close idle connections and the others after their response.
    void beginShutdown();
    /// Closes all connections, stops and joins the threads. Safe to call twice.
    void stop();

signals:
    /// A connection closed (emitted on the pool's thread).
    void connectionClosed();

private:
    std::shared_ptr<HttpServerState> m_state;
    std::vector<QThread*> m_threads;
    std::vector<HttpWorker*> m_workers;
    size_t m_next = 0;
};

} // namespace berth
