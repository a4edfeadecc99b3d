#include "iam/CidrRange.h"

namespace berth {

std::optional<CidrRange> CidrRange::parse(QStringView text, QString* error)
{
    const auto fail = [&](const QString& why) -> std::optional<CidrRange> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString shown = text.toString();
    text = text.trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("an address range cannot be empty; write one such as 10.0.0.0/8"));

    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    const QStringView addressText = slash < 0 ? text : text.first(slash);
    const bool v4 = !addressText.contains(QLatin1Char(':'));
    if (addressText.contains(QLatin1Char('%')))
        return fail(
            QStringLiteral("'%1' has a zone index ('%'); address ranges cannot name a zone").arg(shown));
    const std::optional<IpAddress> address = IpAddress::parse(addressText);
    if (!address)
        return fail(QStringLiteral("'%1' is not a valid %2 address")
                        .arg(addressText.toString(), v4 ? QStringLiteral("IPv4") : QStringLiteral("IPv6")));

    const int maxPrefix = v4 ? 32 : 128;
    int prefix = maxPrefix;
    if (slash >= 0) {
        const QStringView prefixText = text.mid(slash + 1);
        bool ok = !prefixText.isEmpty() && prefixText.size() <= 3;
        for (QChar c : prefixText)
            ok = ok && c >= QLatin1Char('0') && c <= QLatin1Char('9');
        const int value = ok ? prefixText.toInt(&ok) : -1;
        if (!ok || value > maxPrefix)
            return fail(
                QStringLiteral("'%1' has an invalid prefix length '%2'; it must be a number from 0 to %3")
                    .arg(shown, prefixText.toString())
                    .arg(maxPrefix));
        prefix = value;
    }

    CidrRange range;
    range.m_v4 = v4;
    range.m_prefix = v4 ? prefix + 96 : prefix;
    range.m_network = *address;
    // Refuse host bits after the prefix: "10.1.2.3/8" is more likely a typo than a wish for 10/8.
    IpAddress masked = *address;
    for (int bit = range.m_prefix; bit < 128; ++bit)
        masked.m_bytes[bit / 8] &= static_cast<quint8>(~(0x80u >> (bit % 8)));
    if (!(masked == *address)) {
        CidrRange suggestion = range;
        suggestion.m_network = masked;
        return fail(QStringLiteral("'%1' has address bits set after the /%2 prefix; did you mean %3?")
                        .arg(shown)
                        .arg(prefix)
                        .arg(suggestion.toString()));
    }
    return range;
}

bool CidrRange::contains(const IpAddress& address) const
{
    const IpAddress::Bytes& a = address.bytes();
    const IpAddress::Bytes& n = m_network.bytes();
    const int full = m_prefix / 8;
    for (int k = 0; k < full; ++k) {
        if (a[k] != n[k])
            return false;
    }
    const int rest = m_prefix % 8;
    if (rest == 0)
        return true;
    const quint8 mask = static_cast<quint8>(0xffu << (8 - rest));
    return (a[full] & mask) == (n[full] & mask);
}

QString CidrRange::toString() const
{
    return m_network.toString() + QLatin1Char('/') + QString::number(prefixLength());
}

} // namespace berth
