#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace berth {

class Invocation;

/// berthctl retention: retention policies on compartments and repositories, their dry run (plan) and
/// their run (apply, as a job it can wait for), and the history of runs.
class RetentionCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(RetentionCommands)

public:
    QString name() const override { return QStringLiteral("retention"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int list(Invocation& call);
    static int show(Invocation& call);
    static int create(Invocation& call);
    static int update(Invocation& call);
    static int remove(Invocation& call);
    static int plan(Invocation& call);
    static int apply(Invocation& call);
    static int runs(Invocation& call);
    /// The policy fields the options give (target, description, enabled, rules); false after printing
    /// why not (status in *status).
    static bool body(Invocation& call, QJsonObject* body, int* status);
    /// Prints a plan (the answer of .../plan) for people.
    static void printPlan(Invocation& call, const QJsonObject& plan);
};

} // namespace berth
