#pragma once

#include "http/HttpHandler.h"
#include "http/HttpServerState.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <memory>

class QTcpSocket;

namespace berth {

class HttpRequestParser;
class HttpResponseWriter;

/// One client connection on its worker thread: reads and parses requests in order, drives their
/// handlers, writes the responses and enforces the timeouts of HttpLimits. The socket is any
/// QTcpSocket (a QSslSocket works the same); the connection owns it.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    /// Read-buffer cap of the socket: a slow handler stops the reading there (TCP back-pressure).
    static constexpr qint64 SocketReadBufferBytes = 1 << 20;
    /// How long a closing connection keeps reading (and dropping) what the client still sends, so
    /// the client gets to read the response before the socket is reset.
    static constexpr int LingerMs = 2000;

    HttpConnection(QTcpSocket* socket, std::shared_ptr<HttpServerState> state, QObject* parent = nullptr);
    ~HttpConnection() override;

    /// Starts reading. Call once, on the connection's thread.
    void start();
    /// Graceful shutdown: close now when idle, else after the current response.
    void beginShutdown();
    /// Closes at once; a request in progress is aborted.
    void abort();

signals:
    /// The connection is over; the owner deletes it (deleteLater).
    void closed();

private:
    enum class Phase
    {
        Idle,      ///< between requests
        Head,      ///< reading a request head
        Body,      ///< the head is handled; reading the body
        Complete,  ///< the request is complete; its response is being written
        Closing,   ///< the last response is being written, nothing more is parsed
        Lingering, ///< the last response is out; dropping input until the client closes
        Closed,
    };

    void pump();
    void readAndParse();
    void finishRequest();
    void startLinger();
    void closeNow();
    void respondWithError(int status, const QString& message);
    void armReadTimer();
    /// Makes m_readTimer fire at deadlineMs at the latest (moves it only when it would fire later).
    void fireReadTimerBy(qint64 deadlineMs, qint64 nowMs);
    static qint64 steadyNowMs();
    void updateSendTimer();
    bool decideClose() const;
    void createWriter();

    void onMessageBegin();
    void onHeaders(HttpRequest& request);
    bool onBody(QByteArrayView chunk);
    void onMessageComplete();
    void onReadTimeout();

    QTcpSocket* m_socket;
    std::shared_ptr<HttpServerState> m_state;
    HttpLimits m_limits;
    std::unique_ptr<HttpRequestParser> m_parser;
    std::unique_ptr<HttpHandler> m_handler;
    std::unique_ptr<HttpResponseWriter> m_writer;
    QByteArray m_input;
    qsizetype m_inputPos = 0;
    Phase m_phase = Phase::Idle;
    qint64 m_received = 0;  ///< body bytes of the current request
    qint64 m_discarded = 0; ///< body bytes dropped after an early response
    bool m_discarding = false;
    bool m_stopParsing = false;
    bool m_closeAfterResponse = false;
    qint64 m_sendfileProgress = 0;
    bool m_pumping = false;
    bool m_pumpAgain = false;
    /// The read timeouts (idle, head, body stall) run on one single-shot timer that is moved only when a
    /// deadline comes earlier than it fires: re-arming a QTimer for every phase of every request cost
    /// more than parsing the request. When it fires before the phase's deadline it is set for the rest.
    QTimer m_readTimer;
    qint64 m_readDeadlineMs = 0; ///< steady clock; 0: no read phase is timed
    qint64 m_readFiresAtMs = 0;  ///< when m_readTimer fires (when active)
    QTimer m_sendTimer;
    QTimer m_lingerTimer;
};

} // namespace berth
