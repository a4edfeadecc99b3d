#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace berth {

class Invocation;

/// berthctl jobs: the server's long tasks (garbage collection, imports, scrub...): list, show, cancel,
/// and wait for one to finish (with progress; Ctrl-C cancels it).
class JobCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(JobCommands)

public:
    QString name() const override { return QStringLiteral("jobs"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

    /// Prints a job as "Field: value" lines (or JSON); shared with commands that wait for their job.
    static void print(Invocation& call, const QJsonObject& job);
    /// The exit status for a finished job: 0 succeeded, 1 failed or cancelled.
    static int exitStatus(const QJsonObject& job);

private:
    static int list(Invocation& call);
    static int show(Invocation& call);
    static int cancel(Invocation& call);
    static int wait(Invocation& call);
};

} // namespace berth
