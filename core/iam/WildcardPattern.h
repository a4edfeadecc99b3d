#pragma once

#include <QString>
#include <QStringList>

namespace berth {

/// A policy value such as 'base/*': '*' matches any run of characters, '/' included; every other
/// character matches itself, case-sensitively. Compiled once, matched without allocating.
class WildcardPattern
{
public:
    WildcardPattern() = default;
    explicit WildcardPattern(const QString& pattern);

    const QString& pattern() const { return m_pattern; }
    bool hasWildcard() const { return m_hasWildcard; }
    bool matches(QStringView text) const;

private:
    QString m_pattern;
    bool m_hasWildcard = false;
    bool m_anchoredStart = true;
    bool m_anchoredEnd = true;
    QStringList m_segments; ///< the non-empty literal runs between '*'
};

} // namespace berth
