#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl gc: runs garbage collection (or a dry run) on the server; berthctl gc status: how much a run
/// would free now and what the last run did.
class GcCommand : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(GcCommand)

public:
    QString name() const override { return QStringLiteral("gc"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int gc(Invocation& call);
    static int status(Invocation& call);
    static int history(Invocation& call);
};

} // namespace berth
