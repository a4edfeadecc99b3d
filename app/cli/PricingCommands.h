#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl pricing: show and change the price sheet (/api/v1/pricing).
class PricingCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(PricingCommands)

public:
    QString name() const override { return QStringLiteral("pricing"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int show(Invocation& call);
    static int set(Invocation& call);
};

} // namespace berth
