#include "oci/Digester.h"

#include <QByteArray>
#include <openssl/evp.h>
#include <stdexcept>

namespace berth {

struct Digester::Context
{
    EVP_MD_CTX* ctx = nullptr;
    const EVP_MD* md = nullptr;

    explicit Context(DigestAlgorithm algorithm)
        : ctx(EVP_MD_CTX_new()), md(algorithm == DigestAlgorithm::Sha512 ? EVP_sha512() : EVP_sha256())
    {
        if (!ctx)
            throw std::bad_alloc();
        reset();
    }
    ~Context() { EVP_MD_CTX_free(ctx); }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    void reset()
    {
        if (EVP_DigestInit_ex(ctx, md, nullptr) != 1)
            throw std::runtime_error("OpenSSL could not initialise the digest");
    }
};

Digester::Digester(DigestAlgorithm algorithm)
    : m_algorithm(algorithm), m_ctx(std::make_unique<Context>(algorithm))
{}

Digester::~Digester() = default;
Digester::Digester(Digester&&) noexcept = default;
Digester& Digester::operator=(Digester&&) noexcept = default;

void Digester::update(const char* data, qint64 size)
{
    if (size <= 0)
        return;
    if (!m_ctx)
        m_ctx = std::make_unique<Context>(m_algorithm); // used after being moved from
    if (EVP_DigestUpdate(m_ctx->ctx, data, static_cast<size_t>(size)) != 1)
        throw std::runtime_error("OpenSSL could not update the digest");
    m_bytes += size;
}

Digest Digester::finish()
{
    if (!m_ctx)
        m_ctx = std::make_unique<Context>(m_algorithm);
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(m_ctx->ctx, out, &len) != 1)
        throw std::runtime_error("OpenSSL could not finish the digest");
    m_ctx->reset();
    m_bytes = 0;
    const QByteArray hex =
        QByteArray(reinterpret_cast<const char*>(out), static_cast<qsizetype>(len)).toHex();
    return Digest(m_algorithm, QString::fromLatin1(hex));
}

} // namespace berth
