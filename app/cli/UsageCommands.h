#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl usage [storage]: pulls, pushes, egress and ingress per repository, compartment, user or
/// day; with "storage", the stored bytes per repository and compartment (unique and shared).
class UsageCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(UsageCommands)

public:
    QString name() const override { return QStringLiteral("usage"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int run(Invocation& call);
    static int traffic(Invocation& call);
    static int storage(Invocation& call);
};

} // namespace berth
