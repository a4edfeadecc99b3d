#pragma once

#include <QString>
#include <array>
#include <optional>

namespace berth {

/// An IPv4 or IPv6 address parsed with Qt Core only (core must not link QtNetwork). IPv4 addresses
/// are kept as IPv4-mapped IPv6 (::ffff:a.b.c.d) so that "::ffff:10.1.2.3" and "10.1.2.3" are the
/// same address and both fall in 10.0.0.0/8.
class IpAddress
{
public:
    using Bytes = std::array<quint8, 16>;

    IpAddress() = default;

    /// Parses dotted-quad IPv4 (no leading zeros) or RFC 4291 IPv6 text ("::", embedded IPv4,
    /// a "%zone" suffix is ignored, "[...]" brackets are accepted).
    static std::optional<IpAddress> parse(QStringView text);

    const Bytes& bytes() const { return m_bytes; }
    /// True for IPv4 addresses, whether written as IPv4 or as IPv4-mapped IPv6.
    bool isV4Mapped() const;
    QString toString() const;

    friend bool operator==(const IpAddress& a, const IpAddress& b) { return a.m_bytes == b.m_bytes; }

private:
    friend class CidrRange;
    static bool parseV4(QStringView text, quint8* out);
    Bytes m_bytes{};
};

} // namespace berth
