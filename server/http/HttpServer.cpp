#include "http/HttpServer.h"

#include "http/HttpListener.h"
#include "http/HttpServerState.h"
#include "http/HttpWorkerPool.h"

#include <QSslSocket>
#include <QTimer>
#include <unistd.h>

namespace berth {

struct HttpServer::Private
{
    std::shared_ptr<HttpServerState> state = std::make_shared<HttpServerState>();
    std::unique_ptr<HttpListener> listener;
    std::unique_ptr<HttpWorkerPool> pool;
    QTimer drainTimer;
    bool draining = false;
};

HttpServer::HttpServer(HttpHandlerFactory factory, HttpLimits limits, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->state->factory = std::move(factory);
    d->state->limits = limits;
    d->pool = std::make_unique<HttpWorkerPool>(d->state);
    d->listener = std::make_unique<HttpListener>([this](qintptr descriptor) {
        if (d->state->shuttingDown.load()) {
            ::close(static_cast<int>(descriptor));
            return;
        }
        d->state->connections.fetch_add(1);
        d->pool->dispatch(descriptor);
    });
    d->drainTimer.setSingleShot(true);
    connect(&d->drainTimer, &QTimer::timeout, this, [this] {
        if (!d->draining)
            return;
        d->draining = false;
        emit drained();
        d->pool->stop();
    });
    connect(d->pool.get(), &HttpWorkerPool::connectionClosed, this, [this] {
        if (d->draining && d->state->connections.load() == 0)
            d->drainTimer.start(0);
    });
}

HttpServer::~HttpServer()
{
    d->state->shuttingDown.store(true);
    d->listener->close();
    d->pool->stop();
}

void HttpServer::setSslConfiguration(const QSslConfiguration& configuration)
{
    QSslConfiguration ssl = configuration;
    switch (ssl.protocol()) {
    case QSsl::TlsV1_2:
    case QSsl::TlsV1_2OrLater:
    case QSsl::TlsV1_3:
    case QSsl::TlsV1_3OrLater:
        break;
    default:
        ssl.setProtocol(QSsl::TlsV1_2OrLater);
        break;
    }
    ssl.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate in HTTP, not with certificates
    d->state->sslConfiguration = ssl;
    d->state->tls = true;
}

bool HttpServer::isSecure() const
{
    return d->state->tls;
}

bool HttpServer::listen(const QHostAddress& address, quint16 port)
{
    d->pool->start(d->state->limits.workerThreads);
    d->listener->setListenBacklogSize(1024);
    return d->listener->listen(address, port);
}

QString HttpServer::errorString() const
{
    return d->listener->errorString();
}

QHostAddress HttpServer::address() const
{
    return d->listener->serverAddress();
}

quint16 HttpServer::port() const
{
    return d->listener->serverPort();
}

int HttpServer::connectionCount() const
{
    return d->state->connections.load();
}

void HttpServer::shutdown(int timeoutMs)
{
    if (d->state->shuttingDown.exchange(true))
        return;
    d->listener->close();
    d->draining = true;
    d->pool->beginShutdown();
    // Emitted from the event loop in every case, so a caller may connect right after this call.
    d->drainTimer.start(d->state->connections.load() == 0 ? 0 : std::max(0, timeoutMs));
}

} // namespace berth
