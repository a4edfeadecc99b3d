#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl compartments: the tree, and creating, renaming, moving and deleting compartments.
class CompartmentCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(CompartmentCommands)

public:
    QString name() const override { return QStringLiteral("compartments"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int tree(Invocation& call);
    static int show(Invocation& call);
    static int create(Invocation& call);
    static int rename(Invocation& call);
    static int move(Invocation& call);
    static int describe(Invocation& call);
    static int remove(Invocation& call);
    static int update(Invocation& call, const QJsonObject& body, const QString& sentence);
};

} // namespace berth
