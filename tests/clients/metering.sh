#!/usr/bin/env bash
# Metering checked against what the test itself moved: skopeo pushes two images (one multi-arch,
# sharing a layer with the other) as user "pusher" and pulls them as user "puller", and anonymously
# from a public repository. The test adds up the bytes from the OCI layouts on disk and the requests
# skopeo made (its --debug log), and /api/v1/usage must show exactly those pulls, pushes, egress and
# ingress per user and repository; /api/v1/usage/storage must show the stored bytes, unique and shared.
. "$(dirname "$0")/lib.sh"
need_tool skopeo curl jq
need_fixture oci-single oci-multi
is_berthd || { note "the reference registry has no /api/v1/usage: nothing to check"; exit 0; }
BERTHCTL=${BERTHCTL:-${BERTH_BUILD_DIR:-}/app/cli/berthctl}
[ -x "$BERTHCTL" ] || fail "berthctl is not built at $BERTHCTL. Run 'make test' (it builds first)."

IMG=$BERTH_TEST_IMAGES
TLS=(--src-tls-verify=false --dest-tls-verify=false)
PUSHER=pusher
PUSHER_PASSWORD=pusher-password-2024
PULLER=puller
PULLER_PASSWORD=puller-password-2024

# api AS METHOD PATH [JSON]: a management API call as AS ("user:password"); body to $T/api.json.
api() {
    local as=$1 m=$2 p=$3 body=${4:-}
    local args=(-u "$as")
    [ -z "$body" ] || args+=(-H "Content-Type: application/json" --data-binary "$body")
    curl -s -o "$T/api.json" -w '%{http_code}' -X "$m" "${args[@]}" "$REG_URL/api/v1$p" || true
}
ADMIN="$REG_USER:$REG_PASSWORD"

