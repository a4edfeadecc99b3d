#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <optional>

namespace berth {

enum class DigestAlgorithm { Sha256, Sha512 };

/// A content digest "algorithm:hex" as the OCI image spec defines it. Only sha256 and sha512 are
/// registered; anything else is well-formed at best, never a valid Digest.
class Digest
{
public:
    Digest() = default; ///< invalid

    /// Parses a registered digest: "sha256:" + 64 lowercase hex, or "sha512:" + 128 lowercase hex.
    static std::optional<Digest> parse(QStringView text);
    /// True when the text follows the spec's digest grammar (algorithm ":" encoded), registered or not.
    static bool isWellFormed(QStringView text);
    /// The digest of a buffer held in memory (manifests, tests). Blobs are hashed with Digester.
    static Digest compute(QByteArrayView data, DigestAlgorithm algorithm = DigestAlgorithm::Sha256);

    bool isValid() const { return !m_hex.isEmpty(); }
    DigestAlgorithm algorithm() const { return m_algorithm; }
    QString algorithmName() const; ///< "sha256" or "sha512"
    const QString& hex() const { return m_hex; }
    QString toString() const; ///< "sha256:<hex>"

    bool operator==(const Digest& o) const { return m_algorithm == o.m_algorithm && m_hex == o.m_hex; }
    bool operator!=(const Digest& o) const { return !(*this == o); }
    bool operator<(const Digest& o) const { return toString() < o.toString(); }

private:
    Digest(DigestAlgorithm a, QString hex) : m_algorithm(a), m_hex(std::move(hex)) {}
    friend class Digester;

    DigestAlgorithm m_algorithm = DigestAlgorithm::Sha256;
    QString m_hex;
};

inline size_t qHash(const Digest& d, size_t seed = 0)
{
    return qHash(d.hex(), seed);
}

} // namespace berth
