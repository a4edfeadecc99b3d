#include "iam/WildcardPattern.h"

namespace berth {

WildcardPattern::WildcardPattern(const QString& pattern) : m_pattern(pattern)
{
    m_hasWildcard = pattern.contains(QLatin1Char('*'));
    if (!m_hasWildcard)
        return;
    m_anchoredStart = !pattern.startsWith(QLatin1Char('*'));
    m_anchoredEnd = !pattern.endsWith(QLatin1Char('*'));
    m_segments = pattern.split(QLatin1Char('*'), Qt::SkipEmptyParts);
}

bool WildcardPattern::matches(QStringView text) const
{
    if (!m_hasWildcard)
        return text == m_pattern;

    qsizetype pos = 0;
    qsizetype end = text.size();
    qsizetype first = 0;
    qsizetype last = m_segments.size();
    if (m_anchoredStart) {
        const QString& seg = m_segments.at(0);
        if (!text.startsWith(seg))
            return false;
        pos = seg.size();
        ++first;
    }
    if (m_anchoredEnd && last > first) {
        const QString& seg = m_segments.at(last - 1);
        if (end - pos < seg.size() || !text.endsWith(seg))
            return false;
        end -= seg.size();
        --last;
    } else if (m_anchoredEnd) {
        // The pattern starts and ends with a literal that is the same segment: "abc" has no '*',
        // handled above, so this is only reachable with a single segment consumed by the start.
        return pos == end;
    }
    // Middle segments: leftmost placement is optimal for '*'-only patterns.
    for (qsizetype i = first; i < last; ++i) {
        const QString& seg = m_segments.at(i);
        const qsizetype found = text.first(end).indexOf(seg, pos);
        if (found < 0)
            return false;
        pos = found + seg.size();
    }
    return pos <= end;
}

} // namespace berth
