#include "http/HttpRequestParser.h"

#include <QStringDecoder>
#include <algorithm>
#include <atomic>
#include <http_parser.h>

namespace berth {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// RFC 9110 token characters (header field names).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpLimits& limits, Callbacks callbacks)
    : m_limits(limits), m_callbacks(std::move(callbacks)), m_parser(std::make_unique<http_parser>())
{
    // http-parser has its own process-wide cap on the head (80 KiB by default); only ever raise it,
    // so our limit (and its 431 message) is the one that applies.
    static std::atomic<qint64> parserHeadLimit{80 * 1024};
    const qint64 wanted = qint64(m_limits.maxHeaderBytes) + 1024;
    qint64 current = parserHeadLimit.load();
    while (wanted > current && !parserHeadLimit.compare_exchange_weak(current, wanted)) {
    }
    if (wanted > current)
        http_parser_set_max_header_size(static_cast<uint32_t>(wanted));
    http_parser_init(m_parser.get(), HTTP_REQUEST);
    m_parser->data = this;
}

HttpRequestParser::~HttpRequestParser() = default;

void HttpRequestParser::setPeer(const QHostAddress& address, quint16 port, bool secure)
{
    m_peerAddress = address;
    m_peerPort = port;
    m_secure = secure;
}

qint64 HttpRequestParser::feed(const char* data, qint64 size)
{
    if (m_errorStatus != 0 || m_paused || size <= 0)
        return 0;
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        s.on_message_begin = &HttpRequestParser::cbMessageBegin;
        s.on_url = &HttpRequestParser::cbUrl;
        s.on_header_field = &HttpRequestParser::cbHeaderField;
        s.on_header_value = &HttpRequestParser::cbHeaderValue;
        s.on_headers_complete = &HttpRequestParser::cbHeadersComplete;
        s.on_body = &HttpRequestParser::cbBody;
        s.on_message_complete = &HttpRequestParser::cbMessageComplete;
        return s;
    }();
    const size_t consumed = http_parser_execute(m_parser.get(), &settings, data, static_cast<size_t>(size));
    const auto err = static_cast<http_errno>(m_parser->http_errno);
    if (err == HPE_PAUSED) {
        m_paused = true;
    } else if (err != HPE_OK) {
        if (m_errorStatus == 0) {
            if (err == HPE_HEADER_OVERFLOW)
                fail(
                    431,
                    QStringLiteral("The request head is larger than %1 bytes.").arg(m_limits.maxHeaderBytes));
            else
                fail(400, QStringLiteral("The request is not valid HTTP/1.1 (%1).")
                              .arg(QString::fromLatin1(http_errno_description(err))));
        }
    } else if (m_parser->upgrade && !m_paused) {
        // A protocol upgrade is not supported: the request was handled as plain HTTP; stop here.
        m_paused = true;
    }
    if (m_inMessage && !m_headersComplete && m_errorStatus == 0) {
        m_rawHeadBytes += static_cast<qint64>(consumed);
        if (m_rawHeadBytes > m_limits.maxHeaderBytes)
            fail(431,
                 QStringLiteral("The request head is larger than %1 bytes.").arg(m_limits.maxHeaderBytes));
    }
    return static_cast<qint64>(consumed);
}

void HttpRequestParser::resume()
{
    if (!m_paused || m_errorStatus != 0)
        return;
    m_paused = false;
    http_parser_pause(m_parser.get(), 0);
}

bool HttpRequestParser::isHttp10() const
{
    return m_parser->http_major == 1 && m_parser->http_minor == 0;
}

