#include "gc/BlobRemovalHold.h"

#include <map>

namespace berth {

namespace {

struct Holds
{
    std::mutex mutex;
    quint64 nextId = 1;
    /// id -> the digests held; nothing = every blob.
    std::map<quint64, std::optional<QSet<QString>>> active;
};

Holds& holds()
{
    static Holds instance;
    return instance;
}

} // namespace

BlobRemovalHold::~BlobRemovalHold()
{
    release();
}

BlobRemovalHold::BlobRemovalHold(BlobRemovalHold&& other) noexcept : m_id(other.m_id)
{
    other.m_id = 0;
}

BlobRemovalHold& BlobRemovalHold::operator=(BlobRemovalHold&& other) noexcept
{
    if (this != &other) {
        release();
        m_id = other.m_id;
        other.m_id = 0;
    }
    return *this;
}

BlobRemovalHold BlobRemovalHold::holdEverything()
{
    Holds& h = holds();
    std::lock_guard lock(h.mutex);
    const quint64 id = h.nextId++;
    h.active.emplace(id, std::nullopt);
    return BlobRemovalHold(id);
}

void BlobRemovalHold::narrowTo(const QSet<QString>& digests)
{
    if (m_id == 0)
        return;
    Holds& h = holds();
    std::lock_guard lock(h.mutex);
    h.active[m_id] = digests;
}

void BlobRemovalHold::release()
{
    if (m_id == 0)
        return;
    Holds& h = holds();
    std::lock_guard lock(h.mutex);
    h.active.erase(m_id);
    m_id = 0;
}

std::optional<std::unique_lock<std::mutex>> BlobRemovalHold::lockForRemoval(const Digest& digest)
{
    Holds& h = holds();
    std::unique_lock lock(h.mutex);
    const QString text = digest.toString();
    for (const auto& [id, held] : h.active) {
        if (!held || held->contains(text))
            return std::nullopt;
    }
    return std::optional<std::unique_lock<std::mutex>>(std::move(lock));
}

int BlobRemovalHold::activeHolds()
{
    Holds& h = holds();
    std::lock_guard lock(h.mutex);
    return int(h.active.size());
}

} // namespace berth
