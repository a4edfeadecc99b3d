#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct HttpResponse
{
    int status = 0;
    std::map<std::string, std::string> headers; // names in lower case
    std::string body;                           // empty when a body sink consumed it
    unsigned long long bodyBytes = 0;

    std::string header(const std::string& lowerCaseName) const;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;
// Receives the response body piece by piece (instead of storing it).
using BodySink = std::function<void(const char* data, std::size_t size)>;

// One HTTP/1.1 keep-alive connection over a blocking POSIX TCP socket. Not thread-safe: one per thread.
// I/O errors throw std::runtime_error with a message saying what failed.
class HttpConnection
{
public:
    HttpConnection(std::string host, int port, std::string authorization);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    // Sends the request (body given as pieces, sent without copying) and reads the whole response.
    HttpResponse request(const std::string& method, const std::string& target, const HttpHeaders& headers,
                         const std::vector<std::string_view>& body = {}, const BodySink& sink = {});

    // Turns an absolute Location ("http://host:port/v2/...") into a request target ("/v2/...").
    static std::string targetOf(const std::string& location);

private:
    void connectSocket();
    void closeSocket();
    void sendAll(const char* data, std::size_t size);
    bool fillBuffer(); // false on orderly close
    std::string readLine();
    void readBody(const std::string& method, HttpResponse& response, const BodySink& sink);
    void deliver(HttpResponse& response, const BodySink& sink, const char* data, std::size_t size);
    HttpResponse attempt(const std::string& method, const std::string& target, const HttpHeaders& headers,
                         const std::vector<std::string_view>& body, const BodySink& sink);

    std::string m_host;
    int m_port;
    std::string m_authorization;
    int m_socket = -1;
    std::vector<char> m_buffer;
    std::size_t m_bufferStart = 0;
    std::size_t m_bufferEnd = 0;
    bool m_keepAlive = true;
};
