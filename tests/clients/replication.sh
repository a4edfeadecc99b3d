#!/usr/bin/env bash
# Fault-domain replication as an administrator sees it: berthd keeps every blob in three directories
# ("storage": {"domains": [...], "writeQuorum": 2}), skopeo pushes fixture images, two of the three
# domain directories are deleted outright, skopeo pulls every image back byte-identical from the one
# left, and `berthctl scrub` puts every copy back into the destroyed domains (present and hashing to
# its name). Bad storage settings keep berthd from starting, with a message saying what to change.
. "$(dirname "$0")/lib.sh"
need_tool skopeo curl jq sha256sum
need_fixture oci-single oci-multi oci-zstd docker-archive.tar
is_berthd || { note "the reference registry has no fault domains: nothing to check"; exit 0; }
BERTHCTL=${BERTHCTL:-${BERTH_BUILD_DIR:-}/app/cli/berthctl}
[ -x "$BERTHCTL" ] || fail "berthctl is not built at $BERTHCTL. Run 'make test' (it builds first)."

IMG=$BERTH_TEST_IMAGES
COPY=(skopeo_ copy --preserve-digests --src-tls-verify=false --dest-tls-verify=false)
D1=$T/disk1/berth D2=$T/disk2/berth D3=$T/disk3/berth

# berthd reads its storage settings from a config file: registry_start runs this wrapper.
REAL_BERTHD=$BERTHD
write_config() { printf '%s\n' "$1" >"$T/berthd.json"; }
printf '#!/bin/sh\nexec "%s" --config "%s" "$@"\n' "$REAL_BERTHD" "$T/berthd.json" >"$T/berthd-wrapper"
chmod +x "$T/berthd-wrapper"
BERTHD=$T/berthd-wrapper

step "bad storage settings keep berthd from starting"
refused() { # refused CONFIG EXPECTED-TEXT
    write_config "$1"
    local rc=0
    "$REAL_BERTHD" --config "$T/berthd.json" --listen 127.0.0.1:0 --data "$T/refused-data" \
        --admin-password-file "$ADMIN_PASSWORD_FILE" >"$T/refused.log" 2>&1 || rc=$?
    assert_ne 0 "$rc" "berthd refuses $1"
    assert_contains "$(cat "$T/refused.log")" "$2" "and says why"
}
refused "{\"storage\": {\"domains\": [\"$D1\", \"$D2\"], \"writeQuorum\": 3}}" "writeQuorum is 3 but only 2"
refused "{\"storage\": {\"domains\": [\"$D1\", \"$D1\"]}}" "listed twice"
refused "{\"storage\": {\"domains\": [\"$D1\", \"$D1/inner\"]}}" "are nested"
refused "{\"storage\": {\"domains\": [\"relative/dir\"]}}" "absolute directory paths"
refused "{\"storage\": {\"domain\": [\"$D1\"]}}" "unknown setting \"domain\""

write_config "{\"storage\": {\"domains\": [\"$D1\", \"$D2\", \"$D3\"], \"writeQuorum\": 2}}"
registry_start
R=$REG_ADDR
login_with skopeo_ --tls-verify=false
ctl() { BERTH_SERVER=$REG_URL BERTH_USER=$REG_USER BERTH_PASSWORD=$REG_PASSWORD "$BERTHCTL" "$@"; }

declare -A SOURCES=(
    [rep/single:v1]="oci:$IMG/oci-single:v1"
    [rep/multi:v1]="oci:$IMG/oci-multi:v1"
    [rep/zstd:v1]="oci:$IMG/oci-zstd:v1"
    [rep/docker:v1]="docker-archive:$IMG/docker-archive.tar"
)
# pull REF DIR: every platform of REF into an OCI layout; its manifest as served into DIR.manifest.
pull() {
    rm -rf "$2"
    mkdir -p "$2"
    run "${COPY[@]}" --all "docker://$R/$1" "oci:$2:x"
    skopeo_ inspect --raw --tls-verify=false "docker://$R/$1" >"$2.manifest"
}
# blob_list DIR: "sha256/xx/hex" of every blob copy in a domain, sorted.
blob_list() { (cd "$1" && find sha256 -type f | sort); }
# check_domain DIR WHAT: every copy in the domain hashes to its name.
check_domain() {
    local n=0 f
    while IFS= read -r f; do
        [ "$(sha256_of "$1/$f")" = "$(basename "$f")" ] || fail "$2: $1/$f does not hash to its name"
        n=$((n + 1))
    done < <(blob_list "$1")
    [ $n -gt 0 ] || fail "$2: $1 holds no blobs"
    CHECKS=$((CHECKS + 1))
    note "ok: $2 ($n copies hash to their names)"
}

step "push the images: every blob lands in all three domains"
for ref in "${!SOURCES[@]}"; do
    run "${COPY[@]}" --all "${SOURCES[$ref]}" "docker://$R/$ref"
