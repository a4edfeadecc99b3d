#!/usr/bin/env bash
# Backup and restore as an administrator does it: skopeo pushes several fixture images (one a
# multi-arch index), berthctl takes a backup while another skopeo keeps pushing, berthd stops,
# `berthd restore` puts the backup into a new data directory, a new berthd serves it, and every image
# that was in the registry before the backup started comes back byte-identical (every blob and
# manifest), with the same sign-in.
. "$(dirname "$0")/lib.sh"
need_tool skopeo curl jq sha256sum
need_fixture oci-single oci-multi oci-zstd docker-archive.tar
is_berthd || { note "the reference registry has no backup: nothing to check"; exit 0; }
BERTHCTL=${BERTHCTL:-${BERTH_BUILD_DIR:-}/app/cli/berthctl}
[ -x "$BERTHCTL" ] || fail "berthctl is not built at $BERTHCTL. Run 'make test' (it builds first)."

IMG=$BERTH_TEST_IMAGES
COPY=(skopeo_ copy --preserve-digests --src-tls-verify=false --dest-tls-verify=false)
registry_start
R=$REG_ADDR
login_with skopeo_ --tls-verify=false
ctl() { BERTH_SERVER=$REG_URL BERTH_USER=$REG_USER BERTH_PASSWORD=$REG_PASSWORD "$BERTHCTL" "$@"; }

# The images the backup must hold: repository:tag and the source to push.
declare -A SOURCES=(
    [backup/single:v1]="oci:$IMG/oci-single:v1"
    [backup/multi:v1]="oci:$IMG/oci-multi:v1"
    [backup/zstd:v1]="oci:$IMG/oci-zstd:v1"
    [backup/docker:v1]="docker-archive:$IMG/docker-archive.tar"
    [other/single:v2]="oci:$IMG/oci-single:v1"
)
# pull REF DIR: every image of REF (all platforms of an index) into an OCI layout, and its manifest
# digest as served into DIR.digest.
pull() {
    set -- "$1" "${2//:/_}"
    rm -rf "$2"
    mkdir -p "$2"
    run "${COPY[@]}" --all "docker://$R/$1" "oci:$2:x"
    skopeo_ inspect --raw --tls-verify=false "docker://$R/$1" | sha256sum | cut -d' ' -f1 >"$2.digest"
}

step "push the images the backup must hold"
for ref in "${!SOURCES[@]}"; do
    run "${COPY[@]}" --all "${SOURCES[$ref]}" "docker://$R/$ref"
done
for ref in "${!SOURCES[@]}"; do
    pull "$ref" "$T/before/$ref"
done
imgdir() { echo "$T/$1/${2//:/_}"; }

step "a backup destination inside the data directory, or relative, is refused"
run_fails ctl backup "$T/registry-data/backup"
assert_contains "$(cat "$T/last.log")" "data directory" "the refusal names the data directory"
run_fails ctl backup relative/path
assert_eq "" "$(ls -A "$T/registry-data" | grep -x backup || true)" "nothing was written inside the data directory"

step "berthctl backup while skopeo keeps pushing"
# Push in a loop until told to stop, so a push is in flight for the whole backup.
(
    i=0
    while [ ! -e "$T/stop-pushing" ]; do
        i=$((i + 1))
        "${COPY[@]}" --all "oci:$IMG/oci-multi:v1" "docker://$R/during/multi$i:v1" >>"$T/during.log" 2>&1 ||
            { echo "push $i failed" >>"$T/during.log"; exit 1; }
    done
) &
pusher=$!
on_exit "touch '$T/stop-pushing'; kill $pusher 2>/dev/null || true"
for _ in $(seq 300); do
    [ -n "$(curl -s "${AUTH[@]}" "$REG_URL/v2/during/multi1/tags/list" | jq -r '.tags[]?' 2>/dev/null)" ] && break
    sleep 0.1
