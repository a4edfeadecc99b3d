#include "distribution/ByteRange.h"

namespace berth {

namespace {

bool parseNumber(const QByteArray& text, qint64* value)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    bool ok = false;
    *value = text.toLongLong(&ok);
    return ok;
}

} // namespace

ByteRange::Outcome ByteRange::parse(const QByteArray& header, qint64 size, ByteRange* out)
{
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes="))
        return Outcome::Whole;
    const QByteArray spec = value.mid(6).trimmed();
    if (spec.contains(','))
        return Outcome::Whole; // several ranges: serve the whole blob
    const int dash = spec.indexOf('-');
    if (dash < 0)
        return Outcome::Whole;
    const QByteArray a = spec.left(dash).trimmed();
    const QByteArray b = spec.mid(dash + 1).trimmed();
    qint64 first = 0;
    qint64 last = 0;
    if (a.isEmpty()) {
        qint64 suffix = 0;
        if (!parseNumber(b, &suffix))
            return Outcome::Whole;
        if (suffix == 0 || size == 0)
            return Outcome::Unsatisfiable;
        first = qMax<qint64>(0, size - suffix);
        last = size - 1;
    } else {
        if (!parseNumber(a, &first))
            return Outcome::Whole;
        if (b.isEmpty()) {
            last = size - 1;
        } else {
            if (!parseNumber(b, &last) || last < first)
                return Outcome::Whole;
        }
        if (first >= size)
            return Outcome::Unsatisfiable;
        last = qMin(last, size - 1);
    }
    out->first = first;
    out->last = last;
    return Outcome::Partial;
}

std::optional<ByteRange> parseUploadContentRange(const QByteArray& header)
{
    QByteArray value = header.trimmed();
    if (value.startsWith("bytes "))
        value = value.mid(6).trimmed();
    const int slash = value.indexOf('/');
    if (slash >= 0)
        value = value.left(slash);
    const int dash = value.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    ByteRange range;
    if (!parseNumber(value.left(dash).trimmed(), &range.first) ||
        !parseNumber(value.mid(dash + 1).trimmed(), &range.last) || range.last < range.first)
        return std::nullopt;
    return range;
}

} // namespace berth
