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
LARGE_COUNT=${LARGE_COUNT:-2}           # large blobs pushed (and pulled) on 1 connection
CONCURRENCY=${CONCURRENCY:-8}
LARGE_COUNT_CONCURRENT=${LARGE_COUNT_CONCURRENT:-$CONCURRENCY} # large blobs on CONCURRENCY connections
CHUNK_SMALL=${CHUNK_SMALL:-262144}      # PATCH size for the chunked push of small blobs
CHUNK_LARGE=${CHUNK_LARGE:-16777216}    # PATCH size for the chunked push of large blobs
MANIFEST_CONCURRENCY=${MANIFEST_CONCURRENCY:-64}
DURATION=${DURATION:-5}                 # seconds per manifest GET/HEAD scenario
MANIFEST_PUSHES=${MANIFEST_PUSHES:-1000} # manifests PUT per manifest-push scenario
TAGS=${TAGS:-100000}
TAGS_PAGE=${TAGS_PAGE:-1000}
TAGS_REQUESTS=${TAGS_REQUESTS:-20}      # requests per tags-list page scenario (the whole list: a quarter)
REPOS=${REPOS:-500}
MIXED_DURATION=${MIXED_DURATION:-10}    # seconds of the mixed pull/push scenario
GC_IMAGES=${GC_IMAGES:-10000}           # images pushed before garbage collection (half are deleted)
GC_REPOS=${GC_REPOS:-100}               # ... spread over this many repositories
DD_MIB=${DD_MIB:-1024}                  # durable-write ceiling: this many MiB with conv=fdatasync
LOOPBACK_BYTES=${LOOPBACK_BYTES:-4294967296}
SHA256_SECONDS=${SHA256_SECONDS:-2}     # whole seconds of the SHA-256 speed test
BENCH_TMPDIR=${BENCH_TMPDIR:-/var/tmp}
REFERENCE=${REFERENCE:-/usr/bin/docker-registry}

say() { printf '%s\n' "bench: [$(date +%T)] $*" >&2; }
die() {
    printf '%s\n' "bench: ERROR: $*" >&2
    exit 1
}

[ "$LARGE_COUNT_CONCURRENT" -ge "$CONCURRENCY" ] ||
    die "LARGE_COUNT_CONCURRENT ($LARGE_COUNT_CONCURRENT) must be at least CONCURRENCY ($CONCURRENCY), or some connections idle"
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

# The same load for both registries, in this order. The blob phase runs alone so the server's CPU seconds
# over it give CPU seconds per GB moved.
BLOB_SCENARIOS=(
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
    push-blob --size "$LARGE_SIZE" --count "$LARGE_COUNT_CONCURRENT" --concurrency "$CONCURRENCY"
    pull-blob --concurrency "$CONCURRENCY"
    push-blob --size "$LARGE_SIZE" --count "$LARGE_COUNT_CONCURRENT" --concurrency "$CONCURRENCY" --chunked "$CHUNK_LARGE"
    pull-blob --concurrency "$CONCURRENCY"
)
OTHER_SCENARIOS=(
    manifest-get --concurrency 1 --duration "$DURATION"
    manifest-get --concurrency "$MANIFEST_CONCURRENCY" --duration "$DURATION"
    manifest-head --concurrency 1 --duration "$DURATION"
    manifest-head --concurrency "$MANIFEST_CONCURRENCY" --duration "$DURATION"
    manifest-push --concurrency 1 --count "$MANIFEST_PUSHES"
    manifest-push --concurrency "$CONCURRENCY" --count "$MANIFEST_PUSHES"
    tags-list --tags "$TAGS" --page "$TAGS_PAGE" --count "$TAGS_REQUESTS" --setup-concurrency "$CONCURRENCY"
    tags-list --tags "$TAGS" --page "$TAGS_PAGE" --after $((TAGS / 2)) --count "$TAGS_REQUESTS"
    tags-list --tags "$TAGS" --page 0 --count $(((TAGS_REQUESTS + 3) / 4))
    catalog --repos "$REPOS" --page 1000 --count 100
    mixed --concurrency "$CONCURRENCY" --duration "$MIXED_DURATION" --pull-percent 75
)

# run_load NAME PID LOADGEN-ARGS...: the blob phase, then the other scenarios, into $WORK/NAME.jsonl; sets
# BLOB_CPU (the server's CPU seconds over the blob phase, read from /proc before and after it).
run_load() {
    local name=$1 pid=$2
    shift 2
    local before
    before=$(cpu_seconds "$pid")
    "$LOADGEN" "$@" "${BLOB_SCENARIOS[@]}" >"$WORK/$name.jsonl" ||
        die "the blob scenarios against $name failed (see the errors above); no figures are written"
    BLOB_CPU=$(awk -v a="$before" -v b="$(cpu_seconds "$pid")" 'BEGIN { printf "%.2f", b - a }')
    "$LOADGEN" "$@" "${OTHER_SCENARIOS[@]}" >>"$WORK/$name.jsonl" ||
        die "the load against $name failed (see the errors above); no figures are written"
}

