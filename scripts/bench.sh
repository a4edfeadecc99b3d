#!/usr/bin/env bash
# `make bench`: Berth (berthd) and the reference registry (Debian's docker-registry, CNCF Distribution)
# side by side on this machine, under the same load from berth-loadgen, plus the machine's own ceilings.
# Prints a table (scenario | Berth | reference | ratio) and writes BUILD_DIR/bench-results.json.
# See docs/performance.md. Every size is configurable through the environment (defaults below).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
JOBS=${JOBS:-1}
SMALL_SIZE=${SMALL_SIZE:-1048576}       # "small" blob: 1 MiB
SMALL_COUNT=${SMALL_COUNT:-64}
LARGE_SIZE=${LARGE_SIZE:-268435456}     # "large" blob: 256 MiB
LARGE_COUNT=${LARGE_COUNT:-2}
CHUNK_SMALL=${CHUNK_SMALL:-262144}      # PATCH size for the chunked push of small blobs
CHUNK_LARGE=${CHUNK_LARGE:-16777216}    # PATCH size for the chunked push of large blobs
CONCURRENCY=${CONCURRENCY:-8}
MANIFEST_CONCURRENCY=${MANIFEST_CONCURRENCY:-64}
DURATION=${DURATION:-5}                 # seconds per manifest GET/HEAD scenario
TAGS=${TAGS:-5000}
TAGS_PAGE=${TAGS_PAGE:-1000}
REPOS=${REPOS:-500}
DD_MIB=${DD_MIB:-1024}                  # durable-write ceiling: this many MiB with conv=fdatasync
LOOPBACK_BYTES=${LOOPBACK_BYTES:-4294967296}
BENCH_TMPDIR=${BENCH_TMPDIR:-/var/tmp}
REFERENCE=${REFERENCE:-/usr/bin/docker-registry}

say() { printf '%s\n' "bench: $*" >&2; }
die() {
    printf '%s\n' "bench: ERROR: $*" >&2
    exit 1
}

[ -x "$REFERENCE" ] || die "the reference registry $REFERENCE is missing; install it with: sudo apt-get install docker-registry"
command -v python3 >/dev/null || die "python3 is needed to print the table; install it with: sudo apt-get install python3"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
        cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
            -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DBERTH_WERROR=ON >&2
    fi
    say "building berthd and berth-loadgen (Release) in $BUILD_DIR with -j$JOBS"
    ninja -C "$BUILD_DIR" -j "$JOBS" berthd berth-loadgen >&2
fi
BERTHD=${BERTHD:-$BUILD_DIR/server/daemon/berthd}
LOADGEN=${LOADGEN:-$BUILD_DIR/bench/loadgen/berth-loadgen}
[ -x "$BERTHD" ] || die "$BERTHD is not built"
[ -x "$LOADGEN" ] || die "$LOADGEN is not built"

