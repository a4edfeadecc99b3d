#pragma once

#include "cli/Subcommand.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl repos immutability NAME [--on|--off] [--exclude PATTERN]... [--no-exclusions]: shows or
/// changes a repository's tag immutability (tags cannot be moved or deleted, except those an exclusion
/// pattern matches whole).
class ImmutabilityCommand
{
    Q_DECLARE_TR_FUNCTIONS(ImmutabilityCommand)

public:
    static Subcommand subcommand();

private:
    static int run(Invocation& call);
};

} // namespace berth
