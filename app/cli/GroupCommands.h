#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl groups: groups and their members.
class GroupCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(GroupCommands)

public:
    QString name() const override { return QStringLiteral("groups"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int list(Invocation& call);
    static int create(Invocation& call);
    static int show(Invocation& call);
    static int update(Invocation& call);
    static int remove(Invocation& call);
    static int addMember(Invocation& call);
    static int removeMember(Invocation& call);
    static void printGroup(Invocation& call, const QJsonObject& group);
};

} // namespace berth
