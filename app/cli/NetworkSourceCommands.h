#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl network-sources: named sets of address ranges that policies can require.
class NetworkSourceCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(NetworkSourceCommands)

public:
    QString name() const override { return QStringLiteral("network-sources"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int list(Invocation& call);
    static int create(Invocation& call);
    static int show(Invocation& call);
    static int update(Invocation& call);
    static int remove(Invocation& call);
};

} // namespace berth