done
run ctl backup "$T/backup"
note "$(cat "$T/last.log")"
kill -0 "$pusher" 2>/dev/null || fail "the concurrent push loop had stopped before the backup finished: $(cat "$T/during.log")"
CHECKS=$((CHECKS + 1))
note "ok: skopeo was still pushing when the backup finished"
touch "$T/stop-pushing"
wait "$pusher" || fail "a push during the backup failed: $(cat "$T/during.log")"
assert_contains "$(cat "$T/last.log")" "Copied" "berthctl prints what it copied"
[ -s "$T/backup/backup.json" ] || fail "the backup has no backup.json"
blobs=$(jq -r '.blobs | length' "$T/backup/backup.json")
note "backup.json lists $blobs blobs, $(jq -r .repositories "$T/backup/backup.json") repositories"
[ "$blobs" -gt 10 ] || fail "the backup lists only $blobs blobs"
for ref in "${!SOURCES[@]}"; do
    d=$(cat "$(imgdir before "$ref").digest")
    [ -f "$T/backup/blobs/sha256/${d:0:2}/$d" ] || fail "the backup lacks the manifest of $ref (sha256:$d)"
done
run ctl -o json backup list
assert_eq succeeded "$(jq -r '.[0].outcome' "$T/last.log")" "berthctl backup list shows the backup"

step "a second backup into a copy of that folder copies nothing new"
# Into a copy, so that what is restored below is the backup taken while skopeo was pushing.
cp -a "$T/backup" "$T/backup-again"
run ctl -o json backup "$T/backup-again"
assert_eq 0 "$(jq -r .backup.blobsCopied "$T/last.log")" "no blob copied again"
assert_eq "$(jq -r .backup.blobs "$T/last.log")" "$(jq -r .backup.blobsReused "$T/last.log")" "every blob reused"

step "stop berthd; berthd restore into a new data directory"
registry_stop
mv "$T/registry-data" "$T/original-data"
run_fails "$BERTHD" restore --from "$T/backup" --data "$T/original-data"
assert_contains "$(cat "$T/last.log")" "not empty" "restoring into a data directory that holds data is refused"
mkdir -p "$T/incomplete"
run_fails "$BERTHD" restore --from "$T/incomplete" --data "$T/registry-data"
assert_contains "$(cat "$T/last.log")" "not a complete backup" "a folder without backup.json is refused"
run "$BERTHD" restore --from "$T/backup" --data "$T/registry-data"
note "$(tail -n 1 "$T/last.log")"

step "a new berthd on the restored data: the same sign-in, every image byte-identical"
registry_start
R=$REG_ADDR
login_with skopeo_ --tls-verify=false
for ref in "${!SOURCES[@]}"; do
    pull "$ref" "$T/after/$ref"
    assert_eq "$(cat "$(imgdir before "$ref").digest")" "$(cat "$(imgdir after "$ref").digest")" "$ref: the same manifest digest"
    assert_same_blobs "$(imgdir before "$ref")" "$(imgdir after "$ref")" "$ref: every blob and manifest byte-identical"
done
# What the backup caught of the concurrent pushes is whole: each tag it has pulls completely.
caught=0
for repo in $(curl -s "${AUTH[@]}" "$REG_URL/v2/_catalog?n=1000" | jq -r '.repositories[]' | grep '^during/' || true); do
    for tag in $(curl -s "${AUTH[@]}" "$REG_URL/v2/$repo/tags/list" | jq -r '.tags[]?'); do
        pull "$repo:$tag" "$T/after/$repo"
        assert_same_blobs "$IMG/oci-multi" "$T/after/$repo" "$repo:$tag (pushed during the backup) is whole"
        caught=$((caught + 1))
    done
done
note "the backup holds $caught image(s) pushed while it ran"
step "the restored registry takes backups of its own"
run ctl -o json backup "$T/backup-of-restored"
assert_eq "$(jq -r '.blobs | length' "$T/backup/backup.json")" "$(jq -r .backup.blobs "$T/last.log")" "it holds the same blobs"
run ctl -o json backup list
assert_eq succeeded "$(jq -r '.[0].outcome' "$T/last.log")" "berthctl backup list shows it"
registry_stop
