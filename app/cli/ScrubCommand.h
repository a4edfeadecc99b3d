#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace berth {

class Invocation;

/// berthctl scrub: re-hashes every copy of every blob in every fault domain on the server, repairs bad
/// copies from good ones and prints the report (exit status 1 when something could not be repaired);
/// berthctl scrub status: the last report, the schedule and the fault domains.
class ScrubCommand : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(ScrubCommand)

public:
    QString name() const override { return QStringLiteral("scrub"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int scrub(Invocation& call);
    static int status(Invocation& call);
    /// Prints a run ({"outcome", "report": {...}}); returns the exit status it calls for.
    static int printRun(Invocation& call, const QJsonObject& lastRun);
};

} // namespace berth
