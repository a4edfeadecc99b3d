#pragma once

#include "http/HttpLimits.h"
#include "http/HttpRequest.h"

#include <QByteArrayView>
#include <QString>
#include <functional>
#include <memory>

struct http_parser;

namespace berth {

/// Wraps http-parser (HTTP_REQUEST mode) for one connection: builds the HttpRequest of each message,
/// enforces the head limits of HttpLimits and passes the body on piece by piece, never holding it.
/// The parser pauses itself after each complete message so requests are handled one at a time.
class HttpRequestParser
{
public:
    struct Callbacks
    {
        std::function<void()> messageBegin;        ///< first byte of a request
        std::function<void(HttpRequest&)> headers; ///< the head is complete and valid
        std::function<bool(QByteArrayView)> body;  ///< false: pause (stop parsing)
        std::function<void()> messageComplete;     ///< the parser pauses right after
    };

    HttpRequestParser(const HttpLimits& limits, Callbacks callbacks);
    ~HttpRequestParser();
    HttpRequestParser(const HttpRequestParser&) = delete;
    HttpRequestParser& operator=(const HttpRequestParser&) = delete;

    void setPeer(const QHostAddress& address, quint16 port, bool secure);

    /// Parses as much of `data` as it can; returns the number of bytes consumed. Stops early after a
    /// complete message, when a callback pauses, or on an error (see hasError()).
    qint64 feed(const char* data, qint64 size);
    /// Continues after a pause (the next message may then begin).
    void resume();

    bool isPaused() const { return m_paused; }
    bool hasError() const { return m_errorStatus != 0; }
    /// 400 (bad syntax) or 431 (head too large); 0 without an error.
    int errorStatus() const { return m_errorStatus; }
    QString errorMessage() const { return m_errorMessage; }
    /// A request has begun and is not complete yet.
    bool inMessage() const { return m_inMessage; }
    /// The head of the current request is complete.
    bool headersComplete() const { return m_headersComplete; }
    /// The client sent "Expect: 100-continue" on the current request.
    bool expectsContinue() const { return m_expectContinue; }
    const HttpRequest& request() const { return m_request; }
    /// The current request said HTTP/1.0 (keep-alive must then be confirmed in the response).
    bool isHttp10() const;

    /// Percent-decodes a path; false on a bad escape, a NUL or invalid UTF-8.
    static bool decodePath(const QByteArray& raw, QString* out);

private:
    static int cbMessageBegin(http_parser* p);
    static int cbUrl(http_parser* p, const char* at, size_t length);
    static int cbHeaderField(http_parser* p, const char* at, size_t length);
    static int cbHeaderValue(http_parser* p, const char* at, size_t length);
    static int cbHeadersComplete(http_parser* p);
    static int cbBody(http_parser* p, const char* at, size_t length);
    static int cbMessageComplete(http_parser* p);

    bool addHeadBytes(qint64 n);
    bool finishHead();
    void fail(int status, const QString& message);

    HttpLimits m_limits;
    Callbacks m_callbacks;
    std::unique_ptr<http_parser> m_parser;
    HttpRequest m_request;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    bool m_secure = false;
    qint64 m_headBytes = 0;
    qint64 m_rawHeadBytes = 0;
    bool m_lastWasValue = false;
    bool m_inMessage = false;
    bool m_headersComplete = false;
    bool m_expectContinue = false;
    bool m_paused = false;
    int m_errorStatus = 0;
    QString m_errorMessage;
};

} // namespace berth
