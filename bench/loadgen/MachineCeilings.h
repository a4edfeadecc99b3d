#pragma once

#include "ScenarioRunner.h"

// The machine's own ceilings, measured by the same process: SHA-256 speed and TCP loopback throughput.
// (Durable disk write is measured by scripts/bench.sh with dd conv=fdatasync.)
class MachineCeilings
{
public:
    // Hashes a `size`-byte buffer repeatedly for about `seconds`.
    static ScenarioResult sha256Speed(long long size, double seconds);
    // Copies `total` bytes from one thread to another over a 127.0.0.1 TCP connection. `verified`: the
    // receiver hashes what it receives the way pull-blob does (PipelinedHasher), the ceiling of a verified
    // pull.
    static ScenarioResult loopback(long long total, bool verified);
};
