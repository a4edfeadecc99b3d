#pragma once

#include "http/HttpResponder.h"

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QPair>
#include <functional>
#include <memory>

namespace berth {

class HttpFileSender;

/// The HttpResponder of one request: formats the status line and headers (Date, Content-Length,
/// Connection) and writes them to the connection's socket. A streamed body is written in pieces as
/// the socket drains (pump()), so a multi-gigabyte download costs a few hundred KiB of memory.
class HttpResponseWriter : public HttpResponder
{
public:
    struct Options
    {
        bool headRequest = false;     ///< HEAD: headers only
        bool expectContinue = false;  ///< the client sent "Expect: 100-continue"
        bool http10KeepAlive = false; ///< HTTP/1.0 client asked for keep-alive: say so
        /// Asked when the head is written: will the connection close after this response?
        std::function<bool()> decideClose;
        /// Called when a sequential stream device has more data to read, or the socket drained
        /// during a sendfile.
        std::function<void()> wake;
        /// A plain TCP socket's descriptor: sendStream() with a localPath may use sendfile(2).
        /// -1: always copy through the device (TLS, or not a plain socket).
        qintptr sendfileDescriptor = -1;
    };

    /// Bytes of one streamed piece, and the socket backlog under which the next piece is written.
    static constexpr qint64 StreamChunkBytes = 256 * 1024;
    static constexpr qint64 StreamLowWaterBytes = 512 * 1024;

    HttpResponseWriter(QIODevice* socket, Options options);
    ~HttpResponseWriter() override;

    void addHeader(const QByteArray& name, const QByteArray& value) override;
    void send(int status, const QByteArray& body = QByteArray(),
              const QByteArray& contentType = QByteArray()) override;
    void sendStream(int status, std::unique_ptr<QIODevice> device, qint64 offset, qint64 length,
                    const QByteArray& contentType, const QString& localPath = QString()) override;
    void sendContinue() override;
    bool hasResponded() const override { return m_responded; }
    void onBodySent(std::function<void(qint64 bytes)> observer) override;

    /// Writes more of a streamed body while the socket backlog is low. False when the body device
    /// failed mid-response: the connection must then be closed (the client sees a short body).
    bool pump();
    /// Every byte of the response has been handed to the socket.
    bool isFinished() const { return m_responded && m_remaining == 0; }
    /// The head announced "Connection: close".
    bool closesConnection() const { return m_closes; }
    bool continueSent() const { return m_continueSent; }
    int status() const { return m_status; }
    /// A sendfile is waiting for the socket to drain (the socket's own buffer is empty then).
    bool isBlockedOnSocket() const;
    /// Body bytes handed to the kernel by sendfile so far (progress for the stall timer).
    qint64 sendfileProgress() const;

    /// An RFC 9110 IMF-fixdate for the Date header.
    static QByteArray httpDate();

private:
    QByteArray buildHead(int status, qint64 contentLength, const QByteArray& contentType);

    QIODevice* m_socket;
    Options m_options;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    std::unique_ptr<QIODevice> m_device;
    std::unique_ptr<HttpFileSender> m_file;
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0; ///< body bytes this response writes (0 for HEAD)
    std::function<void(qint64)> m_bodySent;
    qint64 m_skip = 0;
    int m_status = 0;
    bool m_responded = false;
    bool m_closes = false;
    bool m_continueSent = false;
};

} // namespace berth
