#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl fsck [--repair] [--remove-unreferenced]: runs fsck on the server as a job, waits for it and
/// prints the report; exit status 1 when problems remain. berthctl fsck status: the last run's report.
class FsckCommand : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(FsckCommand)

public:
    QString name() const override { return QStringLiteral("fsck"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int fsck(Invocation& call);
    static int status(Invocation& call);
    /// Prints a report (the "report" of GET /api/v1/fsck's lastRun); returns the exit status.
    static int printReport(Invocation& call, const QJsonObject& lastRun);
};

} // namespace berth
