#pragma once

#include <QJsonObject>
#include <QString>

namespace berth {

/// What AuditLog::verify() found.
struct AuditVerification
{
    bool ok = false;
    qint64 checkedCount = 0;     ///< records that chained correctly before the first problem (or all)
    qint64 firstBadSequence = 0; ///< the first record that is changed, missing or out of place; 0 if none
    QString message;             ///< what is wrong, or a one-line summary when ok

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("ok"), ok},
                           {QStringLiteral("checkedCount"), checkedCount},
                           {QStringLiteral("firstBadSequence"), firstBadSequence},
                           {QStringLiteral("message"), message}};
    }
};

} // namespace berth
