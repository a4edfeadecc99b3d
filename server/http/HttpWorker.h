#pragma once

#include "http/HttpServerState.h"

#include <QObject>
#include <QSet>
#include <memory>

namespace berth {

class HttpConnection;

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

    std::shared_ptr<HttpServerState> m_state;
    QSet<HttpConnection*> m_connections;
};

} // namespace berth
