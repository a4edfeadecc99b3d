#pragma once

#include "audit/AuditRecord.h"

#include <QList>
#include <optional>

namespace berth {

enum class AuditOrder
{
    OldestFirst,
    NewestFirst
};

/// Which records AuditLog::query() returns. Empty fields do not filter.
struct AuditFilter
{
    QDateTime from;         ///< records at or after this time
    QDateTime to;           ///< records before this time
    QString actor;          ///< exactly this actor
    QString actionPrefix;   ///< whole dotted segments: "auth" and "auth." match "auth.signin" and
                            ///< "auth.signin.failed"; "auth.signin" matches both too; "auth.sign" neither
    QString targetContains; ///< target contains this text (ASCII letters in any case)
    std::optional<AuditDecision> decision;
    qint64 after = 0; ///< page cursor: records past this sequence number in the chosen order; 0 = start
    int limit = 100;  ///< at most this many; negative: no limit
    AuditOrder order = AuditOrder::OldestFirst;
};

/// One page of query results.
struct AuditPage
{
    QList<AuditRecord> records;
    qint64 next = 0; ///< `after` for the next page; 0 when there is none
};

} // namespace berth
