#pragma once

#include <QObject>
#include <QTimer>

class QSslSocket;

namespace berth {

/// The TLS handshake of one accepted connection, on its worker thread: the connection becomes an
/// HttpConnection only once it is encrypted. A client that does not finish the handshake within the
/// timeout, speaks plain HTTP, or offers nothing acceptable (e.g. only TLS 1.1) is dropped, logged at
/// debug level.
class HttpTlsHandshake : public QObject
{
    Q_OBJECT
public:
    /// Owns the socket, which must already have its descriptor and server configuration set.
    HttpTlsHandshake(QSslSocket* socket, int timeoutMs, QObject* parent = nullptr);
    ~HttpTlsHandshake() override;

    /// Starts the server side of the handshake. Emits encrypted() or failed(), once, later.
    void start();
    /// Hands the encrypted socket over (after encrypted()); this object no longer owns it.
    QSslSocket* takeSocket();
    /// Drops the connection now; emits failed().
    void abort();

signals:
    void encrypted();
    void failed();

private:
    void fail(const QString& why);

    QSslSocket* m_socket;
    QTimer m_timer;
    bool m_done = false;
};

} // namespace berth
