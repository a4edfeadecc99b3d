#include "cli/CommandFamily.h"

namespace berth {

bool CommandFamily::isSingle() const
{
    const QList<Subcommand> all = subcommands();
    return all.size() == 1 && all.first().name.isEmpty();
}

} // namespace berth
