#!/usr/bin/env bash
# Online garbage collection as clients see it: skopeo pushes two repositories sharing layers, one is
# deleted, GC runs while the registry serves, and skopeo still pulls the other byte for byte; once
# both are gone the shared layers are collected. Bad requests to the GC endpoint get a clear error
# and delete nothing.
. "$(dirname "$0")/lib.sh"
need_tool skopeo curl jq sha256sum
need_fixture oci-single
is_berthd || { note "the reference registry has no /api/v1/gc: nothing to check"; exit 0; }

IMG=$BERTH_TEST_IMAGES
COPY=(skopeo_ copy --preserve-digests --src-tls-verify=false --dest-tls-verify=false)
registry_start
R=$REG_ADDR
login_with skopeo_ --tls-verify=false

# gc JSON: POST /api/v1/gc with the body; the answer goes to $T/gc.json, the status is printed.
gc() {
    curl -s -o "$T/gc.json" -w '%{http_code}' "${AUTH[@]}" -H 'Content-Type: application/json' \
        -X POST --data "$1" "$REG_URL/api/v1/gc" || true
}
count_blobs() { find "$T/registry-data/blobs" -type f | wc -l; }

step "push the same image into two repositories"
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/gc/keep:v1"
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/gc/drop:v1"
stored=$(count_blobs)

step "bad requests are refused and delete nothing"
assert_eq 400 "$(gc '{"dryRun": tru')" "malformed JSON is refused"
assert_contains "$(cat "$T/gc.json")" "INVALID" "with an error code saying why"
assert_eq 400 "$(gc '{"gracePeriodSeconds": -5}')" "a negative grace period is refused"
assert_eq 400 "$(gc '{"dryRun": "yes"}')" "a dry run flag that is not a boolean is refused"
assert_eq "$stored" "$(count_blobs)" "no blob went"

step "delete one repository; a dry run collects nothing its twin still uses"
assert_eq 204 "$(http_code DELETE "$REG_URL/api/v1/repositories/gc/drop" "${AUTH[@]}")" "repository deleted"
assert_eq 200 "$(gc '{"dryRun": true, "gracePeriodSeconds": 0}')" "dry run answers"
assert_eq 0 "$(jq -r .blobCount "$T/gc.json")" "shared layers, config and manifest stay"

step "GC runs while skopeo pulls the kept image"
mkdir -p "$T/out"
"${COPY[@]}" "docker://$R/gc/keep:v1" "oci:$T/out/keep:v1" >"$T/pull.log" 2>&1 &
pull=$!
assert_eq 200 "$(gc '{"gracePeriodSeconds": 0}')" "GC ran"
wait "$pull" || fail "skopeo pull during GC failed: $(cat "$T/pull.log")"
assert_same_blobs "$IMG/oci-single" "$T/out/keep" "the kept image comes back byte for byte"

step "delete the other repository too: its blobs are collected"
assert_eq 204 "$(http_code DELETE "$REG_URL/api/v1/repositories/gc/keep" "${AUTH[@]}")" "repository deleted"
assert_eq 200 "$(gc '{"dryRun": true, "gracePeriodSeconds": 0}')" "dry run answers"
would=$(jq -r .blobCount "$T/gc.json")
assert_eq "$stored" "$would" "a dry run would free every stored blob"
assert_eq 200 "$(gc '{"gracePeriodSeconds": 0}')" "GC ran"
assert_eq "$would" "$(jq -r .blobCount "$T/gc.json")" "it freed what the dry run listed"
assert_eq 0 "$(count_blobs)" "the blob store is empty"
run_fails skopeo_ inspect --tls-verify=false "docker://$R/gc/keep:v1"

step "a push after GC works as before"
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/gc/again:v1"
run "${COPY[@]}" "docker://$R/gc/again:v1" "oci:$T/out/again:v1"
assert_same_blobs "$IMG/oci-single" "$T/out/again" "pushed again and pulled back byte for byte"
registry_stop
