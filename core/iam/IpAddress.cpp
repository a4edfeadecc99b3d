#include "iam/IpAddress.h"

#include <QStringList>

namespace berth {

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

} // namespace

bool IpAddress::parseV4(QStringView text, quint8* out)
{
    int part = 0;
    int value = 0;
    int digits = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text.at(i) == QLatin1Char('.')) {
            if (digits == 0 || part > 3)
                return false;
            out[part++] = static_cast<quint8>(value);
            value = 0;
            digits = 0;
            continue;
        }
        const char16_t u = text.at(i).unicode();
        if (u < '0' || u > '9')
            return false;
        if (digits == 1 && value == 0)
            return false; // leading zero: ambiguous (octal in some parsers)
        value = value * 10 + (u - '0');
        if (++digits > 3 || value > 255)
            return false;
    }
    return part == 4;
}

std::optional<IpAddress> IpAddress::parse(QStringView text)
{
    text = text.trimmed();
    if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']')))
        text = text.mid(1, text.size() - 2);
    const qsizetype zone = text.indexOf(QLatin1Char('%'));
    if (zone >= 0)
        text = text.first(zone);
    if (text.isEmpty())
        return std::nullopt;

    IpAddress address;
    if (!text.contains(QLatin1Char(':'))) {
        if (!parseV4(text, address.m_bytes.data() + 12))
            return std::nullopt;
        address.m_bytes[10] = 0xff;
        address.m_bytes[11] = 0xff;
        return address;
    }

    // IPv6: up to 8 groups of 1-4 hex digits, one "::", optionally a trailing dotted IPv4.
    quint16 head[8] = {};
    quint16 tail[8] = {};
    int headCount = 0;
    int tailCount = 0;
    bool seenGap = false;
    qsizetype i = 0;
    const qsizetype n = text.size();
    if (text.startsWith(QLatin1String("::"))) {
        seenGap = true;
        i = 2;
    } else if (text.startsWith(QLatin1Char(':'))) {
        return std::nullopt;
    }
    while (i < n) {
        // One group (or a trailing IPv4).
        qsizetype j = i;
        while (j < n && text.at(j) != QLatin1Char(':'))
            ++j;
        const QStringView group = text.mid(i, j - i);
        if (group.isEmpty())
            return std::nullopt;
        quint16* groups = seenGap ? tail : head;
        int& count = seenGap ? tailCount : headCount;
        if (group.contains(QLatin1Char('.'))) {
            if (j != n || headCount + tailCount > 6)
                return std::nullopt;
            quint8 v4[4];
            if (!parseV4(group, v4))
                return std::nullopt;
            groups[count++] = static_cast<quint16>((v4[0] << 8) | v4[1]);
            groups[count++] = static_cast<quint16>((v4[2] << 8) | v4[3]);
            i = j;
            break;
        }
        if (group.size() > 4 || headCount + tailCount >= 8)
            return std::nullopt;
        int value = 0;
        for (QChar c : group) {
            const int h = hexValue(c);
            if (h < 0)
                return std::nullopt;
            value = value * 16 + h;
        }
        groups[count++] = static_cast<quint16>(value);
        if (j == n) {
            i = j;
            break;
        }
        // j is at ':'
        if (j + 1 < n && text.at(j + 1) == QLatin1Char(':')) {
            if (seenGap)
                return std::nullopt;
            seenGap = true;
            i = j + 2;
        } else {
            if (j + 1 == n)
                return std::nullopt; // trailing single ':'
            i = j + 1;
        }
    }
    const int total = headCount + tailCount;
    if (seenGap ? total > 7 : total != 8)
        return std::nullopt;
    quint16 all[8] = {};
    for (int k = 0; k < headCount; ++k)
        all[k] = head[k];
    for (int k = 0; k < tailCount; ++k)
        all[8 - tailCount + k] = tail[k];
    for (int k = 0; k < 8; ++k) {
        address.m_bytes[2 * k] = static_cast<quint8>(all[k] >> 8);
        address.m_bytes[2 * k + 1] = static_cast<quint8>(all[k] & 0xff);
    }
    return address;
}

bool IpAddress::isV4Mapped() const
{
    for (int k = 0; k < 10; ++k) {
        if (m_bytes[k] != 0)
            return false;
    }
    return m_bytes[10] == 0xff && m_bytes[11] == 0xff;
}

QString IpAddress::toString() const
{
    if (isV4Mapped())
        return QStringLiteral("%1.%2.%3.%4")
            .arg(m_bytes[12])
            .arg(m_bytes[13])
            .arg(m_bytes[14])
            .arg(m_bytes[15]);
    QStringList groups;
    for (int k = 0; k < 8; ++k)
        groups.append(QString::number((m_bytes[2 * k] << 8) | m_bytes[2 * k + 1], 16));
    // Compress the longest run of two or more zero groups.
    int bestStart = -1, bestLen = 0;
    for (int k = 0; k < 8;) {
        if (groups.at(k) != QLatin1String("0")) {
            ++k;
            continue;
        }
        int e = k;
        while (e < 8 && groups.at(e) == QLatin1String("0"))
            ++e;
        if (e - k > bestLen && e - k >= 2) {
            bestStart = k;
            bestLen = e - k;
        }
        k = e;
    }
    if (bestStart < 0)
        return groups.join(QLatin1Char(':'));
    const QString left = groups.mid(0, bestStart).join(QLatin1Char(':'));
    const QString right = groups.mid(bestStart + bestLen).join(QLatin1Char(':'));
    return left + QStringLiteral("::") + right;
}

} // namespace berth
