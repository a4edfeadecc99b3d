#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QPair>
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
};

} // namespace berth
