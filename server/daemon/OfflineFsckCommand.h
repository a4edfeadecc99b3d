#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace berth {

struct FsckReport;

/// `berthd fsck [--repair] [--remove-unreferenced] [--json] [--data DIR]`: checks a data directory
/// offline (no berthd may hold it: the data directory lock refuses), prints the report, and records the
/// run in the maintenance history. Exit status 0 when no problem remains, 1 when some do, 2 when the
/// check could not run (usage, locked or unreadable data directory).
class OfflineFsckCommand
{
    Q_DECLARE_TR_FUNCTIONS(OfflineFsckCommand)

public:
    /// True when the command line asks for this subcommand (its first argument is "fsck").
    static bool matches(const QStringList& arguments);
    /// Runs it; `arguments` as QCoreApplication::arguments() gives them.
    static int run(const QStringList& arguments);

private:
    static void print(const FsckReport& report);
};

} // namespace berth
