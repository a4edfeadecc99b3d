#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl repos: list, create, show, move, set-public, update (description) and delete repositories.
class RepositoryCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(RepositoryCommands)

public:
    QString name() const override { return QStringLiteral("repos"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int list(Invocation& call);
    static int create(Invocation& call);
    static int show(Invocation& call);
    static int remove(Invocation& call);
    static int move(Invocation& call);
    static int setPublic(Invocation& call);
    static int update(Invocation& call);
    static void printRepository(Invocation& call, const QJsonObject& repository);
};

} // namespace berth
