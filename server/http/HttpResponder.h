#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QPair>
#include <functional>
#include <memory>

namespace berth {

/// Sends the response to one request. Exactly one of send()/sendStream() is called per request,
/// possibly before the request body has been read (an early refusal). For HEAD requests the body is
/// never written but Content-Length still reflects it.
class HttpResponder
{
public:
    virtual ~HttpResponder() = default;

    /// Adds a response header (several with one name are allowed).
    virtual void addHeader(const QByteArray& name, const QByteArray& value) = 0;
    /// A complete response with an in-memory body.
    virtual void send(int status, const QByteArray& body = QByteArray(),
                      const QByteArray& contentType = QByteArray()) = 0;
    /// Streams `length` bytes of `device`, starting at `offset`, as the client drains the socket.
    /// localPath, when given, is the same content as a file the server may sendfile() from.
    virtual void sendStream(int status, std::unique_ptr<QIODevice> device, qint64 offset, qint64 length,
                            const QByteArray& contentType, const QString& localPath = QString()) = 0;
    /// Sends "100 Continue" if the client asked for it and nothing was sent yet.
    virtual void sendContinue() = 0;
    virtual bool hasResponded() const = 0;
    /// `observer` is called once, when the response is over (finished, or the connection ended), with
    /// the body bytes that went out to the network: less than the body when a download stopped early,
    /// 0 for HEAD. Set it before send()/sendStream(). Metering uses it; the default ignores it.
    virtual void onBodySent(std::function<void(qint64 bytes)> observer) { (void)observer; }
};

} // namespace berth
