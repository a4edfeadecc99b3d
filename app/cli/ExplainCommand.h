#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl explain: what the policies decide for a user, a permission and a repository, and why.
class ExplainCommand : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(ExplainCommand)

public:
    QString name() const override { return QStringLiteral("explain"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int explain(Invocation& call);
};

} // namespace berth