# gc_setup NAME LOADGEN-ARGS...: GC_IMAGES images into a fresh server, half of them deleted.
gc_setup() {
    local name=$1
    shift
    say "$name: pushing $GC_IMAGES images and deleting half of them, for garbage collection"
    "$LOADGEN" "$@" gc-setup --images "$GC_IMAGES" --repos "$GC_REPOS" --concurrency "$CONCURRENCY" --state "$WORK/$name-gc.state" ||
        die "the garbage collection setup against $name failed"
}

# Each server runs twice: once for the scenarios, then with a fresh data directory for garbage collection
# (so GC covers exactly GC_IMAGES images). Peak RSS is the larger of the two runs, CPU seconds their sum.
BERTH_RSS=0
BERTH_CPU=0
REFERENCE_RSS=0
REFERENCE_CPU=0
add_usage() { # add_usage RSS-VARIABLE CPU-VARIABLE PID
    local rss cpu
    rss=$(peak_rss_kib "$3")
    cpu=$(cpu_seconds "$3")
    if [ "${rss:-0}" -gt "${!1}" ]; then printf -v "$1" '%s' "$rss"; fi
    printf -v "$2" '%s' "$(awk -v a="${!2}" -v b="$cpu" 'BEGIN { printf "%.2f", a + b }')"
}

# --- Berth: berthd with a fresh data directory; the load signs in as the administrator with a Bearer token
# from berthd's token endpoint (as docker clients do); the management API (GC) with Basic auth.
mkdir -p "$WORK/berth"
printf '%s\n' "bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" >"$WORK/berth/admin-password"
# Limits high enough for the load; no background maintenance (the reference runs none either).
cat >"$WORK/berth/berthd.json" <<CONFIG
{
  "limits": { "repositories": $((REPOS + GC_REPOS + 100)), "imagesPerRepository": $((TAGS + GC_IMAGES + 100000)) },
  "maintenance": { "gcIntervalHours": 0, "scrubIntervalHours": 0, "retentionIntervalMinutes": 0,
                   "usageSampleIntervalMinutes": 0 }
}
CONFIG
start_berth() { # start_berth DATA-NAME
    local data=$WORK/berth/$1
    mkdir -p "$data"
    rm -f "$WORK/berth/ready"
    "$BERTHD" --config "$WORK/berth/berthd.json" --listen 127.0.0.1:0 --data "$data" \
        --ready-file "$WORK/berth/ready" --admin-password-file "$WORK/berth/admin-password" --log-level warning \
        >>"$WORK/berth/berthd.log" 2>&1 &
    BERTH_PID=$!
    for _ in $(seq 100); do
        [ -s "$WORK/berth/ready" ] && break
        kill -0 "$BERTH_PID" 2>/dev/null || die "berthd exited before it was ready: $(tail -5 "$WORK/berth/berthd.log")"
        sleep 0.1
    done
    [ -s "$WORK/berth/ready" ] || die "berthd wrote no ready file within 10 s"
    BERTH_ADDRESS=$(head -1 "$WORK/berth/ready")
    BERTH_ARGS=(--url "http://$BERTH_ADDRESS" --user admin --password-file "$WORK/berth/admin-password"
        --auth "${BERTH_AUTH:-bearer}" --repo bench/load --label berth)
    say "Berth: berthd at $BERTH_ADDRESS (signing in as admin, auth ${BERTH_AUTH:-bearer}), data in $data"
}
stop_berth() {
    add_usage BERTH_RSS BERTH_CPU "$BERTH_PID"
    kill "$BERTH_PID" && wait "$BERTH_PID" 2>/dev/null || true
    BERTH_PID=
}
start_berth data
run_load berth "$BERTH_PID" "${BERTH_ARGS[@]}"
BERTH_BLOB_CPU=$BLOB_CPU
stop_berth
rm -rf "${WORK:?}/berth/data" # room for the next data directories
start_berth gc-data
gc_setup berth "${BERTH_ARGS[@]}"
"$LOADGEN" "${BERTH_ARGS[@]}" gc-run --state "$WORK/berth-gc.state" >>"$WORK/berth.jsonl" ||
    die "garbage collection on Berth failed"
"$LOADGEN" "${BERTH_ARGS[@]}" gc-verify --state "$WORK/berth-gc.state" ||
    die "after garbage collection on Berth, kept images do not pull or deleted ones remain"
stop_berth
rm -rf "${WORK:?}/berth/gc-data"

