#include "HttpConnection.h"

#include "RegistryAuth.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace {
constexpr std::size_t kBufferSize = 256 * 1024;

std::string lowerCase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

class ConnectionClosed : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};
} // namespace

std::string HttpResponse::header(const std::string& lowerCaseName) const
{
    const auto it = headers.find(lowerCaseName);
    return it == headers.end() ? std::string() : it->second;
}

HttpConnection::HttpConnection(std::string host, int port, std::shared_ptr<RegistryAuth> auth)
    : m_host(std::move(host)), m_port(port), m_auth(std::move(auth)), m_buffer(kBufferSize)
{}

HttpConnection::~HttpConnection()
{
    closeSocket();
}

std::string HttpConnection::targetOf(const std::string& location)
{
    const auto scheme = location.find("://");
    if (scheme == std::string::npos)
        return location;
    const auto path = location.find('/', scheme + 3);
    return path == std::string::npos ? std::string("/") : location.substr(path);
}

void HttpConnection::connectSocket()
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* addresses = nullptr;
    const std::string port = std::to_string(m_port);
    if (const int rc = getaddrinfo(m_host.c_str(), port.c_str(), &hints, &addresses); rc != 0)
        throw std::runtime_error("cannot resolve " + m_host + ": " + gai_strerror(rc));
    int lastError = 0;
    for (addrinfo* a = addresses; a; a = a->ai_next) {
        m_socket = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (m_socket < 0)
            continue;
        if (::connect(m_socket, a->ai_addr, a->ai_addrlen) == 0)
            break;
        lastError = errno;
        ::close(m_socket);
        m_socket = -1;
    }
    freeaddrinfo(addresses);
    if (m_socket < 0)
        throw std::runtime_error("cannot connect to " + m_host + ":" + port + ": " +
                                 std::strerror(lastError) + " (is the server running?)");
    const int one = 1;
    ::setsockopt(m_socket, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    m_bufferStart = m_bufferEnd = 0;
    m_keepAlive = true;
}

void HttpConnection::closeSocket()
{
    if (m_socket >= 0)
        ::close(m_socket);
    m_socket = -1;
    m_bufferStart = m_bufferEnd = 0;
}

void HttpConnection::sendAll(const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t sent = ::send(m_socket, data, size, MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            throw ConnectionClosed(std::string("send failed: ") + std::strerror(errno));
        }
        data += sent;
        size -= static_cast<std::size_t>(sent);
    }
}

bool HttpConnection::fillBuffer()
{
    if (m_bufferStart == m_bufferEnd)
        m_bufferStart = m_bufferEnd = 0;
    if (m_bufferEnd == m_buffer.size()) {
        if (m_bufferStart == 0)
            throw std::runtime_error("response line or header longer than the read buffer");
        std::memmove(m_buffer.data(), m_buffer.data() + m_bufferStart, m_bufferEnd - m_bufferStart);
        m_bufferEnd -= m_bufferStart;
        m_bufferStart = 0;
    }
    for (;;) {
        const ssize_t received =
            ::recv(m_socket, m_buffer.data() + m_bufferEnd, m_buffer.size() - m_bufferEnd, 0);
        if (received < 0 && errno == EINTR)
            continue;
        if (received < 0)
            throw ConnectionClosed(std::string("receive failed: ") + std::strerror(errno));
        m_bufferEnd += static_cast<std::size_t>(received);
        return received > 0;
    }
}

std::string HttpConnection::readLine()
{
    for (;;) {
        const char* begin = m_buffer.data() + m_bufferStart;
        const char* end = m_buffer.data() + m_bufferEnd;
        const char* newline = std::find(begin, end, '\n');
        if (newline != end) {
            std::string line(begin, newline);
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            m_bufferStart += static_cast<std::size_t>(newline - begin) + 1;
            return line;
        }
        if (!fillBuffer())
            throw ConnectionClosed("the server closed the connection in the middle of a response");
    }
}

void HttpConnection::deliver(HttpResponse& response, const BodySink& sink, const char* data, std::size_t size)
{
    response.bodyBytes += size;
    if (sink)
        sink(data, size);
    else
        response.body.append(data, size);
}

