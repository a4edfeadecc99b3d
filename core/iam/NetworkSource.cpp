#include "iam/NetworkSource.h"

namespace berth {

std::optional<NetworkSource> NetworkSource::create(const QString& name, const QStringList& ranges,
                                                   QStringList* errors)
{
    QVector<CidrRange> parsed;
    bool ok = true;
    if (name.trimmed().isEmpty()) {
        ok = false;
        if (errors)
            errors->append(QStringLiteral("a network source needs a name"));
    }
    for (int i = 0; i < ranges.size(); ++i) {
        QString why;
        const std::optional<CidrRange> range = CidrRange::parse(ranges.at(i), &why);
        if (range) {
            parsed.append(*range);
            continue;
        }
        ok = false;
        if (errors)
            errors->append(QStringLiteral("network source %1, entry %2: %3").arg(name).arg(i + 1).arg(why));
    }
    if (!ok)
        return std::nullopt;
    return NetworkSource(name, std::move(parsed));
}

bool NetworkSource::contains(const IpAddress& address) const
{
    for (const CidrRange& range : m_ranges) {
        if (range.contains(address))
            return true;
    }
    return false;
}

} // namespace berth
