#!/usr/bin/env bash
# Limits and tag immutability as skopeo users see them: berthd starts with small limits from its config
# file ("limits": {"repositories": 3, "imagesPerRepository": 5}); skopeo copies until a limit is reached,
# the push over it fails and skopeo's output carries the registry's message (the limit, the figure and
# how to ask for more); a push onto an immutable tag fails the same way while an excluded tag still
# moves; after an administrator approves increase requests (berthctl limits request/approve) the same
# pushes work.
. "$(dirname "$0")/lib.sh"
need_tool skopeo curl jq
need_fixture oci-single oci-multi oci-zstd
is_berthd || { note "the reference registry has no limits: nothing to check"; exit 0; }
BERTHCTL=${BERTHCTL:-${BERTH_BUILD_DIR:-}/app/cli/berthctl}
[ -x "$BERTHCTL" ] || fail "berthctl is not built at $BERTHCTL. Run 'make test' (it builds first)."

IMG=$BERTH_TEST_IMAGES
COPY=(skopeo_ copy --preserve-digests --src-tls-verify=false --dest-tls-verify=false)

# berthd reads its limits from a config file: registry_start runs this wrapper.
REAL_BERTHD=$BERTHD
printf '%s\n' '{"limits": {"repositories": 3, "imagesPerRepository": 5}}' >"$T/berthd.json"
printf '#!/bin/sh\nexec "%s" --config "%s" "$@"\n' "$REAL_BERTHD" "$T/berthd.json" >"$T/berthd-wrapper"
chmod +x "$T/berthd-wrapper"
BERTHD=$T/berthd-wrapper

registry_start
R=$REG_ADDR
login_with skopeo_ --tls-verify=false
ctl() { env BERTH_SERVER="$REG_URL" BERTH_USER="$REG_USER" BERTH_PASSWORD="$REG_PASSWORD" "$BERTHCTL" "$@"; }

step "the configured limits are in force"
run ctl --output json limits show
assert_eq 3 "$(jq -r .limits.repositories "$T/last.log")" "repository limit from the config file"
assert_eq 5 "$(jq -r .limits.imagesPerRepository "$T/last.log")" "image limit from the config file"

step "skopeo pushes up to the image limit; at 80% and above the registry warns"
# put_variant N: PUT oci-single's manifest with an annotation n=N (a new image whose blobs lim/app has).
put_variant() {
    jq -c --arg n "$1" '.annotations = {"n": $n}' "$IMG/oci-single/blobs/sha256/$(fixture_top oci-single | cut -d: -f2)" >"$T/variant.json"
    curl -s -o "$T/put.json" -D "$T/headers" -w '%{http_code}' "${AUTH[@]}" -X PUT \
        -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$T/variant.json" \
        "$REG_URL/v2/lim/app/manifests/variant-$1"
}
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/lim/app:v1"
assert_eq 201 "$(put_variant 1)" "a second image is stored"
assert_not_contains "$(cat "$T/headers")" "Warning:" "2 of 5 images: no warning"
run "${COPY[@]}" --all "oci:$IMG/oci-multi:v1" "docker://$R/lim/app:multi" # an index and two platforms: 5 of 5
if grep -q "holds 5 of its limit" "$T/last.log"; then
    note "skopeo shows the warning: $(grep -o 'holds 5 of its limit[^"]*' "$T/last.log" | head -n 1)"
else
    note "skopeo does not print registry warnings (skopeo $(skopeo --version | cut -d' ' -f3))"
fi
run ctl --output json limits show --repository lim/app
assert_eq 5 "$(jq -r .repository.images "$T/last.log")" "each platform of the index counts"
run ctl --output json limits set --images-per-repository 6
assert_eq 201 "$(put_variant 2)" "with the limit raised to 6 at run time, one more image is stored"
assert_contains "$(cat "$T/headers")" 'Warning: 299 - "Repository lim/app holds 6 of its limit of 6 images (100%)' \
    "the answer carries the warning header"
run ctl --output json limits set --images-per-repository 4
assert_eq 403 "$(put_variant 3)" "under a lowered limit a new image is refused"
assert_contains "$(cat "$T/put.json")" "DENIED" "with DENIED"

step "the push over the image limit fails with the registry's message"
run_fails "${COPY[@]}" "oci:$IMG/oci-zstd:v1" "docker://$R/lim/app:zstd"
out=$(cat "$T/last.log")
note "skopeo said: $(grep -o 'denied:.*' "$T/last.log" | head -n 1)"
assert_contains "$out" "Repository lim/app has reached its limit of 4 images (it holds 6" "skopeo shows the limit and the figure"
assert_contains "$out" "berthctl limits request images lim/app" "and how to ask for more"

step "the push that would create a fourth repository fails with the registry's message"
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/lim/b:v1"
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/lim/c:v1"
run_fails "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/lim/d:v1"
out=$(cat "$T/last.log")
assert_contains "$out" "the registry has reached its limit of 3 repositories (it holds 3)" "skopeo shows the limit and the figure"
assert_contains "$out" "berthctl limits request repositories" "and how to ask for more"

step "an immutable tag cannot be overwritten by skopeo; an excluded one can"
run ctl repos immutability lim/b --on --exclude latest
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/lim/b:v1" # the same digest again is fine
run_fails "${COPY[@]}" "oci:$IMG/oci-zstd:v1" "docker://$R/lim/b:v1"
assert_contains "$(cat "$T/last.log")" "Tag v1 of repository lim/b is immutable" "skopeo shows why"
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/lim/b:latest"
run "${COPY[@]}" "oci:$IMG/oci-zstd:v1" "docker://$R/lim/b:latest"
run skopeo_ inspect --tls-verify=false --raw "docker://$R/lim/b:v1"
assert_eq "$(fixture_top oci-single)" "sha256:$(sha256sum <"$T/last.log" | cut -d' ' -f1)" "v1 still names the first image"

step "approved increase requests let the same pushes through"
run ctl --output json limits request images lim/app --value 8 --reason "one image per nightly build"
images_request=$(jq -r .id "$T/last.log")
run ctl --output json limits request repositories --value 4 --reason "a fourth team"
repos_request=$(jq -r .id "$T/last.log")
run ctl limits requests --pending
assert_contains "$(cat "$T/last.log")" "one image per nightly build" "the requests wait for an administrator"
run ctl limits approve "$images_request" --note "fine"
run ctl limits approve "$repos_request"
run "${COPY[@]}" "oci:$IMG/oci-zstd:v1" "docker://$R/lim/app:zstd"
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/lim/d:v1"
run ctl --output json limits requests "$images_request"
assert_eq approved "$(jq -r .status "$T/last.log")" "the request is recorded as approved"
registry_stop
