#pragma once

#include "oci/Digest.h"

#include <memory>

namespace berth {

/// Streaming hash over OpenSSL EVP: update() as bytes arrive, finish() once. Movable, not copyable.
class Digester
{
public:
    explicit Digester(DigestAlgorithm algorithm = DigestAlgorithm::Sha256);
    ~Digester();
    Digester(Digester&&) noexcept;
    Digester& operator=(Digester&&) noexcept;
    Digester(const Digester&) = delete;
    Digester& operator=(const Digester&) = delete;

    void update(const char* data, qint64 size);
    void update(QByteArrayView data) { update(data.data(), data.size()); }
    qint64 bytesHashed() const { return m_bytes; }
    DigestAlgorithm algorithm() const { return m_algorithm; }
    /// Finishes the hash; the Digester starts over afterwards.
    Digest finish();

private:
    struct Context;
    DigestAlgorithm m_algorithm;
    std::unique_ptr<Context> m_ctx;
    qint64 m_bytes = 0;
};

} // namespace berth
