#pragma once

#include <QString>

namespace berth {

/// A problem found in a policy's text, with its 1-based position.
struct PolicyError
{
    int line = 0;
    int column = 0;
    QString message;

    /// "line 3, column 22: expected 'to' after the subject, found 'too'"
    QString toString() const
    {
        return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
    }
    friend bool operator==(const PolicyError& a, const PolicyError& b)
    {
        return a.line == b.line && a.column == b.column && a.message == b.message;
    }
};

} // namespace berth
