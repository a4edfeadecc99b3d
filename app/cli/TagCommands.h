#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl tags: untag (the image stays under its digest).
class TagCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(TagCommands)

public:
    QString name() const override { return QStringLiteral("tags"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int remove(Invocation& call);
};

} // namespace berth
