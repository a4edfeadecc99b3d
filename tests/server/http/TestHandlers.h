#pragma once

#include "http/HttpHandler.h"

#include <QCryptographicHash>
#include <QIODevice>
#include <QThread>
#include <atomic>

namespace berth::test {

/// What the handlers saw, for the tests to check (handlers run on the server's worker threads).
struct HandlerStats
{
    std::atomic<int> created{0};
    std::atomic<int> destroyed{0};
    std::atomic<int> aborted{0};
    std::atomic<int> destroyedOnTestThread{0};
    std::atomic<qint64> bodyBytes{0};

    void reset();
};
HandlerStats& stats();

/// A readable, seekable device of `size` bytes following a fixed pattern, generated as it is read.
class PatternDevice : public QIODevice
{
public:
    explicit PatternDevice(qint64 size);
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    bool seek(qint64 pos) override;
    static char byteAt(qint64 pos) { return static_cast<char>((pos * 7 + pos / 65521) & 0xff); }
    /// The SHA-256 (hex) of the first `size` bytes of the pattern.
    static QByteArray sha256Hex(qint64 size);

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 maxSize) override;

private:
    qint64 m_size;
    qint64 m_pos = 0;
};

/// Routes by path:
///   /hello        200 "Hello, world!"
///   /echo         hashes the body; 200 "<length> <sha256 hex>"
///   /stream?size= streams `size` bytes of PatternDevice
///   /file?path=&offset=&length=      streams a file range (sendfile); /filecopy: the same, copied
///   /refuse       403 from onHeaders, before any body
///   /noreply      never responds
class TestHandler : public HttpHandler
{
public:
    TestHandler();
    ~TestHandler() override;
    void onHeaders(const HttpRequest& request, HttpResponder& responder) override;
    bool onBody(QByteArrayView chunk, HttpResponder& responder) override;
    void onComplete(const HttpRequest& request, HttpResponder& responder) override;
    void onAborted() override;

    static std::unique_ptr<HttpHandler> create(const HttpRequest& request);

private:
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_length = 0;
};

} // namespace berth::test
