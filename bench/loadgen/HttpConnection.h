#pragma once

#include <functional>
#include <map>
#include <memory>
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

class RegistryAuth;

// Receives a response body straight into its own memory (no copy through the connection's buffer).
class BodyReceiver
{
public:
    virtual ~BodyReceiver() = default;
    // Where the next bytes go; never empty.
    virtual std::pair<char*, std::size_t> space() = 0;
    // `size` bytes were written at the start of the last space().
    virtual void received(std::size_t size) = 0;
};

// One HTTP/1.1 keep-alive connection over a blocking POSIX TCP socket. Not thread-safe: one per thread.
// I/O errors throw std::runtime_error with a message saying what failed.
class HttpConnection
{
public:
    // `auth` signs every request (nullptr: none); a 401 with a stale or missing token is retried once.
    HttpConnection(std::string host, int port, std::shared_ptr<RegistryAuth> auth);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    // Sends the request (body given as pieces, sent without copying) and reads the whole response.
    HttpResponse request(const std::string& method, const std::string& target, const HttpHeaders& headers,
                         const std::vector<std::string_view>& body = {}, const BodySink& sink = {});
    // The same, with the body of a 200 answer received into `receiver` (other answers are kept in body).
    HttpResponse requestInto(const std::string& method, const std::string& target, const HttpHeaders& headers,
                             BodyReceiver& receiver);

    // Turns an absolute Location ("http://host:port/v2/...") into a request target ("/v2/...").
    static std::string targetOf(const std::string& location);

private:
    void connectSocket();
    void closeSocket();
    void sendAll(const char* data, std::size_t size);
    bool fillBuffer(); // false on orderly close
    std::string readLine();
    void readBody(const std::string& method, HttpResponse& response, const BodySink& sink,
                  BodyReceiver* receiver);
    void deliver(HttpResponse& response, const BodySink& sink, const char* data, std::size_t size);
    HttpResponse attempt(const std::string& method, const std::string& target, const HttpHeaders& headers,
                         const std::vector<std::string_view>& body, const BodySink& sink,
                         BodyReceiver* receiver);
    HttpResponse send(const std::string& method, const std::string& target, const HttpHeaders& headers,
                      const std::vector<std::string_view>& body, const BodySink& sink,
                      BodyReceiver* receiver);

    std::string m_host;
    int m_port;
    std::shared_ptr<RegistryAuth> m_auth;
    int m_socket = -1;
    std::vector<char> m_buffer;
    std::size_t m_bufferStart = 0;
    std::size_t m_bufferEnd = 0;
    bool m_keepAlive = true;
};
