#pragma once

#include "iam/IpAddress.h"

#include <QString>
#include <optional>

namespace berth {

/// An address range such as 10.0.0.0/8 or 2001:db8::/32. IPv4 ranges are stored as IPv4-mapped
/// IPv6 ranges (prefix + 96), so an IPv4 client seen as ::ffff:a.b.c.d matches them too.
class CidrRange
{
public:
    CidrRange() = default;

    /// Parses "address/prefix" or a bare address (one host). Bits set after the prefix are
    /// refused (they usually mean a typo). On failure returns nullopt and a plain-English reason.
    static std::optional<CidrRange> parse(QStringView text, QString* error = nullptr);

    bool contains(const IpAddress& address) const;
    bool isV4() const { return m_v4; }
    /// The prefix length as written (0-32 for IPv4, 0-128 for IPv6).
    int prefixLength() const { return m_v4 ? m_prefix - 96 : m_prefix; }
    QString toString() const;

private:
    IpAddress m_network;
    int m_prefix = 128; ///< over the 128-bit (mapped) form
    bool m_v4 = false;
};

} // namespace berth
