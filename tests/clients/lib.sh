# shellcheck shell=bash
# lib.sh — shared harness for the real-client tests. Source it first thing in each test:
#   . "$(dirname "$0")/lib.sh"
#
# Environment (set by tests/clients/CMakeLists.txt; set them by hand to run a script directly):
#   BERTHD                the berthd binary
#   BERTH_TEST_IMAGES     fixtures made by scripts/prepare-test-tools.sh (BUILD/test-images)
#   BERTH_TEST_TOOLS      tools fetched by scripts/prepare-test-tools.sh (BUILD/test-tools)
#   BERTH_TEST_REGISTRY   berthd (default) or reference (Debian's docker-registry, for comparison)
#
# berthd requires sign-in. registry_start gives it a known administrator password through
# --admin-password-file; tests sign in with REG_USER / REG_PASSWORD the way a user would
# (skopeo/podman/docker/helm login, --creds, curl "${AUTH[@]}"). The reference registry runs without
# auth and ignores the credentials.
#
# Everything a test writes (registry data, client configs, container storage) lives in one temp
# dir, $T, removed on exit. No client touches the user's own config.
set -euo pipefail

TEST_NAME=$(basename "$0" .sh)
BERTH_TEST_REGISTRY=${BERTH_TEST_REGISTRY:-berthd}
CHECKS=0
REG_PID=
REG_ADDR=
REG_LOG=
CLEANUP_HOOKS=()

# ---- output and assertions -------------------------------------------------------------------

# step "what is being checked now"
step() { echo "== $TEST_NAME: $*"; }
note() { echo "   $*"; }

FAIL_MSG=
fail() {
    FAIL_MSG="$*"
    echo "FAIL: $TEST_NAME: $*" >&2
    exit 1
}

# assert_eq EXPECTED ACTUAL WHAT [DETAIL shown only on failure]
assert_eq() {
    CHECKS=$((CHECKS + 1))
    if [ "$1" != "$2" ]; then
        FAIL_MSG=$3
        echo "FAIL: $TEST_NAME: $3" >&2
        echo "  expected: $1" >&2
        echo "  got:      $2" >&2
        [ -z "${4:-}" ] || echo "  $4" >&2
        exit 1
    fi
    note "ok: $3"
}

# assert_ne UNEXPECTED ACTUAL WHAT
assert_ne() {
    CHECKS=$((CHECKS + 1))
    if [ "$1" = "$2" ]; then
        FAIL_MSG=$3
        echo "FAIL: $TEST_NAME: $3" >&2
        echo "  expected anything but: $1" >&2
        exit 1
    fi
    note "ok: $3"
}

# assert_contains HAYSTACK NEEDLE WHAT
assert_contains() {
    CHECKS=$((CHECKS + 1))
    case "$1" in
    *"$2"*) note "ok: $3" ;;
    *)
        FAIL_MSG=$3
        echo "FAIL: $TEST_NAME: $3" >&2
        echo "  expected to contain: $2" >&2
        echo "  got: $1" >&2
        exit 1
        ;;
    esac
}

# assert_not_contains HAYSTACK NEEDLE WHAT
assert_not_contains() {
    CHECKS=$((CHECKS + 1))
    case "$1" in
    *"$2"*)
        FAIL_MSG=$3
        echo "FAIL: $TEST_NAME: $3" >&2
        echo "  expected not to contain: $2" >&2
        echo "  got: $1" >&2
        exit 1
        ;;
    *) note "ok: $3" ;;
    esac
}

# assert_lt A B WHAT   (integers)
assert_lt() {
    CHECKS=$((CHECKS + 1))
    if ! [ "$1" -lt "$2" ]; then
        FAIL_MSG=$3
        echo "FAIL: $TEST_NAME: $3" >&2
        echo "  expected less than: $2" >&2
        echo "  got:                $1" >&2
        exit 1
    fi
    note "ok: $3"
}

