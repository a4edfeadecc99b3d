#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl policies: policies attached to compartments, and checking statements.
class PolicyCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(PolicyCommands)

public:
    QString name() const override { return QStringLiteral("policies"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int list(Invocation& call);
    static int show(Invocation& call);
    static int create(Invocation& call);
    static int update(Invocation& call);
    static int remove(Invocation& call);
    static int validate(Invocation& call);
    /// The statements from --file (FILE or - for standard input) or --statements; false after
    /// printing why not (status in *status).
    static bool statements(Invocation& call, bool required, QString* text, int* status);
};

} // namespace berth
