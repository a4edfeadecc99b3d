#pragma once

#include <QDateTime>
#include <QString>

namespace berth {

/// A request for a higher limit: for the registry's repositories (limitName "repositories") or for one
/// repository's images ("imagesPerRepository" with `repository`). An administrator approves it (the limit
/// is raised to requestedValue) or declines it with a note.
struct LimitRequest
{
    static inline const QString Pending = QStringLiteral("pending");
    static inline const QString Approved = QStringLiteral("approved");
    static inline const QString Declined = QStringLiteral("declined");

    qint64 id = 0;
    QString ocid;
    QString limitName;
    QString repository;      ///< for imagesPerRepository
    qint64 currentValue = 0; ///< the limit in force when asked
    qint64 requestedValue = 0;
    QString reason;
    QString requestedBy;
    QDateTime requestedAt;
    QString status = Pending;
    QString decidedBy;
    QDateTime decidedAt; ///< null while pending
    QString decisionNote;
};

} // namespace berth
