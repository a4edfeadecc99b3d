#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl audit: query the audit log and verify its hash chain.
class AuditCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(AuditCommands)

public:
    QString name() const override { return QStringLiteral("audit"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int list(Invocation& call);
    static int verify(Invocation& call);
};

} // namespace berth
