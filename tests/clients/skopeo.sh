#!/usr/bin/env bash
# skopeo against the registry: OCI and Docker formats, multi-arch, tags, delete, zstd, referrers,
# archive sources. Every byte that goes in must come back out unchanged.
. "$(dirname "$0")/lib.sh"
need_tool skopeo curl jq sha256sum
need_fixture oci-single oci-multi oci-zstd oci-referrer docker-archive.tar oci-archive.tar

IMG=$BERTH_TEST_IMAGES
SK=(skopeo_)
TLS=(--src-tls-verify=false --dest-tls-verify=false)
# --preserve-digests: skopeo must fail rather than quietly change a digest the test checks.
COPY=(skopeo_ copy --preserve-digests "${TLS[@]}")

registry_start
R=$REG_ADDR
login_with skopeo_ --tls-verify=false

# digests of the fixtures
SINGLE_MAN=$(fixture_top oci-single)
SINGLE_CFG=$(jq -r .config.digest "$(fixture_blob oci-single "${SINGLE_MAN#sha256:}")")
MULTI_IDX=$(fixture_top oci-multi)
MULTI_IDX_FILE=$(fixture_blob oci-multi "${MULTI_IDX#sha256:}")
ARM_MAN=$(jq -r '.manifests[] | select(.platform.architecture == "arm64") | .digest' "$MULTI_IDX_FILE")
ZSTD_MAN=$(fixture_top oci-zstd)
REF_MAN=$(jq -r '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "sbom") | .digest' \
    "$IMG/oci-referrer/index.json")

# raw_digest REF: sha256 of what `skopeo inspect --raw` returns (saved to $T/raw.json)
raw_digest() {
    run "${SK[@]}" inspect --raw --tls-verify=false "docker://$1"
    cp "$T/last.log" "$T/raw.json"
    echo "sha256:$(sha256_of "$T/raw.json")"
}

# header_digest REPO REF: Docker-Content-Digest the registry answers to a HEAD of the manifest
header_digest() {
    curl -s "${AUTH[@]}" -I "${ACCEPT_ALL_MANIFESTS[@]}" "$REG_URL/v2/$1/manifests/$2" |
        tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }'
}

# ---- single OCI image in and out -------------------------------------------------------------
step "copy oci:oci-single:v1 into the registry"
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/single:v1"
assert_eq "$SINGLE_MAN" "$(raw_digest "$R/single:v1")" "inspect --raw gives the exact manifest bytes"
assert_same_file "$(fixture_blob oci-single "${SINGLE_MAN#sha256:}")" "$T/raw.json" "manifest bytes identical"
assert_eq "$SINGLE_MAN" "$(header_digest single v1)" "HEAD manifest answers Docker-Content-Digest"
run "${SK[@]}" inspect --tls-verify=false --format '{{.Digest}} {{.Architecture}} {{.Os}}' "docker://$R/single:v1"
assert_eq "$SINGLE_MAN amd64 linux" "$(cat "$T/last.log")" "skopeo inspect reads digest and platform"

step "copy it back out to oci: and dir: and compare blobs byte for byte"
mkdir -p "$T/out"
run "${COPY[@]}" "docker://$R/single:v1" "oci:$T/out/oci-single:v1"
assert_same_blobs "$IMG/oci-single" "$T/out/oci-single" "oci: copy has the fixture's blobs"
assert_same_blobs "$T/out/oci-single" "$IMG/oci-single" "oci: copy has no other blobs"
run "${COPY[@]}" "docker://$R/single:v1" "dir:$T/out/dir-single"
assert_same_file "$(fixture_blob oci-single "${SINGLE_MAN#sha256:}")" "$T/out/dir-single/manifest.json" \
    "dir: manifest.json is the pushed manifest"
assert_same_blobs "$T/out/dir-single" "$IMG/oci-single" "dir: copy blobs equal the fixture's"
assert_eq 3 "$(find "$T/out/dir-single" -type f -regextype posix-extended -regex '.*/[0-9a-f]{64}' | wc -l)" \
    "dir: copy holds config and both layers"

# ---- multi-arch index ------------------------------------------------------------------------
step "copy --all of the oci-multi index"
run "${COPY[@]}" --all "oci:$IMG/oci-multi:v1" "docker://$R/multi:v1"
assert_eq "$MULTI_IDX" "$(raw_digest "$R/multi:v1")" "inspect --raw digest is the index digest"
assert_same_file "$MULTI_IDX_FILE" "$T/raw.json" "index bytes identical"
assert_eq "$MULTI_IDX" "$(header_digest multi v1)" "HEAD of the index answers its digest"
run "${SK[@]}" inspect --tls-verify=false --override-arch arm64 --format '{{.Architecture}} {{index .Labels "org.example.arch"}}' \
    "docker://$R/multi:v1"
assert_eq "arm64 arm64" "$(cat "$T/last.log")" "--override-arch arm64 picks the arm64 image"
assert_eq "$ARM_MAN" "$(raw_digest "$R/multi@$ARM_MAN")" "arm64 manifest fetched by digest"
assert_same_file "$(fixture_blob oci-multi "${ARM_MAN#sha256:}")" "$T/raw.json" "arm64 manifest bytes identical"

# ---- Docker schema 2 -------------------------------------------------------------------------
step "copy --format v2s2 (Docker schema 2 image and manifest list)"
run "${SK[@]}" copy --format v2s2 "${TLS[@]}" "oci:$IMG/oci-single:v1" "docker://$R/v2s2:v1"
raw_digest "$R/v2s2:v1" >/dev/null
assert_eq application/vnd.docker.distribution.manifest.v2+json "$(jq -r .mediaType "$T/raw.json")" \
    "pushed manifest is Docker schema 2"
ct=$(curl -s "${AUTH[@]}" -o /dev/null -w '%{content_type}' "${ACCEPT_ALL_MANIFESTS[@]}" "$REG_URL/v2/v2s2/manifests/v1")
assert_eq application/vnd.docker.distribution.manifest.v2+json "$ct" "GET answers the Docker Content-Type"
run "${COPY[@]}" "docker://$R/v2s2:v1" "dir:$T/out/dir-v2s2"
assert_same_file "$T/raw.json" "$T/out/dir-v2s2/manifest.json" "v2s2 manifest comes back unchanged"
run "${SK[@]}" copy --all --format v2s2 "${TLS[@]}" "oci:$IMG/oci-multi:v1" "docker://$R/v2list:v1"
raw_digest "$R/v2list:v1" >/dev/null
assert_eq application/vnd.docker.distribution.manifest.list.v2+json "$(jq -r .mediaType "$T/raw.json")" \
    "pushed list is a Docker manifest list"
assert_eq 2 "$(jq '.manifests | length' "$T/raw.json")" "manifest list has two entries"
run "${SK[@]}" inspect --tls-verify=false --override-arch arm64 --format '{{.Architecture}}' "docker://$R/v2list:v1"
assert_eq arm64 "$(cat "$T/last.log")" "arm64 picked from the Docker manifest list"

# ---- tags ------------------------------------------------------------------------------------
step "list-tags with several tags"
for tag in v2 latest 1.0 a-tag v10; do
    run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/tags:$tag"
done
run "${SK[@]}" list-tags --tls-verify=false "docker://$R/tags"
cp "$T/last.log" "$T/tags.json"
assert_eq "$R/tags" "$(jq -r .Repository "$T/tags.json")" "list-tags names the repository"
assert_eq "1.0 a-tag latest v10 v2" "$(jq -r '.Tags | sort | join(" ")' "$T/tags.json")" "list-tags has all five tags"
if is_berthd; then
    assert_eq "1.0 a-tag latest v10 v2" "$(jq -r '.Tags | join(" ")' "$T/tags.json")" "tags come back in lexical order"
    curl -s "${AUTH[@]}" "$REG_URL/v2/tags/tags/list?n=2" -o "$T/page.json"
    assert_eq '1.0 a-tag' "$(jq -r '.tags | join(" ")' "$T/page.json")" "tags/list?n=2 gives the first page"
else
    note "skipped: lexical order and n= paging (the reference registry returns tags unsorted)"
fi

# ---- delete ----------------------------------------------------------------------------------
step "delete by tag: the manifest is gone"
run "${COPY[@]}" --all "oci:$IMG/oci-multi:v1" "docker://$R/del:keep"
run "${COPY[@]}" "oci:$IMG/oci-single:v1" "docker://$R/del:gone"
assert_eq 200 "$(http_code GET "$REG_URL/v2/del/manifests/gone" "${AUTH[@]}" "${ACCEPT_ALL_MANIFESTS[@]}")" "del:gone is there before"
run "${SK[@]}" delete --tls-verify=false "docker://$R/del:gone"
assert_eq 404 "$(http_code GET "$REG_URL/v2/del/manifests/gone" "${AUTH[@]}" "${ACCEPT_ALL_MANIFESTS[@]}")" "GET by tag answers 404"
assert_eq 404 "$(http_code GET "$REG_URL/v2/del/manifests/$SINGLE_MAN" "${AUTH[@]}" "${ACCEPT_ALL_MANIFESTS[@]}")" "GET by digest answers 404"
run "${SK[@]}" list-tags --tls-verify=false "docker://$R/del"
assert_eq keep "$(jq -r '.Tags | join(" ")' "$T/last.log")" "list-tags no longer shows the deleted tag"
assert_eq 200 "$(http_code GET "$REG_URL/v2/single/manifests/v1" "${AUTH[@]}" "${ACCEPT_ALL_MANIFESTS[@]}")" \
    "the same manifest in another repository is untouched"

# ---- zstd ------------------------------------------------------------------------------------
step "zstd-compressed layer image"
run "${COPY[@]}" "oci:$IMG/oci-zstd:v1" "docker://$R/zstd:v1"
assert_eq "$ZSTD_MAN" "$(raw_digest "$R/zstd:v1")" "zstd manifest digest unchanged"
assert_eq application/vnd.oci.image.layer.v1.tar+zstd "$(jq -r '.layers[0].mediaType' "$T/raw.json")" \
    "layer media type is tar+zstd"
run "${COPY[@]}" "docker://$R/zstd:v1" "oci:$T/out/oci-zstd:v1"
assert_same_blobs "$IMG/oci-zstd" "$T/out/oci-zstd" "zstd blobs come back byte-identical"

# ---- referrers -------------------------------------------------------------------------------
step "OCI 1.1 artifact with a subject, and the referrers API"
run "${COPY[@]}" "oci:$IMG/oci-referrer:v1" "docker://$R/ref:v1"
run "${COPY[@]}" "oci:$IMG/oci-referrer:sbom" "docker://$R/ref:sbom"
assert_eq "$REF_MAN" "$(raw_digest "$R/ref:sbom")" "artifact manifest digest unchanged"
assert_eq application/spdx+json "$(jq -r .artifactType "$T/raw.json")" "artifactType kept"
assert_eq "$SINGLE_MAN" "$(jq -r .subject.digest "$T/raw.json")" "subject kept"
if is_berthd; then
    url=$REG_URL/v2/ref/referrers/$SINGLE_MAN
    code=$(curl -s "${AUTH[@]}" -D "$T/h.txt" -o "$T/referrers.json" -w '%{http_code}' "$url") || true
    assert_eq 200 "$code" "GET /v2/ref/referrers/<subject> answers 200"
    assert_contains "$(tr -d '\r' <"$T/h.txt" | tr 'A-Z' 'a-z')" \
        "content-type: application/vnd.oci.image.index.v1+json" "referrers answer is an OCI index"
    assert_eq "$REF_MAN application/spdx+json" \
        "$(jq -r '.manifests[] | "\(.digest) \(.artifactType)"' "$T/referrers.json")" "index lists the artifact"
    code=$(curl -s "${AUTH[@]}" -D "$T/h.txt" -o "$T/referrers.json" -w '%{http_code}' "$url?artifactType=application/spdx%2Bjson") || true
    assert_eq 200 "$code" "referrers with artifactType filter answers 200"
    assert_eq "$REF_MAN" "$(jq -r '.manifests[].digest' "$T/referrers.json")" "filter keeps the matching artifact"
    assert_contains "$(tr -d '\r' <"$T/h.txt" | tr 'A-Z' 'a-z')" "oci-filters-applied: artifacttype" \
        "OCI-Filters-Applied header names artifactType"
    curl -s "${AUTH[@]}" -o "$T/referrers.json" "$url?artifactType=application/x-other" || true
    assert_eq 0 "$(jq '.manifests | length' "$T/referrers.json")" "filter with another type gives an empty list"
    code=$(curl -s "${AUTH[@]}" -o "$T/referrers.json" -w '%{http_code}' "$REG_URL/v2/ref/referrers/$REF_MAN") || true
    assert_eq "200 0" "$code $(jq '.manifests | length' "$T/referrers.json")" "a digest nothing refers to has no referrers"
    # A direct PUT of a manifest with a subject must answer OCI-Subject.
    curl -s "${AUTH[@]}" -D "$T/h.txt" -o /dev/null -X PUT -H "Content-Type: application/vnd.oci.image.manifest.v1+json" \
        --data-binary "@$(fixture_blob oci-referrer "${REF_MAN#sha256:}")" "$REG_URL/v2/ref/manifests/sbom-again" || true
    assert_contains "$(tr -d '\r' <"$T/h.txt" | tr 'A-Z' 'a-z')" "oci-subject: $SINGLE_MAN" \
        "PUT of a manifest with a subject answers OCI-Subject"
else
    note "skipped: referrers API checks (the reference registry has none)"
fi

# ---- archive sources -------------------------------------------------------------------------
step "docker-archive: and oci-archive: sources"
run "${SK[@]}" copy "${TLS[@]}" "docker-archive:$IMG/docker-archive.tar" "docker://$R/from-docker-archive:v1"
raw_digest "$R/from-docker-archive:v1" >/dev/null
assert_eq "$SINGLE_CFG" "$(jq -r .config.digest "$T/raw.json")" "docker-archive image keeps the config"
assert_eq 2 "$(jq '.layers | length' "$T/raw.json")" "docker-archive image has both layers"
run "${COPY[@]}" "docker://$R/from-docker-archive:v1" "dir:$T/out/dir-darchive"
assert_same_file "$(fixture_blob oci-single "${SINGLE_CFG#sha256:}")" "$T/out/dir-darchive/${SINGLE_CFG#sha256:}" \
    "config blob comes back byte-identical"
run "${COPY[@]}" "oci-archive:$IMG/oci-archive.tar" "docker://$R/from-oci-archive:v1"
assert_eq "$SINGLE_MAN" "$(raw_digest "$R/from-oci-archive:v1")" "oci-archive image has the fixture's manifest digest"

# ---- restart ---------------------------------------------------------------------------------
step "stop and start again on the same data: everything is still there"
registry_stop
registry_start
R=$REG_ADDR
login_with skopeo_ --tls-verify=false
assert_eq "$MULTI_IDX" "$(raw_digest "$R/multi:v1")" "index still served with its digest"
rm -rf "$T/out/oci-single"
run "${COPY[@]}" "docker://$R/single:v1" "oci:$T/out/oci-single:v1"
assert_same_blobs "$IMG/oci-single" "$T/out/oci-single" "image pulled after restart is byte-identical"
run "${SK[@]}" list-tags --tls-verify=false "docker://$R/tags"
assert_eq "1.0 a-tag latest v10 v2" "$(jq -r '.Tags | sort | join(" ")' "$T/last.log")" "tags survive the restart"
assert_eq 404 "$(http_code GET "$REG_URL/v2/del/manifests/gone" "${AUTH[@]}" "${ACCEPT_ALL_MANIFESTS[@]}")" "deleted tag stays deleted"

registry_stop
