#!/usr/bin/env bash
# podman (root, vfs, all storage in the temp dir) against the registry: push a loaded image and
# pull it back, pull one platform out of an index, build and push a manifest list.
. "$(dirname "$0")/lib.sh"
need_tool podman skopeo curl jq
need_fixture docker-archive.tar oci-multi oci-single

IMG=$BERTH_TEST_IMAGES
SK=(skopeo_)
TLS=(--src-tls-verify=false --dest-tls-verify=false)
# --preserve-digests: skopeo must fail rather than quietly change a digest the test checks.
COPY=(skopeo_ copy --preserve-digests "${TLS[@]}")
SINGLE_MAN=$(fixture_top oci-single)
SINGLE_CFG=$(jq -r .config.digest "$(fixture_blob oci-single "${SINGLE_MAN#sha256:}")")
MULTI_IDX=$(fixture_top oci-multi)
MULTI_IDX_FILE=$(fixture_blob oci-multi "${MULTI_IDX#sha256:}")
AMD_MAN=$(jq -r '.manifests[] | select(.platform.architecture == "amd64") | .digest' "$MULTI_IDX_FILE")
ARM_MAN=$(jq -r '.manifests[] | select(.platform.architecture == "arm64") | .digest' "$MULTI_IDX_FILE")
ARM_CFG=$(jq -r .config.digest "$(fixture_blob oci-multi "${ARM_MAN#sha256:}")")

registry_start
R=$REG_ADDR
login_with podman_ --tls-verify=false

step "podman load of the docker-archive fixture"
run podman_ load -i "$IMG/docker-archive.tar"
run podman_ image inspect --format '{{.Id}}' feas/single:v1
loaded_id=$(cat "$T/last.log")
assert_eq "${SINGLE_CFG#sha256:}" "$loaded_id" "loaded image id is the fixture's config digest"

step "push it to the registry, remove it locally, pull it back"
run podman_ tag feas/single:v1 "$R/podman/single:v1"
run podman_ push --tls-verify=false "$R/podman/single:v1"
run "${SK[@]}" inspect --raw --tls-verify=false "docker://$R/podman/single:v1"
cp "$T/last.log" "$T/pushed.json"
assert_eq "$SINGLE_CFG" "$(jq -r .config.digest "$T/pushed.json")" "pushed manifest names the same config"
run podman_ rmi -f "$R/podman/single:v1" feas/single:v1
run podman_ images -q
assert_eq "" "$(cat "$T/last.log")" "local storage is empty again"
run podman_ pull --tls-verify=false "$R/podman/single:v1"
run podman_ image inspect --format '{{.Id}}' "$R/podman/single:v1"
assert_eq "$loaded_id" "$(cat "$T/last.log")" "pulled image id equals the pushed one"
run podman_ image inspect --format '{{.Digest}}' "$R/podman/single:v1"
assert_eq "sha256:$(sha256_of "$T/pushed.json")" "$(cat "$T/last.log")" "pulled digest is the pushed manifest's"

step "pull --arch arm64 from a multi-arch index"
run "${COPY[@]}" --all "oci:$IMG/oci-multi:v1" "docker://$R/multi:v1"
run podman_ pull --tls-verify=false --arch arm64 "$R/multi:v1"
run podman_ image inspect --format '{{.Architecture}} {{.Id}}' "$R/multi:v1"
assert_eq "arm64 ${ARM_CFG#sha256:}" "$(cat "$T/last.log")" "the arm64 image was pulled"

step "manifest create / add two platform images / push --all"
run "${COPY[@]}" "docker://$R/multi@$AMD_MAN" "docker://$R/plat:amd64"
run "${COPY[@]}" "docker://$R/multi@$ARM_MAN" "docker://$R/plat:arm64"
run podman_ manifest create feas-list
run podman_ manifest add --tls-verify=false feas-list "docker://$R/plat:amd64"
run podman_ manifest add --tls-verify=false feas-list "docker://$R/plat:arm64"
run podman_ manifest push --all --tls-verify=false feas-list "docker://$R/podlist:v1"
run "${SK[@]}" inspect --raw --tls-verify=false "docker://$R/podlist:v1"
cp "$T/last.log" "$T/list.json"
assert_eq application/vnd.oci.image.index.v1+json "$(jq -r .mediaType "$T/list.json")" "pushed list is an OCI index"
assert_eq "$AMD_MAN amd64
$ARM_MAN arm64" "$(jq -r '.manifests[] | "\(.digest) \(.platform.architecture)"' "$T/list.json" | sort -k2)" \
    "index lists both platform manifests by digest"
digest=$(curl -s "${AUTH[@]}" -I "${ACCEPT_ALL_MANIFESTS[@]}" "$REG_URL/v2/podlist/manifests/v1" |
    tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }')
assert_eq "sha256:$(sha256_of "$T/list.json")" "$digest" "registry's digest of the index matches its bytes"
# podman 4.3's `manifest inspect` has no --authfile and ignores REGISTRY_AUTH_FILE: it reads only the
# default auth file ($XDG_RUNTIME_DIR/containers/auth.json, inside the temp dir). Sign in there too.
login_with podman_ --tls-verify=false --authfile "$XDG_RUNTIME_DIR/containers/auth.json"
run podman_ manifest inspect "$R/podlist:v1"
assert_eq 2 "$(jq '.manifests | length' "$T/last.log")" "podman manifest inspect reads the pushed index"
run podman_ pull --tls-verify=false --arch arm64 "$R/podlist:v1"
run podman_ image inspect --format '{{.Architecture}}' "$R/podlist:v1"
assert_eq arm64 "$(cat "$T/last.log")" "arm64 pulled through the pushed index"

registry_stop
