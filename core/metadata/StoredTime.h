#pragma once

#include <QDateTime>
#include <QVariant>

namespace berth {

/// How the metadata database keeps a time: milliseconds since the epoch in an INTEGER column, read back
/// as UTC; NULL reads back as an invalid QDateTime. Shared by every store that writes to that database.
class StoredTime
{
public:
    static qint64 toColumn(const QDateTime& t) { return t.toMSecsSinceEpoch(); }
    static QDateTime fromColumn(const QVariant& v)
    {
        if (v.isNull())
            return QDateTime();
        return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
    }
};

} // namespace berth
