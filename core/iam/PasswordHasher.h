#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace berth {

/// Password hashing with scrypt (OpenSSL 3 EVP_PBE_scrypt), memory-hard, a 16-byte random salt per hash.
/// The stored form carries the algorithm and its parameters, so they can be raised later and old hashes
/// still verify:
///   $scrypt$ln=15,r=8,p=1$<salt, base64 without padding>$<32-byte hash, base64 without padding>
/// (ln is log2 of N.) Comparison is constant-time (CRYPTO_memcmp).
class PasswordHasher
{
public:
    struct Parameters
    {
        int log2N = 15; ///< N = 32768: 32 MiB with r = 8
        int r = 8;
        int p = 1;

        friend bool operator==(const Parameters& a, const Parameters& b)
        {
            return a.log2N == b.log2N && a.r == b.r && a.p == b.p;
        }
    };

    static constexpr int SaltLength = 16;
    static constexpr int HashLength = 32;
    static constexpr int MinimumPasswordLength = 12;
    static constexpr int MaximumPasswordLength = 1024;

    /// Why the password may not be used, or an empty string when it may.
    static QString passwordProblem(const QString& password);

    /// Hashes with a fresh random salt.
    static Result<QString> hash(const QString& password);
    static Result<QString> hash(const QString& password, const Parameters& parameters);
    /// Hashes with the given salt (tests and verification).
    static Result<QString> hashWithSalt(const QString& password, const QByteArray& salt,
                                        const Parameters& parameters);
    /// True when `password` matches the encoded hash; false for a malformed one.
    static bool verify(const QString& password, const QString& encoded);

    /// The parts of an encoded hash, when it is well-formed.
    struct Decoded
    {
        Parameters parameters;
        QByteArray salt;
        QByteArray hash;
    };
    static std::optional<Decoded> decode(const QString& encoded);
    static QString encode(const Decoded& decoded);
    /// True when the hash was made with other parameters than `current` (rehash on next sign-in).
    static bool needsRehash(const QString& encoded, const Parameters& current);

    /// Constant-time comparison (CRYPTO_memcmp); false when the sizes differ.
    static bool constantTimeEquals(const QByteArray& a, const QByteArray& b);
};

} // namespace berth