# assert_same_file EXPECTED_FILE ACTUAL_FILE WHAT  (byte for byte)
assert_same_file() {
    CHECKS=$((CHECKS + 1))
    [ -f "$1" ] || fail "$3: expected file $1 is missing"
    [ -f "$2" ] || fail "$3: file $2 is missing"
    if ! cmp -s "$1" "$2"; then
        FAIL_MSG=$3
        echo "FAIL: $TEST_NAME: $3" >&2
        echo "  expected: $1 ($(stat -c %s "$1") bytes, sha256:$(sha256_of "$1"))" >&2
        echo "  got:      $2 ($(stat -c %s "$2") bytes, sha256:$(sha256_of "$2"))" >&2
        exit 1
    fi
    note "ok: $3"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# assert_same_blobs DIR_A DIR_B WHAT: every blob file in A exists in B with the same bytes
# (DIRs are OCI layouts or skopeo dir: copies; blobs are found by their sha256 hex name).
assert_same_blobs() {
    local a=$1 b=$2 what=$3 f hex other n=0
    while IFS= read -r f; do
        hex=$(basename "$f")
        other=$(find "$b" -type f \( -name "$hex" -o -name "$hex.*" \) | head -n 1)
        [ -n "$other" ] || fail "$what: blob sha256:$hex from $a is missing in $b"
        cmp -s "$f" "$other" || fail "$what: blob sha256:$hex differs between $f and $other"
        [ "$(sha256_of "$other")" = "$hex" ] || fail "$what: $other does not hash to its name sha256:$hex"
        n=$((n + 1))
    done < <(find "$a" -type f -regextype posix-extended -regex '.*/[0-9a-f]{64}')
    [ $n -gt 0 ] || fail "$what: no blobs found in $a"
    CHECKS=$((CHECKS + 1))
    note "ok: $what ($n blobs byte-identical)"
}

# run CMD...: runs a command, keeps its output in $T/last.log, fails with that output on error.
run() {
    if ! "$@" >"$T/last.log" 2>&1; then
        FAIL_MSG="command failed: $*"
        echo "FAIL: $TEST_NAME: $FAIL_MSG" >&2
        sed 's/^/  | /' "$T/last.log" >&2
        exit 1
    fi
}

# run_fails CMD...: the command must fail (exit non-zero); output in $T/last.log.
run_fails() {
    CHECKS=$((CHECKS + 1))
    if "$@" >"$T/last.log" 2>&1; then
        FAIL_MSG="expected this to fail but it succeeded: $*"
        echo "FAIL: $TEST_NAME: $FAIL_MSG" >&2
        sed 's/^/  | /' "$T/last.log" >&2
        exit 1
    fi
}

# need_tool NAME...: a missing client is a failure, never a silent skip.
need_tool() {
    local t
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 ||
            fail "'$t' is not installed. Run 'make test' (it installs the test packages with scripts/install-deps.sh test and runs scripts/prepare-test-tools.sh)."
    done
}

need_fixture() {
    local f
    for f in "$@"; do
        [ -e "$BERTH_TEST_IMAGES/$f" ] ||
            fail "fixture $BERTH_TEST_IMAGES/$f is missing. Run 'make test' (or bash scripts/prepare-test-tools.sh BUILD_DIR)."
    done
}

is_berthd() { [ "$BERTH_TEST_REGISTRY" = berthd ]; }

# ---- temp dir and cleanup --------------------------------------------------------------------

# on_exit CMD: run CMD (a string, eval'd) at exit, before the temp dir goes; last added runs first.
on_exit() { CLEANUP_HOOKS=("$1" "${CLEANUP_HOOKS[@]}"); }

_lib_exit() {
    local rc=$?
    set +e
    local h
    for h in "${CLEANUP_HOOKS[@]}"; do
        eval "$h"
    done
    if [ -n "$REG_PID" ] && kill -0 "$REG_PID" 2>/dev/null; then
        kill -TERM "$REG_PID" 2>/dev/null
        wait "$REG_PID" 2>/dev/null
    fi
    if [ $rc -ne 0 ] && [ -n "$REG_LOG" ] && [ -s "$REG_LOG" ]; then
        echo "---- last 30 lines of the registry log ($BERTH_TEST_REGISTRY) ----" >&2
        tail -n 30 "$REG_LOG" >&2
        echo "----" >&2
    fi
    if [ -n "${T:-}" ] && [ -d "$T" ]; then
        # Anything a daemon left mounted under $T must go first, or rm -rf would fail half-way.
        local m
        while IFS= read -r m; do
            umount -l "$m" 2>/dev/null
        done < <(awk -v t="$T" 'index($2, t "/") == 1 { print $2 }' /proc/self/mounts | sort -r)
        rm -rf "$T"
    fi
    if [ $rc -eq 0 ]; then
        echo "PASS: $TEST_NAME ($CHECKS checks, registry: $BERTH_TEST_REGISTRY)"
    else
        echo "FAILED: $TEST_NAME (exit $rc, registry: $BERTH_TEST_REGISTRY)${FAIL_MSG:+: $FAIL_MSG}" >&2
    fi
    exit $rc
}

# Short, under /tmp: docker's unix socket path lives in here and is limited to 108 bytes.
T=$(mktemp -d "/tmp/bc-$TEST_NAME.XXXXXX")
trap _lib_exit EXIT
trap 'exit 130' INT TERM

# Keep every client away from the user's real configuration and storage.
export HOME=$T/home
export XDG_CONFIG_HOME=$T/home/.config XDG_DATA_HOME=$T/home/.local/share XDG_CACHE_HOME=$T/home/.cache
export XDG_RUNTIME_DIR=$T/run
export TMPDIR=$T/tmp
export REGISTRY_AUTH_FILE=$T/auth.json
export DOCKER_CONFIG=$T/docker-config
export HELM_CACHE_HOME=$T/helm/cache HELM_CONFIG_HOME=$T/helm/config HELM_DATA_HOME=$T/helm/data
export HELM_REGISTRY_CONFIG=$T/helm/config/registry/config.json
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$TMPDIR" "$DOCKER_CONFIG" \
    "$HELM_CACHE_HOME" "$HELM_CONFIG_HOME" "$HELM_DATA_HOME"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
echo '{}' >"$REGISTRY_AUTH_FILE"
unset DOCKER_HOST CONTAINERS_CONF CONTAINERS_STORAGE_CONF

# The administrator berthd creates on its first start, with a known password (at least 12
# characters) read from a file only this test can read.
REG_USER="admin"
REG_PASSWORD=berth-client-tests-2024
ADMIN_PASSWORD_FILE=$T/admin-password
(umask 077 && printf '%s\n' "$REG_PASSWORD" >"$ADMIN_PASSWORD_FILE")
export REG_USER REG_PASSWORD
# curl "${AUTH[@]}" ...: the administrator's credentials for raw /v2 and /api/v1 requests.
AUTH=(-u "$REG_USER:$REG_PASSWORD")
# skopeo_ copy "${DEST_CREDS[@]}" ...: the same for one skopeo copy into the registry.
# shellcheck disable=SC2034 # used by the tests that source this file
DEST_CREDS=(--dest-creds "$REG_USER:$REG_PASSWORD")

[ -n "${BERTH_TEST_IMAGES:-}" ] || fail "BERTH_TEST_IMAGES is not set (run the test through ctest, or see lib.sh)"
[ -n "${BERTH_TEST_TOOLS:-}" ] || fail "BERTH_TEST_TOOLS is not set (run the test through ctest, or see lib.sh)"
[ -f "$BERTH_TEST_IMAGES/SUMMARY.txt" ] ||
    fail "no fixture images in $BERTH_TEST_IMAGES. Run 'make test' (or bash scripts/prepare-test-tools.sh BUILD_DIR)."

# containers/image (skopeo, podman) keeps a blob-info cache in /var/lib/containers/cache when run as
# root, whatever --root says. It remembers which compressed blobs some registry had and then
# substitutes them, changing digests between runs. So both run in a private mount namespace where
# that directory is this test's own.
mkdir -p /var/lib/containers/cache "$T/blob-info-cache"
_isolated() {
    unshare --mount --propagation private \
        sh -c 'mount --bind "$0" /var/lib/containers/cache && exec "$@"' "$T/blob-info-cache" "$@"
}
skopeo_() { _isolated skopeo --insecure-policy "$@"; }
# podman with all its state in $T (root, vfs: no overlay mounts to clean up).
podman_() {
    _isolated podman --root "$T/containers/root" --runroot "$T/containers/run" --tmpdir "$T/containers/tmp" \
        --storage-driver vfs --events-backend none --cgroup-manager cgroupfs "$@"
}

# ---- registry start and stop -----------------------------------------------------------------

# registry_start: starts the registry under test with its data in $T/registry-data (again after
# registry_stop: same data, new port).
# Sets REG_ADDR (127.0.0.1:PORT), REG_PID and REG_LOG. No fixed port anywhere.
registry_start() {
    local data=$T/registry-data ready=$T/registry.ready rc
    mkdir -p "$data"
    REG_LOG=$T/registry.log
    REG_ADDR=
    rm -f "$ready"
    # A restart appends to the same log.
    [ -f "$REG_LOG" ] && echo "---- restart ----" >>"$REG_LOG" || : >"$REG_LOG"
    case "$BERTH_TEST_REGISTRY" in
    berthd)
        [ -n "${BERTHD:-}" ] || fail "BERTHD is not set (the berthd binary to test)"
        [ -x "$BERTHD" ] || fail "berthd is not built at $BERTHD. Run 'make test' (it builds first)."
        "$BERTHD" --listen 127.0.0.1:0 --data "$data" --ready-file "$ready" \
            --admin-password-file "$ADMIN_PASSWORD_FILE" >>"$REG_LOG" 2>&1 &
        REG_PID=$!
        ;;
    reference)
        need_tool docker-registry ss
        cat >"$T/registry.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: "$data"
  delete:
    enabled: true
