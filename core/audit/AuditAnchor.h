#pragma once

#include "util/Result.h"

#include <QString>
#include <optional>

namespace berth {

/// The latest (sequence, hash) the audit log wrote, kept in a small file beside the database
/// (<data>/audit.anchor). A chain alone cannot show that records were cut off its end; comparing the
/// chain's head with the anchor can ("the log ends at sequence X but the anchor says Y").
struct AuditAnchor
{
    qint64 sequence = 0; ///< 0 with the genesis hash: nothing written yet
    QString hash;

    /// Reads the anchor; nothing when the file does not exist, an error when it cannot be read or
    /// makes no sense.
    static Result<std::optional<AuditAnchor>> read(const QString& path);
    /// Replaces the file durably: writes <path>.tmp, fsyncs it, renames it over <path>, fsyncs the folder.
    Result<void> write(const QString& path) const;
};

} // namespace berth
