#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace berth {

/// The registry's token-signing key: ECDSA P-256 (JOSE "ES256"), kept as PEM in a file readable
/// by the owner only, created on first use and reused after restarts. Immutable once loaded;
/// safe to share between threads.
class SigningKey
{
public:
    ~SigningKey();
    SigningKey(const SigningKey&) = delete;
    SigningKey& operator=(const SigningKey&) = delete;

    /// Loads the key from `pemPath`, or creates it there (mode 0600, parent directories 0700)
    /// when the file does not exist. A file that exists but holds no P-256 key is an error, never
    /// overwritten.
    static Result<std::shared_ptr<SigningKey>> loadOrCreate(const QString& pemPath);
    /// A key that lives in memory only (tests).
    static Result<std::shared_ptr<SigningKey>> generate();
    /// Parses a PEM private key (P-256 only).
    static Result<std::shared_ptr<SigningKey>> fromPem(const QByteArray& pem);

    /// Key id for the JWT header: base64url of the first 18 bytes of SHA-256 over the DER
    /// SubjectPublicKeyInfo (24 characters).
    const QByteArray& keyId() const { return m_keyId; }
    /// DER SubjectPublicKeyInfo.
    const QByteArray& publicKeyDer() const { return m_publicDer; }
    QByteArray publicKeyPem() const;
    QByteArray privateKeyPem() const;

    /// ES256 signature over `data`: raw r||s, 64 bytes (not DER). Empty on failure.
    QByteArray sign(const QByteArray& data) const;
    /// Checks a raw 64-byte r||s signature.
    bool verify(const QByteArray& data, const QByteArray& signature) const;

private:
    struct Key;
    explicit SigningKey(std::unique_ptr<Key> key);
    static Result<std::shared_ptr<SigningKey>> wrap(void* pkey);

    std::unique_ptr<Key> m_key;
    QByteArray m_publicDer;
    QByteArray m_keyId;
};

} // namespace berth
