#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl cost [--month YYYY-MM] [--csv FILE]: the monthly cost report per compartment (/api/v1/cost).
class CostCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(CostCommands)

public:
    QString name() const override { return QStringLiteral("cost"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int run(Invocation& call);
};

} // namespace berth
