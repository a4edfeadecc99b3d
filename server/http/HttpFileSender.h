#pragma once

#include <QString>
#include <functional>
#include <memory>

class QSocketNotifier;

namespace berth {

/// Sends a byte range of a file with sendfile(2) straight to a plain TCP socket descriptor (no TLS),
/// without passing the bytes through user space. Non-blocking: when the socket is full it waits on
/// a write notifier and calls `wake`. Used only after everything Qt buffered has been written.
class HttpFileSender
{
public:
    enum class Result
    {
        Done,    ///< the whole range is sent
        Waiting, ///< the socket is full; `wake` is called when it can take more
        Failed,  ///< the file ended early or the socket failed
    };

    /// Null when the file cannot be opened.
    static std::unique_ptr<HttpFileSender> open(const QString& path, qintptr socketDescriptor, qint64 offset,
                                                qint64 length, std::function<void()> wake);
    ~HttpFileSender();
    HttpFileSender(const HttpFileSender&) = delete;
    HttpFileSender& operator=(const HttpFileSender&) = delete;

    Result send();
    qint64 remaining() const { return m_remaining; }
    /// Waiting for the socket to drain.
    bool isWaiting() const { return m_waiting; }
    /// Bytes sent so far (grows as the client reads).
    qint64 sentBytes() const { return m_sent; }

private:
    HttpFileSender(int fileDescriptor, qintptr socketDescriptor, qint64 offset, qint64 length,
                   std::function<void()> wake);

    int m_file;
    qintptr m_socket;
    qint64 m_offset;
    qint64 m_remaining;
    qint64 m_sent = 0;
    bool m_waiting = false;
    std::function<void()> m_wake;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace berth
