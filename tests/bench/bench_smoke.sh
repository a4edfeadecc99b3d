#!/usr/bin/env bash
# ctest bench_smoke: scripts/bench.sh with tiny sizes against this build's berthd and docker-registry.
# Needs BERTHD and LOADGEN (set by tests/bench/CMakeLists.txt) and docker-registry (install-deps.sh test).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${BENCH_SMOKE_DIR:-$(mktemp -d)}
mkdir -p "$OUT"
rm -f "$OUT/bench-results.json" "$OUT/table.txt"
command -v docker-registry >/dev/null ||
    { echo "bench_smoke: docker-registry is missing; install it with: sudo apt-get install docker-registry" >&2; exit 1; }

# Tiny sizes: every scenario and every code path of bench.sh runs, in well under a minute.
SKIP_BUILD=1 BUILD_DIR="$OUT" BENCH_TMPDIR="${TMPDIR:-/tmp}" \
    SMALL_SIZE=65536 SMALL_COUNT=4 LARGE_SIZE=2097152 LARGE_COUNT=2 CONCURRENCY=2 LARGE_COUNT_CONCURRENT=2 \
    CHUNK_SMALL=16384 CHUNK_LARGE=524288 MANIFEST_CONCURRENCY=4 DURATION=1 MANIFEST_PUSHES=20 \
    TAGS=120 TAGS_PAGE=50 TAGS_REQUESTS=4 REPOS=5 MIXED_DURATION=1 GC_IMAGES=20 \
    DD_MIB=4 LOOPBACK_BYTES=33554432 SHA256_SECONDS=1 \
    bash "$ROOT/scripts/bench.sh" >"$OUT/table.txt"
cat "$OUT/table.txt"

python3 - "$OUT/table.txt" "$OUT/bench-results.json" <<'PY'
import json, sys
table = open(sys.argv[1]).read()
results = json.load(open(sys.argv[2]))
expected = ["push-blob"] + ["pull-blob", "push-blob"] * 6 + ["pull-blob", "manifest-get", "manifest-get",
            "manifest-head", "manifest-head", "manifest-push", "manifest-push", "tags-list", "tags-list",
            "tags-list", "catalog", "mixed-pull", "mixed-push", "gc"]
problems = []
for side in ("berth", "reference"):
    got = [r["scenario"] for r in results[side]]
    if got != expected:
        problems.append(f"{side} results are {got}, expected {expected}")
    problems += [f"{side} {r['scenario']} counted {r['errors']} errors" for r in results[side] if r["errors"]]
    problems += [f"{side} {r['scenario']} did no request" for r in results[side] if r["requests"] < 1]
if results["berth_auth"] != "Bearer token as admin" or results["reference_auth"] != "no auth":
    problems.append(f"auth labels are {results['berth_auth']!r} / {results['reference_auth']!r}")
for row in results["rows"]:
    if not row["berth"] or not row["reference"]:
        problems.append(f"row {row['scenario']} / {row['figure']} has no figure: {row['berth']} / {row['reference']}")
    if row["scenario"] not in table:
        problems.append(f"row {row['scenario']} is missing from the printed table")
gc = [r for r in results["berth"] if r["scenario"] == "gc"][0]
if int(gc["params"]["blobs_freed"]) < 20:  # 10 deleted images of a config and a layer each
    problems.append(f"Berth's gc freed {gc['params']['blobs_freed']} blobs, expected at least 20")
for key in ("durable_write_mb_per_s", "sha256_speed_mb_per_s", "loopback_mb_per_s", "verified_loopback_mb_per_s"):
    if not results["ceilings"].get(key):
        problems.append(f"ceiling {key} is missing")
for name in ("server peak RSS", "CPU seconds per GB moved", "gc of 20 images", "mixed-pull", "after t0000060"):
    if name not in table:
        problems.append(f"the table has no {name!r} row")
if problems:
    print("bench_smoke: FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"bench_smoke: {len(results['rows'])} rows, no errors")
PY
