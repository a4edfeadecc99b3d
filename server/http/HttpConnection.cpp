#include "http/HttpConnection.h"

#include "http/HttpRequestParser.h"
#include "http/HttpResponseWriter.h"

#include <QTcpSocket>
#include <chrono>
#include <limits>
#include <sys/socket.h>

namespace berth {

namespace {
constexpr qint64 ReadPieceBytes = 64 * 1024;
const QByteArray PlainText = "text/plain; charset=utf-8";
} // namespace

HttpConnection::HttpConnection(QTcpSocket* socket, std::shared_ptr<HttpServerState> state, QObject* parent)
    : QObject(parent), m_socket(socket), m_state(std::move(state)), m_limits(m_state->limits)
{
    m_socket->setParent(this);
    HttpRequestParser::Callbacks callbacks;
    callbacks.messageBegin = [this] { onMessageBegin(); };
    callbacks.headers = [this](HttpRequest& request) { onHeaders(request); };
    callbacks.body = [this](QByteArrayView chunk) { return onBody(chunk); };
    callbacks.messageComplete = [this] { onMessageComplete(); };
    m_parser = std::make_unique<HttpRequestParser>(m_limits, std::move(callbacks));
    for (QTimer* timer : {&m_readTimer, &m_sendTimer, &m_lingerTimer})
        timer->setSingleShot(true);
    connect(&m_readTimer, &QTimer::timeout, this, &HttpConnection::onReadTimeout);
    connect(&m_sendTimer, &QTimer::timeout, this, [this] { closeNow(); });
    connect(&m_lingerTimer, &QTimer::timeout, this, [this] { closeNow(); });
}

HttpConnection::~HttpConnection()
{
    if (m_phase != Phase::Closed && m_handler && m_parser->inMessage())
        m_handler->onAborted();
}

void HttpConnection::start()
{
    m_socket->setReadBufferSize(SocketReadBufferBytes);
    m_parser->setPeer(m_socket->peerAddress(), m_socket->peerPort(), m_socket->inherits("QSslSocket"));
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::pump);
    connect(m_socket, &QIODevice::bytesWritten, this, [this] {
        if (m_socket->bytesToWrite() > 0)
            m_sendTimer.start(m_limits.sendStallTimeoutMs);
        pump();
    });
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] { closeNow(); });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            closeNow();
    });
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        closeNow();
        return;
    }
    m_phase = Phase::Idle;
    armReadTimer();
    pump();
}

void HttpConnection::beginShutdown()
{
    m_closeAfterResponse = true;
    if (m_phase == Phase::Idle && m_inputPos >= m_input.size() && m_socket->bytesAvailable() == 0)
        closeNow();
}

void HttpConnection::abort()
{
    closeNow();
}

void HttpConnection::pump()
{
    if (m_pumping) {
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        if (m_writer && !m_writer->pump()) {
            closeNow(); // the body source failed: the client must see a short response, not a wrong one
            break;
        }
        if (m_writer && m_writer->isFinished() && (m_phase == Phase::Complete || m_stopParsing))
            finishRequest();
        if (m_phase == Phase::Closing && m_socket->bytesToWrite() == 0)
            startLinger();
        if (m_phase == Phase::Lingering) {
            while (m_socket->bytesAvailable() > 0)
                m_socket->read(ReadPieceBytes);
            m_input.clear();
            m_inputPos = 0;
        }
        if (m_phase == Phase::Idle || m_phase == Phase::Head || m_phase == Phase::Body)
            readAndParse();
    } while (m_pumpAgain && m_phase != Phase::Closed);
    m_pumping = false;
    updateSendTimer();
}

void HttpConnection::readAndParse()
{
    bool readSomething = false;
    while ((m_phase == Phase::Idle || m_phase == Phase::Head || m_phase == Phase::Body) && !m_stopParsing &&
           !m_parser->isPaused()) {
        if (m_inputPos >= m_input.size()) {
            m_input = m_socket->read(ReadPieceBytes);
            m_inputPos = 0;
            if (m_input.isEmpty())
                break;
            readSomething = true;
        }
        const qint64 consumed = m_parser->feed(m_input.constData() + m_inputPos, m_input.size() - m_inputPos);
        m_inputPos += consumed;
        if (m_parser->hasError()) {
            respondWithError(m_parser->errorStatus(), m_parser->errorMessage());
            break;
        }
        if (consumed == 0)
            break;
    }
    if (readSomething && m_phase == Phase::Body)
        armReadTimer(); // body bytes arrived: the stall clock starts over
    if (m_phase == Phase::Head)
        fireReadTimerBy(m_readDeadlineMs, steadyNowMs()); // the head is incomplete: it has until then
}

