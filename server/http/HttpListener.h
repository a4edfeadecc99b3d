#pragma once

#include <QTcpServer>
#include <functional>

namespace berth {

/// The listening socket: hands each accepted descriptor to a callback instead of queueing sockets
/// (so the socket object is created on the worker thread that serves it).
class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    explicit HttpListener(std::function<void(qintptr)> onDescriptor, QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::function<void(qintptr)> m_onDescriptor;
};

} // namespace berth