WORK=$(mktemp -d "$BENCH_TMPDIR/berth-bench.XXXXXX")
BERTH_PID=
REFERENCE_PID=
cleanup() {
    [ -n "$BERTH_PID" ] && kill "$BERTH_PID" 2>/dev/null && wait "$BERTH_PID" 2>/dev/null
    [ -n "$REFERENCE_PID" ] && kill "$REFERENCE_PID" 2>/dev/null && wait "$REFERENCE_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# user + system CPU seconds of a running process.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }
peak_rss_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# The same load for both registries, in this order.
SCENARIOS=(
    push-blob --size "$SMALL_SIZE" --count "$SMALL_COUNT" --concurrency 1
    pull-blob --concurrency 1
    push-blob --size "$SMALL_SIZE" --count "$SMALL_COUNT" --concurrency "$CONCURRENCY"
    pull-blob --concurrency "$CONCURRENCY"
    push-blob --size "$SMALL_SIZE" --count "$SMALL_COUNT" --concurrency "$CONCURRENCY" --chunked "$CHUNK_SMALL"
    pull-blob --concurrency "$CONCURRENCY"
    push-blob --size "$LARGE_SIZE" --count "$LARGE_COUNT" --concurrency 1
    pull-blob --concurrency 1
    push-blob --size "$LARGE_SIZE" --count "$LARGE_COUNT" --concurrency 1 --chunked "$CHUNK_LARGE"
    pull-blob --concurrency 1
    manifest-get --concurrency 1 --duration "$DURATION"
    manifest-get --concurrency "$MANIFEST_CONCURRENCY" --duration "$DURATION"
    manifest-head --concurrency 1 --duration "$DURATION"
    manifest-head --concurrency "$MANIFEST_CONCURRENCY" --duration "$DURATION"
    tags-list --tags "$TAGS" --page "$TAGS_PAGE" --count 100
    tags-list --tags "$TAGS" --page 0 --count 20
    catalog --repos "$REPOS" --page 1000 --count 100
)

# --- Berth: berthd with a fresh data directory; the load signs in with Basic auth as the administrator.
mkdir -p "$WORK/berth/data"
printf '%s\n' "bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" >"$WORK/berth/admin-password"
# Limits high enough for the load; no background maintenance (the reference runs none either).
cat >"$WORK/berth/berthd.json" <<EOF
{
  "limits": { "repositories": $((REPOS + 100)), "imagesPerRepository": $((TAGS + 100000)) },
  "maintenance": { "gcIntervalHours": 0, "scrubIntervalHours": 0, "retentionIntervalMinutes": 0,
                   "usageSampleIntervalMinutes": 0 }
}
EOF
"$BERTHD" --config "$WORK/berth/berthd.json" --listen 127.0.0.1:0 --data "$WORK/berth/data" \
    --ready-file "$WORK/berth/ready" --admin-password-file "$WORK/berth/admin-password" --log-level warning >"$WORK/berth/berthd.log" 2>&1 &
BERTH_PID=$!
for _ in $(seq 100); do
    [ -s "$WORK/berth/ready" ] && break
    kill -0 "$BERTH_PID" 2>/dev/null || die "berthd exited before it was ready: $(tail -5 "$WORK/berth/berthd.log")"
    sleep 0.1
done
[ -s "$WORK/berth/ready" ] || die "berthd wrote no ready file within 10 s"
BERTH_ADDRESS=$(head -1 "$WORK/berth/ready")
say "Berth: berthd at $BERTH_ADDRESS (Basic auth as admin), data in $WORK/berth/data"
"$LOADGEN" --url "http://$BERTH_ADDRESS" --user admin --password-file "$WORK/berth/admin-password" \
    --repo bench/load --label berth "${SCENARIOS[@]}" >"$WORK/berth.jsonl" ||
    die "the load against Berth failed (see the errors above); no figures are written"
BERTH_RSS=$(peak_rss_kib "$BERTH_PID")
BERTH_CPU=$(cpu_seconds "$BERTH_PID")
kill "$BERTH_PID" && wait "$BERTH_PID" 2>/dev/null || true
BERTH_PID=

# --- Reference: docker-registry, filesystem storage, delete enabled, no auth.
REFERENCE_PORT=$(free_port)
mkdir -p "$WORK/reference/data"
cat >"$WORK/reference/config.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $WORK/reference/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REFERENCE_PORT
EOF
"$REFERENCE" serve "$WORK/reference/config.yml" >"$WORK/reference/registry.log" 2>&1 &
REFERENCE_PID=$!
for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$REFERENCE_PORT/v2/" >/dev/null 2>&1 && break
    kill -0 "$REFERENCE_PID" 2>/dev/null || die "docker-registry exited: $(tail -5 "$WORK/reference/registry.log")"
    sleep 0.1
done
say "reference: $("$REFERENCE" --version 2>/dev/null | head -1) at 127.0.0.1:$REFERENCE_PORT (no auth)"
"$LOADGEN" --url "http://127.0.0.1:$REFERENCE_PORT" --repo bench/load --label reference "${SCENARIOS[@]}" \
    >"$WORK/reference.jsonl" || die "the load against the reference registry failed (see the errors above)"
REFERENCE_RSS=$(peak_rss_kib "$REFERENCE_PID")
REFERENCE_CPU=$(cpu_seconds "$REFERENCE_PID")
kill "$REFERENCE_PID" && wait "$REFERENCE_PID" 2>/dev/null || true
REFERENCE_PID=

# --- Machine ceilings, in the same run.
say "machine ceilings: durable write of $DD_MIB MiB (dd conv=fdatasync) into $BENCH_TMPDIR, SHA-256, loopback"
DD_OUTPUT=$(dd if=/dev/zero of="$WORK/dd.bin" bs=1M count="$DD_MIB" conv=fdatasync 2>&1 | tail -1)
rm -f "$WORK/dd.bin"
DD_SECONDS=$(printf '%s\n' "$DD_OUTPUT" | sed -n 's/.*copied, \([0-9.,]*\) s.*/\1/p' | tr , .)
"$LOADGEN" sha256-speed --size 1048576 --duration 2 loopback --size "$LOOPBACK_BYTES" >"$WORK/machine.jsonl"

BERTH_RSS=$BERTH_RSS REFERENCE_RSS=$REFERENCE_RSS BERTH_CPU=$BERTH_CPU REFERENCE_CPU=$REFERENCE_CPU DD_MIB=$DD_MIB DD_SECONDS=${DD_SECONDS:-0} \
    python3 "$ROOT/scripts/bench-report.py" "$WORK/berth.jsonl" "$WORK/reference.jsonl" "$WORK/machine.jsonl" \
    "$BUILD_DIR/bench-results.json"