http:
  addr: 127.0.0.1:0
  draintimeout: 2s
  secret: berth-client-tests
EOF
        # It reads REGISTRY_* variables as config overrides (REGISTRY_AUTH_FILE would become its
        # auth section), so none of them may reach it.
        # shellcheck disable=SC2046 # one "-u NAME" pair per variable, split on purpose
        env -u AWS_CA_BUNDLE $(env | sed -n 's/^\(REGISTRY_[A-Za-z0-9_]*\)=.*/-u \1/p') \
            docker-registry serve "$T/registry.yml" >>"$REG_LOG" 2>&1 &
        REG_PID=$!
        ;;
    *) fail "BERTH_TEST_REGISTRY must be 'berthd' or 'reference', not '$BERTH_TEST_REGISTRY'" ;;
    esac
    # Wait up to 20 s for the address (berthd: the ready file; reference: its "listening on" line).
    for _ in $(seq 200); do
        if ! kill -0 "$REG_PID" 2>/dev/null; then
            wait "$REG_PID" 2>/dev/null && rc=0 || rc=$?
            REG_PID=
            echo "---- registry log ----" >&2
            cat "$REG_LOG" >&2
            fail "$BERTH_TEST_REGISTRY exited (code $rc) before it was ready"
        fi
        if [ "$BERTH_TEST_REGISTRY" = berthd ]; then
            [ -s "$ready" ] && REG_ADDR=$(head -n 1 "$ready")
        else
            # It does not print its port at level warn: ask the kernel which port its pid listens on.
            REG_ADDR=$(ss -Hltnp 2>/dev/null | awk -v p="pid=$REG_PID," 'index($0, p) { print $4; exit }')
        fi
        [ -n "$REG_ADDR" ] && break
        sleep 0.1
    done
    if [ -z "$REG_ADDR" ]; then
        echo "---- registry log ----" >&2
        cat "$REG_LOG" >&2
        fail "$BERTH_TEST_REGISTRY did not become ready within 20 s"
    fi
    [[ $REG_ADDR =~ ^127\.0\.0\.1:[1-9][0-9]*$ ]] || fail "registry reported a strange address: '$REG_ADDR'"
    REG_URL=http://$REG_ADDR
    # For the few podman commands that take no --tls-verify (manifest inspect): plain HTTP is
    # allowed for this registry only, through a registries.conf of the test's own.
    printf '[[registry]]\nlocation = "%s"\ninsecure = true\n' "$REG_ADDR" >"$T/registries.conf"
    export CONTAINERS_REGISTRIES_CONF=$T/registries.conf
    # It must answer the API base at once: signed in with 200; berthd asks anonymous clients to sign in.
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "$REG_URL/v2/") || true
    [ "$code" = 200 ] || fail "GET $REG_URL/v2/ as $REG_USER answered '$code', expected 200"
    if is_berthd; then
        code=$(curl -s -D "$T/v2-anonymous.h" -o /dev/null -w '%{http_code}' "$REG_URL/v2/") || true
        [ "$code" = 401 ] || fail "GET $REG_URL/v2/ without credentials answered '$code', expected 401"
        grep -qi '^www-authenticate: bearer realm=' "$T/v2-anonymous.h" ||
            fail "the 401 from $REG_URL/v2/ has no Bearer challenge: $(tr -d '\r' <"$T/v2-anonymous.h")"
    fi
    step "registry $BERTH_TEST_REGISTRY (pid $REG_PID) listening on $REG_ADDR (sign-in as $REG_USER)"
}

