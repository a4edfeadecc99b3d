#pragma once

#include "HttpConnection.h"
#include "Sha256.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

// SHA-256 of a body on a second thread while the first keeps receiving: the receiving thread recv()s into
// a small ring of buffers (BodyReceiver), full buffers go to the hashing thread in order, and are handed
// back once hashed. Reusable: start(), receive, finishDigest(), start() again. One per connection.
class PipelinedHasher : public BodyReceiver
{
public:
    explicit PipelinedHasher(std::size_t bufferSize = 256 * 1024, std::size_t buffers = 8);
    ~PipelinedHasher() override;
    PipelinedHasher(const PipelinedHasher&) = delete;
    PipelinedHasher& operator=(const PipelinedHasher&) = delete;

    void start();
    std::pair<char*, std::size_t> space() override;
    void received(std::size_t size) override;
    // Waits until every byte received is hashed; "sha256:<hex>". Call start() before the next body.
    std::string finishDigest();

private:
    struct Filled
    {
        std::size_t buffer;
        std::size_t size;
    };

    void submitCurrent();
    std::unique_lock<std::mutex> drain();
    void hashLoop();

    std::size_t m_bufferSize;
    std::vector<std::vector<char>> m_buffers;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::size_t> m_free;
    std::deque<Filled> m_filled;
    bool m_hashing = false; // the hashing thread holds a buffer
    bool m_stop = false;
    Sha256 m_sha;
    // Receiving side only.
    std::size_t m_current = 0;
    std::size_t m_used = 0;
    bool m_haveCurrent = false;
    std::thread m_thread;
};
