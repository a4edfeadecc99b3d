#include "Sha256.h"

#include <openssl/evp.h>
#include <stdexcept>

Sha256::Sha256() : m_context(EVP_MD_CTX_new())
{
    if (!m_context || EVP_DigestInit_ex(m_context, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL could not start a SHA-256 digest");
}

Sha256::Sha256(const Sha256& other) : m_context(EVP_MD_CTX_new())
{
    if (!m_context || EVP_MD_CTX_copy_ex(m_context, other.m_context) != 1)
        throw std::runtime_error("OpenSSL could not copy a SHA-256 digest");
}

Sha256& Sha256::operator=(const Sha256& other)
{
    if (this != &other && EVP_MD_CTX_copy_ex(m_context, other.m_context) != 1)
        throw std::runtime_error("OpenSSL could not copy a SHA-256 digest");
    return *this;
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_context);
}

void Sha256::update(const void* data, std::size_t size)
{
    if (EVP_DigestUpdate(m_context, data, size) != 1)
        throw std::runtime_error("OpenSSL SHA-256 update failed");
}

std::string Sha256::finishDigest()
{
    unsigned char raw[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_context, raw, &length) != 1)
        throw std::runtime_error("OpenSSL SHA-256 final failed");
    static const char hex[] = "0123456789abcdef";
    std::string digest = "sha256:";
    for (unsigned int i = 0; i < length; ++i) {
        digest += hex[raw[i] >> 4];
        digest += hex[raw[i] & 0x0f];
    }
    return digest;
}

std::string Sha256::digestOf(const void* data, std::size_t size)
{
    Sha256 hasher;
    hasher.update(data, size);
    return hasher.finishDigest();
}