void HttpConnection::finishRequest()
{
    const bool close = m_writer->closesConnection() || m_stopParsing || m_closeAfterResponse ||
                       m_state->shuttingDown.load() || !m_parser->request().keepAlive;
    m_handler.reset();
    m_writer.reset();
    m_received = 0;
    m_discarded = 0;
    m_discarding = false;
    m_pumpAgain = true;
    if (close) {
        m_phase = Phase::Closing;
        m_stopParsing = true;
        m_readTimer.stop();
    } else {
        m_phase = Phase::Idle;
        m_parser->resume();
        armReadTimer();
    }
}

void HttpConnection::startLinger()
{
    m_phase = Phase::Lingering;
    m_readTimer.stop();
    if (m_socket->inherits("QSslSocket")) {
        m_socket->disconnectFromHost();
    } else {
        // Half-close: the client reads the response and end of stream, and its close ends the linger.
        ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
    }
    m_lingerTimer.start(qMin(LingerMs, qMax(1, m_limits.idleTimeoutMs)));
}

void HttpConnection::closeNow()
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    m_readTimer.stop();
    m_sendTimer.stop();
    m_lingerTimer.stop();
    if (m_handler && m_parser->inMessage())
        m_handler->onAborted();
    m_handler.reset();
    m_writer.reset();
    m_socket->disconnect(this);
    m_socket->abort();
    emit closed();
}

void HttpConnection::createWriter()
{
    HttpResponseWriter::Options options;
    options.headRequest = m_parser->headersComplete() && m_parser->request().isHead();
    options.expectContinue = m_parser->headersComplete() && m_parser->expectsContinue();
    options.http10KeepAlive =
        m_parser->headersComplete() && m_parser->isHttp10() && m_parser->request().keepAlive;
    options.decideClose = [this] { return decideClose(); };
    options.wake = [this] { pump(); };
    if (!m_socket->inherits("QSslSocket"))
        options.sendfileDescriptor = m_socket->socketDescriptor();
    m_writer = std::make_unique<HttpResponseWriter>(m_socket, std::move(options));
}

bool HttpConnection::decideClose() const
{
    if (m_closeAfterResponse || m_stopParsing || m_state->shuttingDown.load())
        return true;
    const HttpRequest& request = m_parser->request();
    if (!request.keepAlive)
        return true;
    if ((m_phase == Phase::Head || m_phase == Phase::Body) && m_parser->inMessage() && request.hasBody()) {
        // An early response: keep the connection only when the rest of the body is cheap to drop.
        if (m_parser->expectsContinue() && !m_writer->continueSent() && m_received == 0)
            return true;
        if (request.contentLength >= 0 && request.contentLength - m_received > m_limits.maxDiscardBytes)
            return true;
    }
    return false;
}

void HttpConnection::respondWithError(int status, const QString& message)
{
    m_closeAfterResponse = true;
    m_stopParsing = true;
    m_pumpAgain = true;
    if (m_handler && m_parser->inMessage())
        m_handler->onAborted();
    m_handler.reset();
    if (m_writer && m_writer->hasResponded())
        return; // that response goes out, then the connection closes
    createWriter();
    m_writer->send(status, message.toUtf8() + '\n', PlainText);
    m_phase = Phase::Complete;
}

void HttpConnection::armReadTimer()
{
    const qint64 now = steadyNowMs();
    switch (m_phase) {
    case Phase::Idle:
        m_readDeadlineMs = now + m_limits.idleTimeoutMs;
        break;
    case Phase::Head:
        m_readDeadlineMs = now + m_limits.headerTimeoutMs;
        break;
    case Phase::Body:
        m_readDeadlineMs = now + m_limits.bodyStallTimeoutMs;
        break;
    default:
        m_readDeadlineMs = 0; // the timer may still fire: onReadTimeout() then finds nothing to do
        return;
    }
    // The head timer waits until a read ends with the head incomplete (readAndParse()): a request whose
    // head arrives whole never moves the timer.
    if (m_phase != Phase::Head)
        fireReadTimerBy(m_readDeadlineMs, now);
}

