#!/usr/bin/env bash
# A real Docker engine against the registry: Debian's dockerd (vfs, no iptables, no bridge) with
# its own containerd, all state under the test's temp dir. load, push, pull back, pull by platform.
. "$(dirname "$0")/lib.sh"
need_tool dockerd containerd runc docker skopeo jq
need_fixture docker-archive.tar oci-multi oci-single

IMG=$BERTH_TEST_IMAGES
SINGLE_MAN=$(fixture_top oci-single)
SINGLE_CFG=$(jq -r .config.digest "$(fixture_blob oci-single "${SINGLE_MAN#sha256:}")")
MULTI_IDX=$(fixture_top oci-multi)
MULTI_IDX_FILE=$(fixture_blob oci-multi "${MULTI_IDX#sha256:}")
ARM_MAN=$(jq -r '.manifests[] | select(.platform.architecture == "arm64") | .digest' "$MULTI_IDX_FILE")
ARM_CFG=$(jq -r .config.digest "$(fixture_blob oci-multi "${ARM_MAN#sha256:}")")

# ---- our own containerd and dockerd ----------------------------------------------------------
D=$T/d
mkdir -p "$D"
CONTAINERD_PID=
DOCKERD_PID=

# stop_daemon NAME PID: SIGTERM, wait up to 20 s, then SIGKILL. Only the pid we started.
stop_daemon() {
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
stop_docker() {
    stop_daemon dockerd "$DOCKERD_PID"
    DOCKERD_PID=
    stop_daemon containerd "$CONTAINERD_PID"
    CONTAINERD_PID=
}
on_exit stop_docker
dump_docker_logs() {
    echo "---- dockerd log (last 30 lines) ----" >&2
    tail -n 30 "$D/dockerd.log" >&2 2>/dev/null
    echo "---- containerd log (last 15 lines) ----" >&2
    tail -n 15 "$D/containerd.log" >&2 2>/dev/null
}

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
    kill -0 "$CONTAINERD_PID" 2>/dev/null || { dump_docker_logs; fail "containerd exited before it was ready"; }
    sleep 0.1
done
[ -S "$D/containerd.sock" ] || { dump_docker_logs; fail "containerd did not create its socket within 20 s"; }

# Its own daemon.json; deprecated-key-path keeps the trust key out of /etc/docker/key.json.
printf '{"deprecated-key-path": "%s/key.json"}\n' "$D" >"$D/daemon.json"
dockerd --config-file "$D/daemon.json" --containerd "$D/containerd.sock" \
    --data-root "$D/root" --exec-root "$D/exec" --pidfile "$D/dockerd.pid" -H "unix://$D/docker.sock" \
    --storage-driver vfs --iptables=false --ip6tables=false --bridge=none --ip-masq=false \
    --userland-proxy=false >"$D/dockerd.log" 2>&1 &
DOCKERD_PID=$!
export DOCKER_HOST=unix://$D/docker.sock
ready=
for _ in $(seq 300); do
    kill -0 "$DOCKERD_PID" 2>/dev/null || { dump_docker_logs; fail "dockerd exited before it was ready"; }
    if docker info >/dev/null 2>&1; then
        ready=1
        break
    fi
    sleep 0.1
done
[ -n "$ready" ] || { dump_docker_logs; fail "dockerd did not answer 'docker info' within 30 s"; }
note "dockerd $(docker version --format '{{.Server.Version}}') ready (pid $DOCKERD_PID)"

registry_start
R=$REG_ADDR
login_with docker

# ---- load, push, pull back -------------------------------------------------------------------
step "docker load of the docker-archive fixture, push, remove, pull back"
run docker load -i "$IMG/docker-archive.tar"
run docker image inspect --format '{{.Id}}' feas/single:v1
loaded_id=$(cat "$T/last.log")
assert_eq "$SINGLE_CFG" "$loaded_id" "loaded image id is the fixture's config digest"
run docker tag feas/single:v1 "$R/docker/single:v1"
run docker push "$R/docker/single:v1"
pushed_digest=$(sed -n 's/.*digest: \(sha256:[0-9a-f]\{64\}\).*/\1/p' "$T/last.log")
[ -n "$pushed_digest" ] || fail "docker push printed no digest: $(cat "$T/last.log")"
curl -s "${AUTH[@]}" -o "$T/pushed.json" "${ACCEPT_ALL_MANIFESTS[@]}" "$REG_URL/v2/docker/single/manifests/v1"
assert_eq "$pushed_digest" "sha256:$(sha256_of "$T/pushed.json")" "registry serves the manifest docker pushed"
assert_eq application/vnd.docker.distribution.manifest.v2+json "$(jq -r .mediaType "$T/pushed.json")" \
    "docker pushed Docker schema 2"
run docker rmi "$R/docker/single:v1" feas/single:v1
run docker images -q
assert_eq "" "$(cat "$T/last.log")" "no images left locally"
run docker pull "$R/docker/single:v1"
run docker image inspect --format '{{.Id}}' "$R/docker/single:v1"
assert_eq "$loaded_id" "$(cat "$T/last.log")" "pulled image id equals the pushed one"
run docker image inspect --format '{{join .RepoDigests " "}}' "$R/docker/single:v1"
assert_eq "$R/docker/single@$pushed_digest" "$(cat "$T/last.log")" "repo digest is the pushed manifest's"

# ---- platform pull from an index -------------------------------------------------------------
step "pull --platform linux/arm64 from a multi-arch index pushed with skopeo"
run skopeo_ copy --all --preserve-digests --dest-tls-verify=false "${DEST_CREDS[@]}" "oci:$IMG/oci-multi:v1" "docker://$R/multi:v1"
run docker pull --platform linux/arm64 "$R/multi:v1"
run docker image inspect --format '{{.Architecture}} {{.Id}}' "$R/multi:v1"
assert_eq "arm64 $ARM_CFG" "$(cat "$T/last.log")" "the arm64 image was pulled"
run docker image inspect --format '{{join .RepoDigests " "}}' "$R/multi:v1"
assert_eq "$R/multi@$MULTI_IDX" "$(cat "$T/last.log")" "repo digest is the index digest"

registry_stop

step "stop dockerd and containerd"
stop_docker
note "ok: both stopped"
