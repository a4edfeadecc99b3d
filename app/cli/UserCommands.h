#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl users: local users, locking and passwords.
class UserCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(UserCommands)

public:
    QString name() const override { return QStringLiteral("users"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int list(Invocation& call);
    static int create(Invocation& call);
    static int show(Invocation& call);
    static int me(Invocation& call);
    static int update(Invocation& call);
    static int lock(Invocation& call);
    static int unlock(Invocation& call);
    static int remove(Invocation& call);
    static int passwd(Invocation& call);
    static void printUser(Invocation& call, const QJsonObject& user);
};

} // namespace berth
