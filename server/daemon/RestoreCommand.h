#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace berth {

/// `berthd restore --from BACKUP --data DIR [--config FILE] [--overwrite]`: restores a backup taken with
/// `berthctl backup` (or POST /api/v1/backups) into an empty data directory, offline: berthd must not be
/// running on DIR. Every blob is verified as it is written; a damaged or incomplete backup is refused
/// and DIR is left empty. With --config, the blobs go into every fault domain of its "storage" section.
/// Then `berthd --data DIR` (with the same config) serves the restored registry.
class RestoreCommand
{
    Q_DECLARE_TR_FUNCTIONS(RestoreCommand)

public:
    /// True when the arguments ask for this command (argument 1 is "restore").
    static bool isRequested(const QStringList& arguments);
    /// Runs it; returns the process exit status (0 done, 1 refused or failed, 2 usage error).
    static int run(const QStringList& arguments);
};

} // namespace berth
