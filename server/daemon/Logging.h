#pragma once

#include <QString>

namespace berth {

/// berthd's log: one line per message on stderr, "2026-11-27T04:09:08.123Z info  message".
class Logging
{
public:
    /// Installs the handler; messages below `level` (debug, info, warning, error) are dropped.
    static void install(const QString& level);
};

} // namespace berth