void HttpConnection::readBody(const std::string& method, HttpResponse& response, const BodySink& sink,
                              BodyReceiver* receiver)
{
    if (method == "HEAD" || response.status == 204 || response.status == 304 || response.status < 200)
        return;
    const std::string transferEncoding = lowerCase(response.header("transfer-encoding"));
    const std::string contentLength = response.header("content-length");
    if (receiver && response.status == 200 && transferEncoding.find("chunked") == std::string::npos &&
        !contentLength.empty()) {
        // Straight into the receiver's memory: what is already buffered first, then recv() into it.
        unsigned long long remaining = std::stoull(contentLength);
        while (remaining > 0) {
            const auto [into, room] = receiver->space();
            const std::size_t want = static_cast<std::size_t>(std::min<unsigned long long>(remaining, room));
            std::size_t got = 0;
            if (m_bufferStart < m_bufferEnd) {
                got = std::min(want, m_bufferEnd - m_bufferStart);
                std::memcpy(into, m_buffer.data() + m_bufferStart, got);
                m_bufferStart += got;
            } else {
                const ssize_t n = ::recv(m_socket, into, want, 0);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n < 0)
                    throw ConnectionClosed(std::string("receive failed: ") + std::strerror(errno));
                if (n == 0)
                    throw ConnectionClosed("the server closed the connection before the end of the body");
                got = static_cast<std::size_t>(n);
            }
            receiver->received(got);
            response.bodyBytes += got;
            remaining -= got;
        }
        return;
    }
    auto copyBytes = [&](unsigned long long remaining) {
        while (remaining > 0) {
            if (m_bufferStart == m_bufferEnd && !fillBuffer())
                throw ConnectionClosed("the server closed the connection before the end of the body");
            const std::size_t take = static_cast<std::size_t>(
                std::min<unsigned long long>(remaining, m_bufferEnd - m_bufferStart));
            deliver(response, sink, m_buffer.data() + m_bufferStart, take);
            m_bufferStart += take;
            remaining -= take;
        }
    };
    if (transferEncoding.find("chunked") != std::string::npos) {
        for (;;) {
            const unsigned long long chunkSize = std::stoull(readLine(), nullptr, 16);
            if (chunkSize == 0) {
                while (!readLine().empty()) {
                }
                return;
            }
            copyBytes(chunkSize);
            readLine();
        }
    }
    if (!contentLength.empty()) {
        copyBytes(std::stoull(contentLength));
        return;
    }
    // No length: the body runs to the end of the connection.
    m_keepAlive = false;
    for (;;) {
        if (m_bufferStart < m_bufferEnd) {
            deliver(response, sink, m_buffer.data() + m_bufferStart, m_bufferEnd - m_bufferStart);
            m_bufferStart = m_bufferEnd;
        }
        if (!fillBuffer())
            return;
    }
}

HttpResponse HttpConnection::attempt(const std::string& method, const std::string& target,
                                     const HttpHeaders& headers, const std::vector<std::string_view>& body,
                                     const BodySink& sink, BodyReceiver* receiver)
{
    std::size_t bodySize = 0;
    for (const auto& piece : body)
        bodySize += piece.size();
    std::string head =
        method + " " + target + " HTTP/1.1\r\nHost: " + m_host + ":" + std::to_string(m_port) + "\r\n";
    bool hasLength = false;
    bool hasAuthorization = false;
    for (const auto& [name, value] : headers) {
        hasAuthorization = hasAuthorization || lowerCase(name) == "authorization";
        head += name + ": " + value + "\r\n";
        hasLength =
            hasLength || lowerCase(name) == "content-length" || lowerCase(name) == "transfer-encoding";
    }
    if (m_auth && !hasAuthorization) {
        const std::string authorization = m_auth->authorization(target);
        if (!authorization.empty())
            head += "Authorization: " + authorization + "\r\n";
    }
    if (!hasLength && (bodySize > 0 || method == "PUT" || method == "POST" || method == "PATCH"))
        head += "Content-Length: " + std::to_string(bodySize) + "\r\n";
    head += "\r\n";
    sendAll(head.data(), head.size());
    for (const auto& piece : body)
        sendAll(piece.data(), piece.size());

    HttpResponse response;
    std::string statusLine;
    do { // skip interim 1xx responses
        statusLine = readLine();
        if (statusLine.compare(0, 5, "HTTP/") != 0 || statusLine.size() < 12)
            throw std::runtime_error("the server sent a malformed status line: \"" + statusLine + "\"");
        response.status = std::stoi(statusLine.substr(9, 3));
        response.headers.clear();
        for (std::string line = readLine(); !line.empty(); line = readLine()) {
            const auto colon = line.find(':');
            if (colon != std::string::npos)
                response.headers[lowerCase(line.substr(0, colon))] = trimmed(line.substr(colon + 1));
        }
    } while (response.status >= 100 && response.status < 200);
    if (lowerCase(response.header("connection")) == "close" || statusLine.compare(0, 8, "HTTP/1.0") == 0)
        m_keepAlive = false;
    readBody(method, response, sink, receiver);
    if (!m_keepAlive)
        closeSocket();
    return response;
}

HttpResponse HttpConnection::send(const std::string& method, const std::string& target,
                                  const HttpHeaders& headers, const std::vector<std::string_view>& body,
                                  const BodySink& sink, BodyReceiver* receiver)
{
    const bool reused = m_socket >= 0;
    if (!reused)
        connectSocket();
    try {
        return attempt(method, target, headers, body, sink, receiver);
    } catch (const ConnectionClosed&) {
        closeSocket();
        if (!reused)
            throw;
    }
    // The server closed an idle keep-alive connection: retry once on a fresh one.
    connectSocket();
    return attempt(method, target, headers, body, sink, receiver);
}

HttpResponse HttpConnection::request(const std::string& method, const std::string& target,
                                     const HttpHeaders& headers, const std::vector<std::string_view>& body,
                                     const BodySink& sink)
{
    HttpResponse response = send(method, target, headers, body, sink, nullptr);
    // A token that expired or lacks the scope: fetch a new one and try once more.
    if (response.status == 401 && m_auth && m_auth->rejected(target))
        response = send(method, target, headers, body, sink, nullptr);
    return response;
}

HttpResponse HttpConnection::requestInto(const std::string& method, const std::string& target,
                                         const HttpHeaders& headers, BodyReceiver& receiver)
{
    HttpResponse response = send(method, target, headers, {}, {}, &receiver);
    if (response.status == 401 && m_auth && m_auth->rejected(target))
        response = send(method, target, headers, {}, {}, &receiver);
    return response;
}