# registry_peak_rss_kb: VmHWM of the running registry, in kB.
registry_peak_rss_kb() {
    awk '/^VmHWM:/ { print $2 }' "/proc/$REG_PID/status"
}

# registry_stop: SIGTERM, wait, and the exit code must be 0.
registry_stop() {
    [ -n "$REG_PID" ] || return 0
    local pid=$REG_PID rc
    kill -TERM "$pid" || fail "could not signal the registry (pid $pid)"
    for _ in $(seq 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid"
        fail "$BERTH_TEST_REGISTRY did not stop within 30 s of SIGTERM"
    fi
    wait "$pid" && rc=0 || rc=$?
    REG_PID=
    assert_eq 0 "$rc" "$BERTH_TEST_REGISTRY exited with code 0 after SIGTERM"
}

# ---- signing in ------------------------------------------------------------------------------

# login_with CLIENT [FLAGS...]: signs in to the registry under test as REG_USER the way a user
# does, password on stdin. CLIENT is skopeo_ or podman_ (into $REGISTRY_AUTH_FILE, which both read),
# docker (into $DOCKER_CONFIG, through the test's dockerd) or helm (HELM is the binary; into
# $HELM_REGISTRY_CONFIG). FLAGS go before the address (e.g. --tls-verify=false, --cert-dir DIR,
# --insecure). Again after each registry_start: the address, and so the entry, changes.
login_with() {
    local client=$1
    shift
    case "$client" in
    skopeo_ | podman_ | docker) run "$client" login "$@" -u "$REG_USER" --password-stdin "$REG_ADDR" <<<"$REG_PASSWORD" ;;
    helm) run "$HELM" registry login "$@" -u "$REG_USER" --password-stdin "$REG_ADDR" <<<"$REG_PASSWORD" ;;
    *) fail "login_with: unknown client '$client'" ;;
    esac
    note "signed in to $REG_ADDR as $REG_USER with ${client%_} login: $(grep -i 'succeeded' "$T/last.log" | head -n 1)"
}

