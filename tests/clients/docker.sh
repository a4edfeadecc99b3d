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

docker_start

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
docker_stop
note "ok: both stopped"