# --- Reference: docker-registry, filesystem storage, delete enabled, no auth.
start_reference() { # start_reference DIR: DIR/config.yml (written the first time), data in DIR/data
    local dir=$1
    if [ ! -f "$dir/config.yml" ]; then
        mkdir -p "$dir/data"
        printf '%s\n' "version: 0.1" "log:" "  level: error" "storage:" "  filesystem:" \
            "    rootdirectory: $dir/data" "  delete:" "    enabled: true" "http:" \
            "  addr: 127.0.0.1:$(free_port)" >"$dir/config.yml"
    fi
    local address
    address=$(sed -n 's/^  addr: //p' "$dir/config.yml")
    "$REFERENCE" serve "$dir/config.yml" >>"$dir/registry.log" 2>&1 &
    REFERENCE_PID=$!
    for _ in $(seq 100); do
        curl -fsS "http://$address/v2/" >/dev/null 2>&1 && break
        kill -0 "$REFERENCE_PID" 2>/dev/null || die "docker-registry exited: $(tail -5 "$dir/registry.log")"
        sleep 0.1
    done
    curl -fsS "http://$address/v2/" >/dev/null 2>&1 || die "docker-registry did not answer on $address within 10 s"
    REFERENCE_ARGS=(--url "http://$address" --repo bench/load --label reference)
    say "reference: $("$REFERENCE" --version 2>/dev/null | head -1) at $address (no auth), data in $dir/data"
}
stop_reference() {
    add_usage REFERENCE_RSS REFERENCE_CPU "$REFERENCE_PID"
    kill "$REFERENCE_PID" && wait "$REFERENCE_PID" 2>/dev/null || true
    REFERENCE_PID=
}
start_reference "$WORK/reference"
run_load reference "$REFERENCE_PID" "${REFERENCE_ARGS[@]}"
REFERENCE_BLOB_CPU=$BLOB_CPU
stop_reference
# Its data (100,000 tags are some 600,000 files) takes minutes to delete: done in the background, at idle
# I/O priority, while the untimed GC setup runs, and waited for before the timed collection.
mv "$WORK/reference" "$WORK/reference.old"
ionice -c 3 nice -n 19 rm -rf "${WORK:?}/reference.old" &
REMOVER_PID=$!
start_reference "$WORK/reference-gc"
gc_setup reference "${REFERENCE_ARGS[@]}"
stop_reference
wait "$REMOVER_PID" || true
# The reference collects garbage offline, with the registry stopped, as its documentation says. Its time,
# CPU seconds and peak RSS count like a server's; blobs freed from its summary line, bytes from the sizes.
say "reference: docker-registry garbage-collect --delete-untagged (registry stopped)"
python3 "$ROOT/scripts/bench-reference-gc.py" "$REFERENCE" "$WORK/reference-gc" "$GC_IMAGES" \
    "$WORK/reference-gc.usage" >>"$WORK/reference.jsonl" || die "docker-registry garbage-collect failed"
read -r GC_RSS GC_CPU <"$WORK/reference-gc.usage"
if [ "$GC_RSS" -gt "$REFERENCE_RSS" ]; then REFERENCE_RSS=$GC_RSS; fi
REFERENCE_CPU=$(awk -v a="$REFERENCE_CPU" -v b="$GC_CPU" 'BEGIN { printf "%.2f", a + b }')
start_reference "$WORK/reference-gc"
"$LOADGEN" "${REFERENCE_ARGS[@]}" gc-verify --state "$WORK/reference-gc.state" ||
    die "after garbage collection on the reference, kept images do not pull or deleted ones remain"
stop_reference
rm -rf "${WORK:?}/reference-gc"

# --- Machine ceilings, in the same run.
say "machine ceilings: durable write of $DD_MIB MiB (dd conv=fdatasync) into $BENCH_TMPDIR, SHA-256, loopback"
DD_OUTPUT=$(dd if=/dev/zero of="$WORK/dd.bin" bs=1M count="$DD_MIB" conv=fdatasync 2>&1 | tail -1)
rm -f "$WORK/dd.bin"
DD_SECONDS=$(printf '%s\n' "$DD_OUTPUT" | sed -n 's/.*copied, \([0-9.,]*\) s.*/\1/p' | tr , .)
"$LOADGEN" sha256-speed --size 1048576 --duration "$SHA256_SECONDS" loopback --size "$LOOPBACK_BYTES" \
    verified-loopback --size "$LOOPBACK_BYTES" >"$WORK/machine.jsonl"

BERTH_RSS=$BERTH_RSS REFERENCE_RSS=$REFERENCE_RSS BERTH_CPU=$BERTH_CPU REFERENCE_CPU=$REFERENCE_CPU \
    BERTH_BLOB_CPU=$BERTH_BLOB_CPU REFERENCE_BLOB_CPU=$REFERENCE_BLOB_CPU DD_MIB=$DD_MIB DD_SECONDS=${DD_SECONDS:-0} \
    python3 "$ROOT/scripts/bench-report.py" "$WORK/berth.jsonl" "$WORK/reference.jsonl" "$WORK/machine.jsonl" \
    "$BUILD_DIR/bench-results.json"
