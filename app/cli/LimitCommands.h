#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl limits: the registry's limits and figures (show, set), limit increase requests (request,
/// requests) and an administrator's decisions on them (approve, decline).
class LimitCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(LimitCommands)

public:
    QString name() const override { return QStringLiteral("limits"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int show(Invocation& call);
    static int set(Invocation& call);
    static int request(Invocation& call);
    static int requests(Invocation& call);
    static int decide(Invocation& call, bool approve);
    static void printRequest(Invocation& call, const QJsonObject& request);
};

} // namespace berth
