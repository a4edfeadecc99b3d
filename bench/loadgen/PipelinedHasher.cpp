#include "PipelinedHasher.h"

PipelinedHasher::PipelinedHasher(std::size_t bufferSize, std::size_t buffers)
    : m_bufferSize(bufferSize), m_buffers(buffers, std::vector<char>(bufferSize))
{
    for (std::size_t i = 0; i < buffers; ++i)
        m_free.push_back(i);
    m_thread = std::thread([this] { hashLoop(); });
}

PipelinedHasher::~PipelinedHasher()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void PipelinedHasher::start()
{
    std::unique_lock<std::mutex> lock = drain(); // anything left from an earlier body
    m_sha = Sha256();
}

std::unique_lock<std::mutex> PipelinedHasher::drain()
{
    submitCurrent();
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_filled.empty() && !m_hashing; });
    return lock;
}

std::pair<char*, std::size_t> PipelinedHasher::space()
{
    if (!m_haveCurrent) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_free.empty(); });
        m_current = m_free.front();
        m_free.pop_front();
        m_used = 0;
        m_haveCurrent = true;
    }
    return {m_buffers[m_current].data() + m_used, m_bufferSize - m_used};
}

void PipelinedHasher::received(std::size_t size)
{
    m_used += size;
    if (m_used == m_bufferSize)
        submitCurrent();
}

void PipelinedHasher::submitCurrent()
{
    if (!m_haveCurrent)
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_used > 0)
            m_filled.push_back({m_current, m_used});
        else
            m_free.push_back(m_current);
    }
    m_haveCurrent = false;
    m_changed.notify_all();
}

std::string PipelinedHasher::finishDigest()
{
    std::unique_lock<std::mutex> lock = drain();
    return m_sha.finishDigest();
}

void PipelinedHasher::hashLoop()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_stop || !m_filled.empty(); });
        if (m_filled.empty())
            return; // stopping, nothing left
        const Filled next = m_filled.front();
        m_filled.pop_front();
        m_hashing = true;
        lock.unlock();
        m_sha.update(m_buffers[next.buffer].data(), next.size);
        lock.lock();
        m_hashing = false;
        m_free.push_back(next.buffer);
        m_changed.notify_all();
    }
}
