#include "http/HttpListener.h"

namespace berth {

HttpListener::HttpListener(std::function<void(qintptr)> onDescriptor, QObject* parent)
    : QTcpServer(parent), m_onDescriptor(std::move(onDescriptor))
{}

void HttpListener::incomingConnection(qintptr descriptor)
{
    m_onDescriptor(descriptor);
}

} // namespace berth
