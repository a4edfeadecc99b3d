#!/usr/bin/env bash
# Large blobs over the raw distribution API with curl: a 2 GiB monolithic upload and a 100 MiB
# upload in three PATCH chunks, both pulled back and hashed as a stream. The registry's peak RSS
# must stay small (it has to stream, not buffer).
. "$(dirname "$0")/lib.sh"
need_tool curl openssl sha256sum split
RSS_LIMIT_KB=$((150 * 1024))

# random-looking but reproducible bytes: AES-128-CTR over zeros
# make_bytes SIZE KEYHEX OUT
make_bytes() {
    head -c "$1" /dev/zero |
        openssl enc -aes-128-ctr -nosalt -K "$2" -iv 00000000000000000000000000000000 >"$3"
}
# header FILE NAME: value of a response header (case-insensitive), last one wins
header() { tr -d '\r' <"$1" | awk -v n="$(echo "$2" | tr 'A-Z' 'a-z')" -F': ' 'tolower($1) == n { v = $2 } END { print v }'; }
# absolute URL for a Location value
abs_url() { case "$1" in /*) echo "$REG_URL$1" ;; *) echo "$1" ;; esac; }
# with_query URL KEY=VALUE
with_query() { case "$1" in *\?*) echo "$1&$2" ;; *) echo "$1?$2" ;; esac; }

registry_start

step "make a 2 GiB blob in the temp dir"
make_bytes 2G 00112233445566778899aabbccddeeff "$T/big.bin"
size=$(stat -c %s "$T/big.bin")
assert_eq 2147483648 "$size" "blob is 2 GiB"
big_digest=sha256:$(sha256_of "$T/big.bin")
note "digest $big_digest"

step "monolithic upload: POST, then PUT <Location>&digest= with the whole body"
code=$(curl -s "${AUTH[@]}" -D "$T/h.txt" -o /dev/null -w '%{http_code}' -X POST "$REG_URL/v2/big/blobs/uploads/") || true
assert_eq 202 "$code" "POST /v2/big/blobs/uploads/ answers 202"
loc=$(header "$T/h.txt" Location)
[ -n "$loc" ] || fail "POST answered no Location header"
put_url=$(with_query "$(abs_url "$loc")" "digest=$big_digest")
start=$SECONDS
code=$(curl -s "${AUTH[@]}" -D "$T/h.txt" -o "$T/body.txt" -w '%{http_code}' -X PUT -H "Content-Type: application/octet-stream" \
    --upload-file "$T/big.bin" "$put_url") || true
secs=$((SECONDS - start))
assert_eq 201 "$code" "PUT of 2 GiB answers 201" "body: $(head -c 300 "$T/body.txt")"
assert_eq "$big_digest" "$(header "$T/h.txt" Docker-Content-Digest)" "Docker-Content-Digest is the blob's digest"
note "pushed in about $secs s"

step "HEAD and streamed GET of the 2 GiB blob"
curl -s "${AUTH[@]}" -I -o "$T/h.txt" "$REG_URL/v2/big/blobs/$big_digest" || true
assert_eq 2147483648 "$(header "$T/h.txt" Content-Length)" "HEAD answers Content-Length 2147483648"
got=$(curl -s "${AUTH[@]}" -f "$REG_URL/v2/big/blobs/$big_digest" | sha256sum | cut -d' ' -f1) || true
assert_eq "$big_digest" "sha256:$got" "pulled bytes hash to the same digest"
rm -f "$T/big.bin"

step "chunked upload of 100 MiB in 3 PATCH requests with Content-Range"
make_bytes 100M ffeeddccbbaa99887766554433221100 "$T/chunked.bin"
chunk_digest=sha256:$(sha256_of "$T/chunked.bin")
split -b 40M -d "$T/chunked.bin" "$T/chunk."
chunks=("$T"/chunk.*)
assert_eq 3 "${#chunks[@]}" "split into 3 chunks (40 + 40 + 20 MiB)"
code=$(curl -s "${AUTH[@]}" -D "$T/h.txt" -o /dev/null -w '%{http_code}' -X POST "$REG_URL/v2/chunked/blobs/uploads/") || true
assert_eq 202 "$code" "POST /v2/chunked/blobs/uploads/ answers 202"
loc=$(abs_url "$(header "$T/h.txt" Location)")
offset=0
for c in "${chunks[@]}"; do
    n=$(stat -c %s "$c")
    last=$((offset + n - 1))
    code=$(curl -s "${AUTH[@]}" -D "$T/h.txt" -o "$T/body.txt" -w '%{http_code}' -X PATCH \
        -H "Content-Type: application/octet-stream" -H "Content-Range: $offset-$last" \
        --upload-file "$c" "$loc") || true
    assert_eq 202 "$code" "PATCH bytes $offset-$last answers 202" "body: $(head -c 300 "$T/body.txt")"
    assert_eq "0-$last" "$(header "$T/h.txt" Range)" "Range header reports 0-$last"
    loc=$(abs_url "$(header "$T/h.txt" Location)")
    offset=$((last + 1))
done
code=$(curl -s "${AUTH[@]}" -D "$T/h.txt" -o "$T/body.txt" -w '%{http_code}' -X PUT -H "Content-Length: 0" \
    "$(with_query "$loc" "digest=$chunk_digest")") || true
assert_eq 201 "$code" "closing PUT with the digest answers 201" "body: $(head -c 300 "$T/body.txt")"
got=$(curl -s "${AUTH[@]}" -f "$REG_URL/v2/chunked/blobs/$chunk_digest" | sha256sum | cut -d' ' -f1) || true
assert_eq "$chunk_digest" "sha256:$got" "chunked blob pulled back with the same digest"

step "peak memory of the registry"
rss_kb=$(registry_peak_rss_kb)
note "$BERTH_TEST_REGISTRY peak RSS (VmHWM): $((rss_kb / 1024)) MB"
if is_berthd; then
    assert_lt "$rss_kb" "$RSS_LIMIT_KB" "berthd peak RSS stays under 150 MB"
fi

registry_stop
