#!/usr/bin/env bash
# HTTPS: berthd --tls auto on a free loopback port. curl, skopeo and podman trust its local CA through
# --cacert and certificate folders (never --tls-verify=false); clients that do not trust it fail with
# a certificate error; a restart reuses the CA. And berthd refuses plain HTTP on a non-loopback address.
. "$(dirname "$0")/lib.sh"
need_tool curl skopeo podman jq openssl
need_fixture oci-single docker-archive.tar

if ! is_berthd; then
    step "skipped: HTTPS with a local CA is berthd's own (--tls auto); there is nothing to compare with the reference"
    exit 0
fi

IMG=$BERTH_TEST_IMAGES
DATA=$T/registry-data
CA=$DATA/keys/ca.crt
CERTS=$T/certs # a certificate folder as podman --cert-dir and skopeo --*-cert-dir want it
SINGLE_MAN=$(fixture_top oci-single)
SINGLE_CFG=$(jq -r .config.digest "$(fixture_blob oci-single "${SINGLE_MAN#sha256:}")")
START_LOG=$T/start.log

# tls_start: berthd --tls auto on 127.0.0.1:0 with $DATA, like registry_start. Sets REG_ADDR, REG_PID,
# REG_LOG (shared with lib.sh's cleanup) and START_LOG (what this start printed).
tls_start() {
    local ready=$T/registry.ready rc mark
    mkdir -p "$DATA"
    REG_LOG=$T/registry.log
    REG_ADDR=
    rm -f "$ready"
    if [ -f "$REG_LOG" ]; then
        echo "---- restart ----" >>"$REG_LOG"
    else
        : >"$REG_LOG"
    fi
    mark=$(wc -l <"$REG_LOG")
    "$BERTHD" --tls auto --listen 127.0.0.1:0 --data "$DATA" --ready-file "$ready" \
        --admin-password-file "$ADMIN_PASSWORD_FILE" >>"$REG_LOG" 2>&1 &
    REG_PID=$!
    for _ in $(seq 200); do
        if ! kill -0 "$REG_PID" 2>/dev/null; then
            wait "$REG_PID" 2>/dev/null && rc=0 || rc=$?
            REG_PID=
            fail "berthd --tls auto exited (code $rc) before it was ready"
        fi
        # Ready once it wrote its address and finished its welcome (printed after the ready file).
        if [ -s "$ready" ] && grep -q 'Press Ctrl+C to stop' <(tail -n +"$((mark + 1))" "$REG_LOG"); then
            REG_ADDR=$(head -n 1 "$ready")
            break
        fi
        sleep 0.1
    done
    [ -n "$REG_ADDR" ] || fail "berthd --tls auto did not become ready within 20 s"
    [[ $REG_ADDR =~ ^127\.0\.0\.1:[1-9][0-9]*$ ]] || fail "berthd reported a strange address: '$REG_ADDR'"
    tail -n +"$((mark + 1))" "$REG_LOG" >"$START_LOG"
    step "berthd (pid $REG_PID) serving HTTPS on $REG_ADDR"
}

step "plain HTTP on a non-loopback address is refused, with the fix in the message"
run_fails "$BERTHD" --listen 0.0.0.0:0 --data "$T/refused"
refusal=$(cat "$T/last.log")
assert_contains "$refusal" "Refusing to serve plain HTTP on 0.0.0.0:0" "berthd names the address it refused"
assert_contains "$refusal" "--tls auto" "the message offers --tls auto"
assert_contains "$refusal" "--tls-cert FILE --tls-key FILE" "the message offers a certificate of one's own"
assert_contains "$refusal" "--allow-plain-http" "the message offers --allow-plain-http"
[ ! -e "$T/refused/berth.db" ] || fail "the refused berthd created its data anyway"

step "first start with --tls auto: a local CA, a server certificate, and how to trust them"
tls_start
R=$REG_ADDR
for f in ca.crt ca.key server.crt server.key; do
    [ -s "$DATA/keys/$f" ] || fail "berthd --tls auto did not write keys/$f"
done
assert_eq 600 "$(stat -c %a "$DATA/keys/ca.key")" "the CA's private key is readable by its owner only"
assert_eq 600 "$(stat -c %a "$DATA/keys/server.key")" "the server's private key is readable by its owner only"
welcome=$(cat "$START_LOG")
assert_contains "$welcome" "https://$R" "the welcome gives the https:// address"
assert_contains "$welcome" "The CA certificate: $CA" "the welcome names ca.crt"
assert_contains "$welcome" "mkdir -p /etc/docker/certs.d/$R && cp $CA /etc/docker/certs.d/$R/ca.crt" \
    "the welcome says how docker trusts it"
assert_contains "$welcome" "/etc/containers/certs.d/$R/ca.crt" "the welcome says how podman and skopeo trust it"
assert_contains "$welcome" "update-ca-certificates" "the welcome says how the system store trusts it"
assert_not_contains "$welcome" "tls-verify=false" "no client is told to turn verification off"
assert_not_contains "$welcome" "--plain-http" "helm is not told to use plain HTTP"
run openssl verify -CAfile "$CA" "$DATA/keys/server.crt"
assert_contains "$(cat "$T/last.log")" "OK" "openssl verifies the server certificate against the CA"
run openssl x509 -in "$DATA/keys/server.crt" -noout -ext subjectAltName
assert_contains "$(cat "$T/last.log")" "IP Address:127.0.0.1" "the certificate names 127.0.0.1"
assert_contains "$(cat "$T/last.log")" "DNS:localhost" "the certificate names localhost"

step "curl trusts it with --cacert; without it, curl fails on the certificate"
assert_eq 200 "$(http_code GET "https://$R/v2/" --cacert "$CA" "${AUTH[@]}")" "GET https://$R/v2/ with --cacert"
assert_eq 401 "$(http_code GET "https://$R/v2/" --cacert "$CA")" "the same without credentials answers 401"
assert_eq 200 "$(http_code GET "https://localhost:${R#*:}/v2/" --cacert "$CA" "${AUTH[@]}" --resolve "localhost:${R#*:}:127.0.0.1")" \
    "the same as https://localhost"
rc=0
curl -sS -o /dev/null "https://$R/v2/" 2>"$T/curl.err" || rc=$?
assert_eq 60 "$rc" "curl without the CA exits 60 (peer certificate cannot be authenticated)"
assert_contains "$(cat "$T/curl.err")" "certificate" "curl's error is about the certificate"
assert_eq 000 "$(http_code GET "http://$R/v2/")" "plain HTTP to the HTTPS port gets no HTTP answer"
assert_eq 200 "$(http_code GET "https://$R/v2/" --cacert "$CA" "${AUTH[@]}")" "and berthd keeps serving HTTPS after it"
run_fails curl -sS --tlsv1.1 --tls-max 1.1 --ciphers 'DEFAULT:@SECLEVEL=0' --cacert "$CA" "https://$R/v2/"
note "curl with TLS 1.1 only: $(head -n 1 "$T/last.log")"

mkdir -p "$CERTS"
cp "$CA" "$CERTS/ca.crt"

step "skopeo login over HTTPS with --cert-dir"
login_with skopeo_ --cert-dir "$CERTS"

step "skopeo copy with --dest-cert-dir (verification on)"
run skopeo_ copy --preserve-digests --dest-cert-dir "$CERTS" "oci:$IMG/oci-single:v1" "docker://$R/tls/single:v1"
run skopeo_ inspect --raw --cert-dir "$CERTS" "docker://$R/tls/single:v1"
cp "$T/last.log" "$T/raw.json"
assert_same_file "$(fixture_blob oci-single "${SINGLE_MAN#sha256:}")" "$T/raw.json" "manifest read back over HTTPS"
run_fails skopeo_ inspect --raw "docker://$R/tls/single:v1"
assert_contains "$(cat "$T/last.log")" "certificate signed by unknown authority" \
    "skopeo without the CA fails on the certificate"

step "podman login, push and pull with --cert-dir (verification on)"
login_with podman_ --cert-dir "$CERTS"
run podman_ load -i "$IMG/docker-archive.tar"
run podman_ tag feas/single:v1 "$R/tls/podman:v1"
run podman_ push --cert-dir "$CERTS" "$R/tls/podman:v1"
run podman_ rmi -f "$R/tls/podman:v1" feas/single:v1
run podman_ pull --cert-dir "$CERTS" "$R/tls/podman:v1"
run podman_ image inspect --format '{{.Id}}' "$R/tls/podman:v1"
assert_eq "${SINGLE_CFG#sha256:}" "$(cat "$T/last.log")" "podman pulled the pushed image over HTTPS"
run_fails podman_ pull "$R/tls/podman:v1"
assert_contains "$(cat "$T/last.log")" "certificate signed by unknown authority" \
    "podman without the CA fails on the certificate"

step "a restart reuses the CA and the certificate"
ca_sum=$(sha256_of "$CA")
cert_sum=$(sha256_of "$DATA/keys/server.crt")
registry_stop
tls_start
R=$REG_ADDR
login_with skopeo_ --cert-dir "$CERTS"
assert_eq "$ca_sum" "$(sha256_of "$CA")" "ca.crt is unchanged"
assert_eq "$cert_sum" "$(sha256_of "$DATA/keys/server.crt")" "server.crt is unchanged"
assert_not_contains "$(cat "$START_LOG")" "made a local certificate authority" "no new CA to trust"
assert_contains "$(cat "$START_LOG")" "comes from the local CA $CA" "the welcome still names the CA"
mkdir -p "$T/out"
run skopeo_ copy --src-cert-dir "$CERTS" "docker://$R/tls/single:v1" "oci:$T/out/single:v1"
assert_same_blobs "$IMG/oci-single" "$T/out/single" "pulled over HTTPS after the restart"
registry_stop
