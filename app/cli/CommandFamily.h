#pragma once

#include "cli/Subcommand.h"

#include <QList>
#include <QString>

namespace berth {

/// A top-level command of berthctl (repos, users, ...) and its subcommands. Families are plain
/// descriptions; the CommandLine parses, checks arguments and then calls Subcommand::run.
class CommandFamily
{
public:
    virtual ~CommandFamily() = default;

    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    virtual QList<Subcommand> subcommands() const = 0;

    /// True when the family is one command without subcommands.
    bool isSingle() const;
};

} // namespace berth
