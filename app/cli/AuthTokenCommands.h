#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl auth-tokens: a user's auth tokens (the signed-in user's unless --user).
class AuthTokenCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(AuthTokenCommands)

public:
    QString name() const override { return QStringLiteral("auth-tokens"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int list(Invocation& call);
    static int create(Invocation& call);
    static int revoke(Invocation& call);
    /// /api/v1/users/<user>/auth-tokens, or empty after printing a usage error.
    static QString tokensUrl(Invocation& call, int* status);
};

} // namespace berth