void HttpConnection::fireReadTimerBy(qint64 deadlineMs, qint64 nowMs)
{
    if (m_readTimer.isActive() && m_readFiresAtMs <= deadlineMs)
        return;
    m_readFiresAtMs = deadlineMs;
    m_readTimer.start(int(qBound(qint64(0), deadlineMs - nowMs, qint64(std::numeric_limits<int>::max()))));
}

qint64 HttpConnection::steadyNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void HttpConnection::updateSendTimer()
{
    if (m_phase == Phase::Closed)
        return;
    const qint64 progress = m_writer ? m_writer->sendfileProgress() : 0;
    const bool progressed = progress != m_sendfileProgress;
    m_sendfileProgress = progress;
    if (m_socket->bytesToWrite() > 0 || (m_writer && m_writer->isBlockedOnSocket())) {
        if (!m_sendTimer.isActive() || progressed)
            m_sendTimer.start(m_limits.sendStallTimeoutMs);
    } else {
        m_sendTimer.stop();
    }
}

void HttpConnection::onReadTimeout()
{
    const bool timedPhase = m_phase == Phase::Idle || m_phase == Phase::Head || m_phase == Phase::Body;
    if (!timedPhase || m_readDeadlineMs == 0)
        return;
    const qint64 now = steadyNowMs();
    if (now < m_readDeadlineMs) { // set for an earlier deadline that has moved since
        fireReadTimerBy(m_readDeadlineMs, now);
        return;
    }
    switch (m_phase) {
    case Phase::Idle:
        closeNow();
        break;
    case Phase::Head:
        respondWithError(
            408,
            QStringLiteral("The request head did not arrive within %1 ms.").arg(m_limits.headerTimeoutMs));
        pump();
        break;
    case Phase::Body:
        closeNow(); // the handler hears onAborted()
        break;
    default:
        break;
    }
}

void HttpConnection::onMessageBegin()
{
    m_phase = Phase::Head;
    m_received = 0;
    m_discarded = 0;
    m_discarding = false;
    armReadTimer();
}

void HttpConnection::onHeaders(HttpRequest& request)
{
    m_phase = Phase::Body;
    armReadTimer();
    createWriter();
    if (m_state->factory)
        m_handler = m_state->factory(request);
    if (!m_handler) {
        m_writer->send(404, "Nothing is served at " + request.path.toUtf8() + ".\n", PlainText);
    } else {
        m_handler->onHeaders(request, *m_writer);
        // The handler accepted the head: a client waiting for "100 Continue" may send the body now.
        if (!m_writer->hasResponded() && request.hasBody())
            m_writer->sendContinue();
    }
    if (m_writer->hasResponded()) {
        m_discarding = true;
        if (m_writer->closesConnection())
            m_stopParsing = true;
    }
}

bool HttpConnection::onBody(QByteArrayView chunk)
{
    if (m_stopParsing)
        return false;
    m_received += chunk.size();
    if (m_discarding) {
        m_discarded += chunk.size();
        if (m_discarded > m_limits.maxDiscardBytes) {
            m_stopParsing = true;
            m_pumpAgain = true;
            return false;
        }
        return true;
    }
    if (m_parser->expectsContinue() && !m_writer->continueSent())
        m_writer->sendContinue(); // the client sent the body anyway; say Continue once for the record
    const bool more = m_handler->onBody(chunk, *m_writer);
    if (!more && !m_writer->hasResponded())
        m_writer->send(500, "The request handler stopped reading the body without responding.\n", PlainText);
    if (m_writer->hasResponded()) {
        m_discarding = true;
        if (m_writer->closesConnection()) {
            m_stopParsing = true;
            m_pumpAgain = true;
            return false;
        }
    }
    return true;
}

void HttpConnection::onMessageComplete()
{
    if (m_stopParsing)
        return;
    m_phase = Phase::Complete;
    m_readTimer.stop();
    if (m_handler && !m_writer->hasResponded())
        m_handler->onComplete(m_parser->request(), *m_writer);
    if (!m_writer->hasResponded())
        m_writer->send(500, "The request handler did not respond.\n", PlainText);
    m_pumpAgain = true;
}

} // namespace berth