bool HttpRequestParser::decodePath(const QByteArray& raw, QString* out)
{
    QByteArray bytes;
    bytes.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        char c = raw.at(i);
        if (c == '%') {
            if (i + 2 >= raw.size())
                return false;
            const int hi = hexValue(raw.at(i + 1));
            const int lo = hexValue(raw.at(i + 2));
            if (hi < 0 || lo < 0)
                return false;
            c = static_cast<char>(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0')
            return false;
        bytes.append(c);
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return false;
    *out = text;
    return true;
}

bool HttpRequestParser::addHeadBytes(qint64 n)
{
    m_headBytes += n;
    if (m_headBytes > m_limits.maxHeaderBytes) {
        fail(431, QStringLiteral("The request head is larger than %1 bytes.").arg(m_limits.maxHeaderBytes));
        return false;
    }
    return true;
}

void HttpRequestParser::fail(int status, const QString& message)
{
    if (m_errorStatus != 0)
        return;
    m_errorStatus = status;
    m_errorMessage = message;
}

int HttpRequestParser::cbMessageBegin(http_parser* p)
{
    auto* self = static_cast<HttpRequestParser*>(p->data);
    self->m_request = HttpRequest();
    self->m_headBytes = 16; // method, spaces, version and CRLF of the request line, roughly
    self->m_rawHeadBytes = 0;
    self->m_lastWasValue = false;
    self->m_inMessage = true;
    self->m_headersComplete = false;
    self->m_expectContinue = false;
    if (self->m_callbacks.messageBegin)
        self->m_callbacks.messageBegin();
    return 0;
}

int HttpRequestParser::cbUrl(http_parser* p, const char* at, size_t length)
{
    auto* self = static_cast<HttpRequestParser*>(p->data);
    if (!self->addHeadBytes(static_cast<qint64>(length)))
        return 1;
    self->m_request.target.append(at, static_cast<qsizetype>(length));
    return 0;
}

int HttpRequestParser::cbHeaderField(http_parser* p, const char* at, size_t length)
{
    auto* self = static_cast<HttpRequestParser*>(p->data);
    if (!self->addHeadBytes(static_cast<qint64>(length)))
        return 1;
    auto& headers = self->m_request.headers;
    if (headers.isEmpty() || self->m_lastWasValue) {
        if (headers.size() >= self->m_limits.maxHeaderCount) {
            self->fail(431, QStringLiteral("The request has more than %1 header fields.")
                                .arg(self->m_limits.maxHeaderCount));
            return 1;
        }
        headers.append({QByteArray(), QByteArray()});
        self->addHeadBytes(4); // ": " and CRLF
    }
    self->m_lastWasValue = false;
    headers.last().first.append(at, static_cast<qsizetype>(length));
    return 0;
}

int HttpRequestParser::cbHeaderValue(http_parser* p, const char* at, size_t length)
{
    auto* self = static_cast<HttpRequestParser*>(p->data);
    if (!self->addHeadBytes(static_cast<qint64>(length)))
        return 1;
    self->m_lastWasValue = true;
    self->m_request.headers.last().second.append(at, static_cast<qsizetype>(length));
    return 0;
}

bool HttpRequestParser::finishHead()
{
    HttpRequest& r = m_request;
    for (const auto& header : std::as_const(r.headers)) {
        if (header.first.isEmpty() || !std::all_of(header.first.cbegin(), header.first.cend(), isTokenChar)) {
            fail(400, QStringLiteral("The request has an invalid header field name."));
            return false;
        }
    }
    r.method = http_method_str(static_cast<http_method>(m_parser->method));
    QByteArray rawPath;
    QByteArray rawQuery;
    if (r.target.startsWith('/')) {
        rawPath = r.target;
        const qsizetype hash = rawPath.indexOf('#');
        if (hash >= 0)
            rawPath.truncate(hash);
        const qsizetype question = rawPath.indexOf('?');
        if (question >= 0) {
            rawQuery = rawPath.mid(question + 1);
            rawPath.truncate(question);
        }
    } else if (r.target == "*") {
        rawPath = "*";
    } else {
        http_parser_url url;
        http_parser_url_init(&url);
        const bool isConnect = m_parser->method == HTTP_CONNECT;
        if (http_parser_parse_url(r.target.constData(), static_cast<size_t>(r.target.size()), isConnect,
                                  &url) != 0) {
            fail(400, QStringLiteral("The request target is not a valid URL."));
            return false;
        }
        if (url.field_set & (1 << UF_PATH))
            rawPath = r.target.mid(url.field_data[UF_PATH].off, url.field_data[UF_PATH].len);
        else if (!isConnect)
            rawPath = "/";
        if (url.field_set & (1 << UF_QUERY))
            rawQuery = r.target.mid(url.field_data[UF_QUERY].off, url.field_data[UF_QUERY].len);
    }
    if (!decodePath(rawPath, &r.path)) {
        fail(400, QStringLiteral(
                      "The request path has an invalid percent-encoding, a NUL byte or invalid UTF-8."));
        return false;
    }
    r.query = QUrlQuery(QString::fromUtf8(rawQuery));
    r.chunked = (m_parser->flags & F_CHUNKED) != 0;
    r.contentLength = (m_parser->flags & F_CONTENTLENGTH) && !r.chunked
                          ? static_cast<qint64>(m_parser->content_length)
                          : -1;
    r.keepAlive = http_should_keep_alive(m_parser.get()) != 0 && !m_parser->upgrade;
    r.peerAddress = m_peerAddress;
    r.peerPort = m_peerPort;
    r.secure = m_secure;
    const bool http11 = m_parser->http_major > 1 || (m_parser->http_major == 1 && m_parser->http_minor >= 1);
    m_expectContinue =
        http11 && r.header("Expect").trimmed().compare("100-continue", Qt::CaseInsensitive) == 0;
    return true;
}

int HttpRequestParser::cbHeadersComplete(http_parser* p)
{
    auto* self = static_cast<HttpRequestParser*>(p->data);
    if (!self->finishHead())
        return -1; // http-parser treats any value other than 0, 1 and 2 as an error here
    self->m_headersComplete = true;
    if (self->m_callbacks.headers)
        self->m_callbacks.headers(self->m_request);
    return 0;
}

int HttpRequestParser::cbBody(http_parser* p, const char* at, size_t length)
{
    auto* self = static_cast<HttpRequestParser*>(p->data);
    if (self->m_callbacks.body && !self->m_callbacks.body(QByteArrayView(at, static_cast<qsizetype>(length))))
        http_parser_pause(p, 1);
    return 0;
}

int HttpRequestParser::cbMessageComplete(http_parser* p)
{
    auto* self = static_cast<HttpRequestParser*>(p->data);
    self->m_inMessage = false;
    if (self->m_callbacks.messageComplete)
        self->m_callbacks.messageComplete();
    http_parser_pause(p, 1);
    return 0;
}

} // namespace berth