# ---- a Docker engine of the test's own -------------------------------------------------------

# docker_start: Debian's dockerd (vfs, no iptables, no bridge) with its own containerd, all state
# under $D ($T/d); exports DOCKER_HOST. Stopped at exit, or earlier with docker_stop. Registries on
# 127.0.0.0/8 are insecure (plain HTTP) for dockerd by default.
D=$T/d
CONTAINERD_PID=
DOCKERD_PID=

# _stop_daemon NAME PID: SIGTERM, wait up to 20 s, then SIGKILL. Only the pid we started.
_stop_daemon() {
    local name=$1 pid=$2
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 200); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "   $name (pid $pid) ignored SIGTERM for 20 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null || true
}
docker_stop() {
    _stop_daemon dockerd "$DOCKERD_PID"
    DOCKERD_PID=
    _stop_daemon containerd "$CONTAINERD_PID"
    CONTAINERD_PID=
}
_dump_docker_logs() {
    echo "---- dockerd log (last 30 lines) ----" >&2
    tail -n 30 "$D/dockerd.log" >&2 2>/dev/null
    echo "---- containerd log (last 15 lines) ----" >&2
    tail -n 15 "$D/containerd.log" >&2 2>/dev/null
}

docker_start() {
    need_tool dockerd containerd runc docker
    mkdir -p "$D"
    on_exit docker_stop
    step "start containerd and dockerd under $D"
    # containerd would otherwise use /var/lib/containerd, /run/containerd and /opt/containerd.
    cat >"$D/containerd.toml" <<EOF
version = 2
root = "$D/containerd-root"
state = "$D/containerd-state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$D/containerd.sock"
[ttrpc]
  address = "$D/containerd.sock.ttrpc"
[debug]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$D/containerd-opt"
EOF
    containerd --config "$D/containerd.toml" >"$D/containerd.log" 2>&1 &
    CONTAINERD_PID=$!
    for _ in $(seq 200); do
        [ -S "$D/containerd.sock" ] && break
        kill -0 "$CONTAINERD_PID" 2>/dev/null || {
            _dump_docker_logs
            fail "containerd exited before it was ready"
        }
        sleep 0.1
    done
    [ -S "$D/containerd.sock" ] || {
        _dump_docker_logs
        fail "containerd did not create its socket within 20 s"
    }

    # Its own daemon.json; deprecated-key-path keeps the trust key out of /etc/docker/key.json.
    printf '{"deprecated-key-path": "%s/key.json"}\n' "$D" >"$D/daemon.json"
    dockerd --config-file "$D/daemon.json" --containerd "$D/containerd.sock" \
        --data-root "$D/root" --exec-root "$D/exec" --pidfile "$D/dockerd.pid" -H "unix://$D/docker.sock" \
        --storage-driver vfs --iptables=false --ip6tables=false --bridge=none --ip-masq=false \
        --userland-proxy=false >"$D/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    export DOCKER_HOST=unix://$D/docker.sock
    local ready=
    for _ in $(seq 300); do
        kill -0 "$DOCKERD_PID" 2>/dev/null || {
            _dump_docker_logs
            fail "dockerd exited before it was ready"
        }
        if docker info >/dev/null 2>&1; then
            ready=1
            break
        fi
        sleep 0.1
    done
    [ -n "$ready" ] || {
        _dump_docker_logs
        fail "dockerd did not answer 'docker info' within 30 s"
    }
    note "dockerd $(docker version --format '{{.Server.Version}}') ready (pid $DOCKERD_PID)"
}