# size_of LAYOUT DIGEST: the bytes of a blob or manifest in an OCI layout.
size_of() { stat -c %s "$1/blobs/sha256/${2#sha256:}"; }
# layout_bytes LAYOUT: every blob and manifest of the layout once (what a repository holding it stores).
layout_bytes() { find "$1/blobs/sha256" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'; }
# manifest_bytes LAYOUT: the manifests (and indexes) of the layout, the blobs they reference excluded.
manifest_bytes() {
    local layout=$1 total=0 f
    for f in "$layout"/blobs/sha256/*; do
        if jq -e '.mediaType | test("manifest|index")' "$f" >/dev/null 2>&1; then
            total=$((total + $(stat -c %s "$f")))
        fi
    done
    echo "$total"
}

# egress_of LOG LAYOUT TAG: sets EGRESS to the body bytes the GETs in a skopeo --debug log fetched and
# GETS to the number of manifest GETs. A manifest GET by tag fetches the layout's top manifest.
egress_of() {
    local log=$1 layout=$2 tag=$3 top total=0 ref
    top=$(jq -r '.manifests[0].digest' "$layout/index.json")
    GETS=0
    while IFS= read -r ref; do
        GETS=$((GETS + 1))
        [ "$ref" = "$tag" ] && ref=$top
        total=$((total + $(size_of "$layout" "$ref")))
    done < <(grep -o 'GET http[^"]*/manifests/[^" ]*' "$log" | sed 's|.*/manifests/||')
    while IFS= read -r ref; do
        total=$((total + $(size_of "$layout" "$ref")))
    done < <(grep -o 'GET http[^"]*/blobs/sha256:[0-9a-f]*' "$log" | sed 's|.*/blobs/||')
    EGRESS=$total
}

# usage_of QUERY JQ: one figure of GET /api/v1/usage?QUERY (0 when there is no such row).
usage_of() {
    local code
    code=$(api "$ADMIN" GET "/usage?$1")
    if [ "$code" != 200 ]; then
        echo "GET /api/v1/usage?$1 answered $code: $(cat "$T/api.json")" >&2
        echo "error $code"
        return
    fi
    jq -r "$2 // 0" "$T/api.json"
}

registry_start
R=$REG_ADDR

step "as admin: users pusher (manage repos) and puller (read repos)"
for g in pushers pullers; do
    assert_eq 201 "$(api "$ADMIN" POST /groups "{\"name\": \"$g\"}")" "group $g created"
done
assert_eq 201 "$(api "$ADMIN" POST /users "{\"name\": \"$PUSHER\", \"password\": \"$PUSHER_PASSWORD\"}")" "user pusher"
assert_eq 201 "$(api "$ADMIN" POST /users "{\"name\": \"$PULLER\", \"password\": \"$PULLER_PASSWORD\"}")" "user puller"
code=$(api "$ADMIN" PUT "/groups/pushers/members/$PUSHER")
assert_eq 2 "${code:0:1}" "pusher joins pushers ($code)"
code=$(api "$ADMIN" PUT "/groups/pullers/members/$PULLER")
assert_eq 2 "${code:0:1}" "puller joins pullers ($code)"
assert_eq 201 "$(api "$ADMIN" POST /policies \
    '{"name": "meter", "statements": "Allow group pushers to manage repos in tenancy\nAllow group pullers to read repos in tenancy"}')" \
    "policy for both"

step "skopeo pushes oci-single and the multi-arch oci-multi as pusher"
# The blob-info cache goes between pushes, so skopeo uploads every blob instead of mounting the layer
# the two images share from the other repository: then ingress is every blob of each layout.
run skopeo_ --debug copy --preserve-digests "${TLS[@]}" --dest-creds "$PUSHER:$PUSHER_PASSWORD" \
    "oci:$IMG/oci-single:v1" "docker://$R/meter/single:v1"
rm -rf "${T:?}"/blob-info-cache/*
run skopeo_ --debug copy --all --preserve-digests "${TLS[@]}" --dest-creds "$PUSHER:$PUSHER_PASSWORD" \
    "oci:$IMG/oci-multi:v1" "docker://$R/meter/multi:v1"
rm -rf "${T:?}"/blob-info-cache/*

SINGLE_ALL=$(layout_bytes "$IMG/oci-single")
SINGLE_MANIFESTS=$(manifest_bytes "$IMG/oci-single")
MULTI_ALL=$(layout_bytes "$IMG/oci-multi")
MULTI_MANIFESTS=$(manifest_bytes "$IMG/oci-multi")
MULTI_COUNT=$(find "$IMG/oci-multi/blobs/sha256" -type f -exec jq -e '.mediaType | test("manifest|index")' {} \; 2>/dev/null | grep -c true)
note "oci-single: $SINGLE_ALL bytes ($SINGLE_MANIFESTS of manifests); oci-multi: $MULTI_ALL bytes ($MULTI_MANIFESTS of $MULTI_COUNT manifests)"

step "skopeo pulls both as puller, and oci-single anonymously once its repository is public"
mkdir -p "$T/out"
run skopeo_ --debug copy --preserve-digests "${TLS[@]}" --src-creds "$PULLER:$PULLER_PASSWORD" \
    "docker://$R/meter/single:v1" "oci:$T/out/single:v1"
cp "$T/last.log" "$T/pull-single.log"
egress_of "$T/pull-single.log" "$IMG/oci-single" v1
EGRESS_SINGLE=$EGRESS PULLS_SINGLE=$GETS
run skopeo_ --debug copy --all --preserve-digests "${TLS[@]}" --src-creds "$PULLER:$PULLER_PASSWORD" \
    "docker://$R/meter/multi:v1" "oci:$T/out/multi:v1"
cp "$T/last.log" "$T/pull-multi.log"
egress_of "$T/pull-multi.log" "$IMG/oci-multi" v1
EGRESS_MULTI=$EGRESS PULLS_MULTI=$GETS
assert_same_blobs "$IMG/oci-multi" "$T/out/multi" "the multi-arch image came back byte for byte"
assert_eq 200 "$(api "$ADMIN" PATCH /repositories/meter/single '{"public": true}')" "meter/single is public"
run skopeo_ --debug copy --preserve-digests "${TLS[@]}" --src-no-creds \
    "docker://$R/meter/single:v1" "oci:$T/out/anonymous:v1"
cp "$T/last.log" "$T/pull-anonymous.log"
egress_of "$T/pull-anonymous.log" "$IMG/oci-single" v1
EGRESS_ANONYMOUS=$EGRESS PULLS_ANONYMOUS=$GETS
note "puller: single $PULLS_SINGLE manifest GETs, $EGRESS_SINGLE bytes; multi $PULLS_MULTI GETs, $EGRESS_MULTI bytes; anonymous $PULLS_ANONYMOUS GETs, $EGRESS_ANONYMOUS bytes"
assert_eq 3 "$PULLS_MULTI" "skopeo fetched the index and both platform manifests of oci-multi"

step "restart berthd: what was counted in memory is written on shutdown"
registry_stop
registry_start

step "usage per user and repository equals what the test moved"
assert_eq 1 "$(usage_of 'by=user&repository=meter/single' '.items[] | select(.key == "pusher") | .pushes')" \
    "one push of meter/single by pusher"
assert_eq "$MULTI_COUNT" "$(usage_of 'by=user&repository=meter/multi' '.items[] | select(.key == "pusher") | .pushes')" \
    "a push per manifest of oci-multi by pusher"
assert_eq "$((SINGLE_ALL - SINGLE_MANIFESTS))" \
    "$(usage_of 'by=user&repository=meter/single' '.items[] | select(.key == "pusher") | .ingressBytes')" \
    "ingress of meter/single: every blob of oci-single"
assert_eq "$((MULTI_ALL - MULTI_MANIFESTS))" \
    "$(usage_of 'by=user&repository=meter/multi' '.items[] | select(.key == "pusher") | .ingressBytes')" \
    "ingress of meter/multi: every blob of oci-multi"
assert_eq 0 "$(usage_of 'by=user' '.items[] | select(.key == "pusher") | .egressBytes')" "pusher pulled nothing"
assert_eq "$PULLS_SINGLE" "$(usage_of 'by=user&repository=meter/single' '.items[] | select(.key == "puller") | .pulls')" \
    "puller's pulls of meter/single"
assert_eq "$EGRESS_SINGLE" \
    "$(usage_of 'by=user&repository=meter/single' '.items[] | select(.key == "puller") | .egressBytes')" \
    "puller's egress from meter/single"
assert_eq "$PULLS_MULTI" "$(usage_of 'by=user&repository=meter/multi' '.items[] | select(.key == "puller") | .pulls')" \
    "puller's pulls of meter/multi"
assert_eq "$EGRESS_MULTI" \
    "$(usage_of 'by=user&repository=meter/multi' '.items[] | select(.key == "puller") | .egressBytes')" \
    "puller's egress from meter/multi"
assert_eq "$EGRESS_ANONYMOUS" \
    "$(usage_of 'by=user&repository=meter/single' '.items[] | select(.key == "") | .egressBytes')" \
    "anonymous egress from the public meter/single"
assert_eq "$PULLS_ANONYMOUS" "$(usage_of 'by=user' '.items[] | select(.key == "") | .pulls')" "anonymous pulls"
assert_eq "$((EGRESS_SINGLE + EGRESS_MULTI + EGRESS_ANONYMOUS))" "$(usage_of 'by=day' '.total.egressBytes')" \
    "egress of the day, all users"
assert_eq "$((1 + MULTI_COUNT))" "$(usage_of 'by=repository' '.total.pushes')" "pushes in all"

step "stored bytes: the layer both images have is shared"
assert_eq 200 "$(api "$ADMIN" GET /usage/storage)" "GET /api/v1/usage/storage"
cp "$T/api.json" "$T/storage.json"
SHARED=$(comm -12 <(ls "$IMG/oci-single/blobs/sha256" | sort) <(ls "$IMG/oci-multi/blobs/sha256" | sort) |
    while read -r hex; do stat -c %s "$IMG/oci-single/blobs/sha256/$hex"; done | awk '{ s += $1 } END { print s + 0 }')
note "the two layouts share $SHARED bytes"
stored() { jq -r ".repositories[] | select(.repository == \"$1\") | .$2" "$T/storage.json"; }
assert_eq "$SINGLE_ALL" "$(stored meter/single storedBytes)" "meter/single stores oci-single"
assert_eq "$SHARED" "$(stored meter/single sharedBytes)" "of which the common layer is shared"
assert_eq "$((SINGLE_ALL - SHARED))" "$(stored meter/single uniqueBytes)" "and the rest unique"
assert_eq "$MULTI_ALL" "$(stored meter/multi storedBytes)" "meter/multi stores oci-multi"
assert_eq "$SHARED" "$(stored meter/multi sharedBytes)" "with the same shared layer"
assert_eq "$((SINGLE_ALL + MULTI_ALL - SHARED))" "$(jq -r .totalBytes "$T/storage.json")" \
    "the registry stores the common layer once"
assert_eq "$((SINGLE_ALL + MULTI_ALL - SHARED))" "$(jq -r '.compartments[] | select(.compartment == "") | .storedBytes' "$T/storage.json")" \
    "so does the tenancy"

step "berthctl shows the same"
ctl() { run env BERTH_SERVER="$REG_URL" BERTH_USER="$REG_USER" BERTH_PASSWORD="$REG_PASSWORD" "$BERTHCTL" "$@"; }
ctl --output json usage --by user
assert_eq "$((EGRESS_SINGLE + EGRESS_MULTI))" "$(jq -r '.items[] | select(.key == "puller") | .egressBytes' "$T/last.log")" \
    "berthctl --output json usage --by user: puller's egress"
ctl usage --by repository
assert_contains "$(cat "$T/last.log")" "meter/multi" "berthctl usage prints a table with the repositories"
ctl --output json usage storage
assert_eq "$SHARED" "$(jq -r '.repositories[] | select(.repository == "meter/multi") | .sharedBytes' "$T/last.log")" \
    "berthctl --output json usage storage: shared bytes"
registry_stop
