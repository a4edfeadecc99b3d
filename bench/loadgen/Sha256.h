#pragma once

#include <cstddef>
#include <string>

struct evp_md_ctx_st;

// SHA-256 over OpenSSL's EVP interface; copyable so a common prefix is hashed once.
class Sha256
{
public:
    Sha256();
    Sha256(const Sha256& other);
    Sha256& operator=(const Sha256& other);
    ~Sha256();

    void update(const void* data, std::size_t size);
    // "sha256:<hex>"; the hasher must not be updated afterwards.
    std::string finishDigest();

    static std::string digestOf(const void* data, std::size_t size);

private:
    evp_md_ctx_st* m_context;
};