# ---- HTTP helpers ----------------------------------------------------------------------------

# http_code METHOD URL [curl args...]: prints the status code only.
http_code() {
    local m=$1 u=$2
    shift 2
    curl -s -o /dev/null -w '%{http_code}' -X "$m" "$@" "$u" || true
}

# http_get URL OUT_FILE [curl args...]: fails unless 200; body to OUT_FILE.
http_get() {
    local u=$1 out=$2 code
    shift 2
    code=$(curl -s -o "$out" -w '%{http_code}' "$@" "$u") || true
    [ "$code" = 200 ] || fail "GET $u answered $code, expected 200 (body: $(head -c 400 "$out" 2>/dev/null))"
}

# shellcheck disable=SC2034 # used by the tests that source this file
ACCEPT_ALL_MANIFESTS=(-H "Accept: application/vnd.oci.image.manifest.v1+json"
    -H "Accept: application/vnd.oci.image.index.v1+json"
    -H "Accept: application/vnd.docker.distribution.manifest.v2+json"
    -H "Accept: application/vnd.docker.distribution.manifest.list.v2+json")

# fixture_blob LAYOUT HEX: path of a blob in a fixture layout
fixture_blob() { echo "$BERTH_TEST_IMAGES/$1/blobs/sha256/$2"; }
# fixture_top LAYOUT: the digest (sha256:...) index.json points at for its first ref
fixture_top() { jq -r '.manifests[0].digest' "$BERTH_TEST_IMAGES/$1/index.json"; }