done
for ref in "${!SOURCES[@]}"; do
    pull "$ref" "$T/before/${ref//:/_}"
done
blob_list "$D1" >"$T/d1.list"
assert_eq "$(cat "$T/d1.list")" "$(blob_list "$D2")" "domain 2 holds the same blobs as domain 1"
assert_eq "$(cat "$T/d1.list")" "$(blob_list "$D3")" "domain 3 holds the same blobs as domain 1"
check_domain "$D1" "domain 1"
[ ! -e "$T/registry-data/blobs/0" ] || fail "with domains configured nothing goes to <data>/blobs/0"

step "two of the three domains are destroyed"
rm -rf "$T/disk1" "$T/disk3"
[ ! -e "$D1" ] && [ ! -e "$D3" ] || fail "the domains are still there"

step "skopeo pulls every image back byte-identical from the one domain left"
for ref in "${!SOURCES[@]}"; do
    out=$T/after/${ref//:/_}
    pull "$ref" "$out"
    assert_same_file "$T/before/${ref//:/_}.manifest" "$out.manifest" "$ref: the same manifest bytes"
    assert_same_blobs "$T/before/${ref//:/_}" "$out" "$ref: the same blobs"
done
for ref in rep/single:v1 rep/zstd:v1; do
    src=${SOURCES[$ref]#oci:}
    assert_same_blobs "${src%:*}" "$T/after/${ref//:/_}" "$ref: the fixture's own blobs"
done

step "berthctl scrub restores the destroyed domains"
# Reads have refilled some copies already; remove what they made so scrub has all of it to do.
rm -rf "$T/disk1" "$T/disk3"
run ctl scrub
assert_contains "$(cat "$T/last.log")" "0 blobs have no good copy left" "scrub reports nothing lost"
assert_contains "$(cat "$T/last.log")" "missing" "scrub lists the copies it made"
assert_eq "$(cat "$T/d1.list")" "$(blob_list "$D1")" "domain 1 holds every blob again"
assert_eq "$(cat "$T/d1.list")" "$(blob_list "$D3")" "domain 3 holds every blob again"
check_domain "$D1" "domain 1 after scrub"
check_domain "$D3" "domain 3 after scrub"
BERTH_OUTPUT=json run ctl scrub status
assert_eq 3 "$(jq '.storage.domains | length' "$T/last.log")" "scrub status lists the three domains"
assert_eq 2 "$(jq '.storage.writeQuorum' "$T/last.log")" "and the write quorum"
assert_eq 0 "$(jq '.lastRun.report.unrepairableCount' "$T/last.log")" "the last run lost nothing"
repaired=$(jq '.lastRun.report.repairedCount' "$T/last.log")
assert_eq "$(($(wc -l <"$T/d1.list") * 2))" "$repaired" "it repaired exactly the copies of the two domains"

step "after a restart a corrupt copy is never served: the pull gets a good one and the copy is repaired"
layer=$(find "$IMG/oci-single/blobs/sha256" -type f -printf '%s %p\n' | sort -n | tail -n 1 | cut -d' ' -f2)
hex=$(basename "$layer")
copy=$D1/sha256/${hex:0:2}/$hex
[ -f "$copy" ] || fail "domain 1 has no copy of the layer sha256:$hex"
printf 'x' | dd of="$copy" bs=1 seek=100 conv=notrunc status=none
[ "$(sha256_of "$copy")" != "$hex" ] || fail "the copy in domain 1 was not corrupted"
registry_stop
registry_start
assert_eq 200 "$(curl -s -o "$T/layer" -w '%{http_code}' "${AUTH[@]}" "$REG_URL/v2/rep/single/blobs/sha256:$hex")" \
    "the layer is served"
assert_eq "$hex" "$(sha256_of "$T/layer")" "with its own bytes, not the corrupt copy's"
assert_eq "$hex" "$(sha256_of "$copy")" "the copy in domain 1 was repaired"
assert_eq 1 "$(find "$D1/quarantine" -type f | wc -l)" "the corrupt copy was kept aside in quarantine"
BERTH_OUTPUT=json run ctl scrub status
assert_eq 1 "$(jq '.storage.counters.corruptCopiesFound' "$T/last.log")" "the store counted one corrupt copy"

step "a blob with no good copy makes berthctl scrub fail and name who needs it"
victim=$(head -n 1 "$T/d1.list")
for d in "$D1" "$D2" "$D3"; do
    printf 'x' | dd of="$d/$victim" bs=1 seek=10 conv=notrunc status=none
done
run_fails ctl scrub
assert_contains "$(cat "$T/last.log")" "sha256:$(basename "$victim")" "the lost blob is named"
assert_contains "$(cat "$T/last.log")" "needed by rep/" "with the manifests that need it"
registry_stop
