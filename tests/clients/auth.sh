#!/usr/bin/env bash
# Signing in and access control with real clients: docker login, a read-only user through skopeo
# and podman, anonymous pulls of private and public repositories, an auth token that stops working
# once revoked, JWTs from the token endpoint, and the throttle on repeated wrong passwords.
# Users, groups, policies and the public flag are set up through /api/v1 with curl, as an
# administrator would.
. "$(dirname "$0")/lib.sh"
need_tool skopeo podman curl jq
need_fixture docker-archive.tar oci-single

if ! is_berthd; then
    step "skipped: the reference registry runs without users, policies or tokens; nothing to compare"
    exit 0
fi

IMG=$BERTH_TEST_IMAGES
SINGLE_MAN=$(fixture_top oci-single)
SINGLE_CFG=$(jq -r .config.digest "$(fixture_blob oci-single "${SINGLE_MAN#sha256:}")")
READER=reader
READER_PASSWORD=reader-password-2024
TLS=(--src-tls-verify=false --dest-tls-verify=false)

# api AS METHOD PATH [JSON]: a management API call as AS ("user:password"); the body goes to
# $T/api.json, the status is printed.
api() {
    local as=$1 m=$2 p=$3 body=${4:-}
    local args=(-u "$as")
    [ -z "$body" ] || args+=(-H "Content-Type: application/json" --data-binary "$body")
    curl -s -o "$T/api.json" -w '%{http_code}' -X "$m" "${args[@]}" "$REG_URL/api/v1$p" || true
}
ADMIN="$REG_USER:$REG_PASSWORD"
# header FILE NAME: value of a response header (case-insensitive), last one wins
header() { tr -d '\r' <"$1" | awk -v n="$(echo "$2" | tr '[:upper:]' '[:lower:]')" -F': ' 'tolower($1) == n { v = $2 } END { print v }'; }
lower() { tr '[:upper:]' '[:lower:]' <"$1"; }

mkdir -p "$T/out"
docker_start
registry_start
R=$REG_ADDR

# ---- docker login, push, pull ----------------------------------------------------------------
step "docker: a push before signing in is refused"
run docker load -i "$IMG/docker-archive.tar"
run docker image inspect --format '{{.Id}}' feas/single:v1
loaded_id=$(cat "$T/last.log")
assert_eq "$SINGLE_CFG" "$loaded_id" "loaded image id is the fixture's config digest"
run docker tag feas/single:v1 "$R/auth/private:v1"
run_fails docker push "$R/auth/private:v1"
note "docker said: $(tail -n 1 "$T/last.log")"
assert_contains "$(lower "$T/last.log")" "unauthorized: sign in to push" "docker push without login is unauthorized and says to sign in"

step "docker login -u admin --password-stdin, then push, remove, pull back"
login_with docker
assert_eq true "$(jq --arg r "$R" '.auths | has($r)' "$DOCKER_CONFIG/config.json")" \
    "docker stored the credentials for $R in the test's DOCKER_CONFIG"
run docker push "$R/auth/private:v1"
pushed_digest=$(sed -n 's/.*digest: \(sha256:[0-9a-f]\{64\}\).*/\1/p' "$T/last.log")
[ -n "$pushed_digest" ] || fail "docker push printed no digest: $(cat "$T/last.log")"
note "pushed $R/auth/private:v1 as $pushed_digest"
run docker rmi "$R/auth/private:v1" feas/single:v1
run docker images -q
assert_eq "" "$(cat "$T/last.log")" "no images left locally"
run docker pull "$R/auth/private:v1"
run docker image inspect --format '{{.Id}}' "$R/auth/private:v1"
assert_eq "$loaded_id" "$(cat "$T/last.log")" "pulled image id equals the pushed one"
run docker logout "$R"

# ---- a read-only group -----------------------------------------------------------------------
step "through /api/v1 as admin: group readers, user reader in it, policy 'read repos in tenancy'"
assert_eq 201 "$(api "$ADMIN" POST /groups '{"name": "readers", "description": "may pull everything"}')" \
    "POST /api/v1/groups creates readers"
assert_eq 201 "$(api "$ADMIN" POST /users "{\"name\": \"$READER\", \"password\": \"$READER_PASSWORD\"}")" \
    "POST /api/v1/users creates reader with a password"
code=$(api "$ADMIN" PUT "/groups/readers/members/$READER")
assert_eq 2 "${code:0:1}" "PUT /api/v1/groups/readers/members/reader succeeds (answered $code)"
assert_eq 201 "$(api "$ADMIN" POST /policies \
    '{"name": "readers-read", "statements": "Allow group readers to read repos in tenancy"}')" \
    "POST /api/v1/policies attaches the policy to the tenancy"
assert_eq 200 "$(api "$READER:$READER_PASSWORD" GET /users/me)" "reader signs in to the API"
assert_eq "$READER" "$(jq -r .name "$T/api.json")" "/api/v1/users/me names reader"
assert_eq 403 "$(api "$READER:$READER_PASSWORD" GET /users)" "reader is not an administrator (403)"

step "skopeo copy as reader out of the registry"
run skopeo_ copy --preserve-digests "${TLS[@]}" --src-creds "$READER:$READER_PASSWORD" \
    "docker://$R/auth/private:v1" "dir:$T/out/reader-pull"
assert_eq "$SINGLE_CFG" "$(jq -r .config.digest "$T/out/reader-pull/manifest.json")" \
    "reader pulled the image docker pushed"
assert_eq "$pushed_digest" "sha256:$(sha256_of "$T/out/reader-pull/manifest.json")" "with the pushed manifest's digest"

step "a push as reader is denied, and the client says so"
run_fails skopeo_ copy "${TLS[@]}" --dest-creds "$READER:$READER_PASSWORD" \
    "oci:$IMG/oci-single:v1" "docker://$R/auth/private:by-reader"
note "skopeo said: $(tail -n 1 "$T/last.log")"
assert_contains "$(lower "$T/last.log")" "denied" "skopeo's error names the denial (existing repository)"
run_fails skopeo_ copy "${TLS[@]}" --dest-creds "$READER:$READER_PASSWORD" \
    "oci:$IMG/oci-single:v1" "docker://$R/auth/new-by-reader:v1"
note "skopeo said: $(tail -n 1 "$T/last.log")"
assert_contains "$(lower "$T/last.log")" "denied" "skopeo's error names the denial (new repository)"
assert_eq 404 "$(http_code GET "$REG_URL/v2/auth/private/manifests/by-reader" "${AUTH[@]}" "${ACCEPT_ALL_MANIFESTS[@]}")" \
    "the denied tag does not exist"
assert_eq 404 "$(api "$ADMIN" GET /repositories/auth/new-by-reader)" "the denied repository was not created"

step "podman login as reader, pull works, push is denied"
run podman_ login --tls-verify=false -u "$READER" --password-stdin "$R" <<<"$READER_PASSWORD"
assert_contains "$(cat "$T/last.log")" "Login Succeeded" "podman login as reader succeeds"
run podman_ pull --tls-verify=false "$R/auth/private:v1"
run podman_ image inspect --format '{{.Id}}' "$R/auth/private:v1"
assert_eq "${SINGLE_CFG#sha256:}" "$(cat "$T/last.log")" "podman pulled the image as reader"
run podman_ tag "$R/auth/private:v1" "$R/auth/private:podman-by-reader"
run_fails podman_ push --tls-verify=false "$R/auth/private:podman-by-reader"
note "podman said: $(tail -n 1 "$T/last.log")"
assert_contains "$(lower "$T/last.log")" "denied" "podman's push error names the denial"
run podman_ logout "$R"

# ---- anonymous and public --------------------------------------------------------------------
step "anonymous pull of a private repository fails with an authentication error"
run_fails skopeo_ copy "${TLS[@]}" --src-no-creds "docker://$R/auth/private:v1" "dir:$T/out/anon-private"
note "skopeo said: $(tail -n 1 "$T/last.log")"
assert_contains "$(lower "$T/last.log")" "unauthorized: sign in to pull" "skopeo reports unauthorized, with the advice to sign in"
code=$(curl -s -D "$T/h.txt" -o "$T/body.json" -w '%{http_code}' "${ACCEPT_ALL_MANIFESTS[@]}" \
    "$REG_URL/v2/auth/private/manifests/v1") || true
assert_eq 401 "$code" "anonymous GET of the manifest answers 401"
assert_contains "$(header "$T/h.txt" WWW-Authenticate)" 'scope="repository:auth/private:pull"' \
    "the challenge names the repository and pull scope"
assert_eq UNAUTHORIZED "$(jq -r '.errors[0].code' "$T/body.json")" "the error code is UNAUTHORIZED"

step "PATCH /api/v1/repositories/auth/private {\"public\": true}: anonymous pulls work"
assert_eq 403 "$(api "$READER:$READER_PASSWORD" PATCH /repositories/auth/private '{"public": true}')" \
    "reader may not make it public (403)"
assert_eq 200 "$(api "$ADMIN" PATCH /repositories/auth/private '{"public": true}')" "admin makes it public"
assert_eq true "$(jq .public "$T/api.json")" "the repository is public now"
run skopeo_ copy --preserve-digests "${TLS[@]}" --src-no-creds "docker://$R/auth/private:v1" "dir:$T/out/anon-public"
assert_eq "$pushed_digest" "sha256:$(sha256_of "$T/out/anon-public/manifest.json")" \
    "anonymous skopeo copy gets the pushed manifest"
assert_same_blobs "$T/out/reader-pull" "$T/out/anon-public" "anonymous pull has the same blobs"
run_fails skopeo_ copy "${TLS[@]}" --dest-no-creds "oci:$IMG/oci-single:v1" "docker://$R/auth/private:anon-push"
note "skopeo said: $(tail -n 1 "$T/last.log")"
assert_contains "$(lower "$T/last.log")" "unauthorized" "an anonymous push to a public repository still needs sign-in"

# ---- auth tokens -----------------------------------------------------------------------------
step "an auth token for reader: shown once, works with skopeo, stops working when revoked"
assert_eq 201 "$(api "$READER:$READER_PASSWORD" POST "/users/$READER/auth-tokens" '{"description": "ci"}')" \
    "reader creates an auth token"
TOKEN_SECRET=$(jq -r '.secret // empty' "$T/api.json")
TOKEN_ID=$(jq -r '.id // empty' "$T/api.json")
{ [ -n "$TOKEN_SECRET" ] && [ -n "$TOKEN_ID" ]; } || fail "the new auth token has no secret or id: $(cat "$T/api.json")"
note "token $TOKEN_ID (secret of ${#TOKEN_SECRET} characters)"
assert_eq 200 "$(api "$READER:$READER_PASSWORD" GET "/users/$READER/auth-tokens")" "reader lists their tokens"
assert_eq "1 false" "$(jq -r '"\(.items | length) \(any(.items[]; has("secret")))"' "$T/api.json")" \
    "the list shows the token without its secret"
assert_not_contains "$(cat "$T/api.json")" "$TOKEN_SECRET" "the secret is not shown again"
# auth/other is private: only a signed-in reader can inspect it.
run skopeo_ copy --preserve-digests "${TLS[@]}" "${DEST_CREDS[@]}" "oci:$IMG/oci-single:v1" "docker://$R/auth/other:v1"
run skopeo_ inspect --tls-verify=false --creds "$READER:$TOKEN_SECRET" --format '{{.Digest}}' "docker://$R/auth/other:v1"
assert_eq "$SINGLE_MAN" "$(cat "$T/last.log")" "skopeo inspect --creds reader:<token> works"
assert_eq 200 "$(http_code GET "$REG_URL/v2/" -u "$READER:$TOKEN_SECRET")" "curl -u reader:<token> on /v2/ answers 200"
assert_eq 204 "$(api "$READER:$READER_PASSWORD" DELETE "/users/$READER/auth-tokens/$TOKEN_ID")" "reader revokes it"
run_fails skopeo_ inspect --tls-verify=false --creds "$READER:$TOKEN_SECRET" --format '{{.Digest}}' \
    "docker://$R/auth/other:v1"
note "skopeo said: $(tail -n 1 "$T/last.log")"
assert_contains "$(lower "$T/last.log")" "unauthorized" "skopeo with the revoked token is refused"
run skopeo_ inspect --tls-verify=false --creds "$READER:$READER_PASSWORD" --format '{{.Digest}}' "docker://$R/auth/other:v1"
assert_eq "$SINGLE_MAN" "$(cat "$T/last.log")" "reader's password still works"

# ---- JWTs from the token endpoint ------------------------------------------------------------
step "GET /v2/token with curl -u gives a JWT that works; a garbage Bearer token gets 401"
code=$(curl -s -o "$T/token.json" -w '%{http_code}' "${AUTH[@]}" \
    "$REG_URL/v2/token?service=berth&scope=repository:auth/other:pull") || true
assert_eq 200 "$code" "GET /v2/token?service=berth&scope=repository:auth/other:pull answers 200"
JWT=$(jq -r '.token // .access_token // empty' "$T/token.json")
[ -n "$JWT" ] || fail "the token endpoint answered no token: $(cat "$T/token.json")"
assert_eq 3 "$(echo "$JWT" | awk -F. '{ print NF }')" "the token is a JWT (three dot-separated parts)"
note "expires_in: $(jq -r '.expires_in // "none"' "$T/token.json")"
assert_eq 200 "$(http_code GET "$REG_URL/v2/auth/other/manifests/v1" -H "Authorization: Bearer $JWT" "${ACCEPT_ALL_MANIFESTS[@]}")" \
    "GET of the manifest with the JWT answers 200"
assert_eq 401 "$(http_code GET "$REG_URL/v2/auth/private2/manifests/v1" -H "Authorization: Bearer $JWT" "${ACCEPT_ALL_MANIFESTS[@]}")" \
    "the same JWT does not reach a repository outside its scope (401)"
code=$(curl -s -D "$T/h.txt" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer not.a.token" \
    "${ACCEPT_ALL_MANIFESTS[@]}" "$REG_URL/v2/auth/other/manifests/v1") || true
assert_eq 401 "$code" "a garbage Bearer token answers 401"
assert_contains "$(header "$T/h.txt" WWW-Authenticate)" "Bearer realm=" "with a Bearer challenge"
code=$(curl -s -o "$T/token.json" -w '%{http_code}' -X POST \
    --data-urlencode grant_type=password --data-urlencode service=berth --data-urlencode client_id=berth-tests \
    --data-urlencode "username=$READER" --data-urlencode "password=$READER_PASSWORD" \
    --data-urlencode scope=repository:auth/other:pull "$REG_URL/v2/token") || true
assert_eq 200 "$code" "the OAuth2 POST flow (grant_type=password) answers 200"
JWT=$(jq -r '.access_token // empty' "$T/token.json")
assert_eq 200 "$(http_code GET "$REG_URL/v2/auth/other/manifests/v1" -H "Authorization: Bearer $JWT" "${ACCEPT_ALL_MANIFESTS[@]}")" \
    "its access_token works"

# ---- throttling (last: it also holds back this address for a while) --------------------------
step "wrong passwords from curl -u: /v2/ answers 429 with Retry-After (failures count per user and per address: the revoked token above counts too)"
got429=
for i in 1 2 3 4 5 6; do
    code=$(curl -s -D "$T/h.txt" -o "$T/body.json" -w '%{http_code}' -u "$READER:wrong-password-$i" "$REG_URL/v2/") || true
    note "attempt $i with a wrong password: $code"
    if [ "$code" = 429 ]; then
        got429=$i
        break
    fi
    assert_eq 401 "$code" "wrong password $i answers 401"
done
[ -n "$got429" ] || fail "six wrong passwords in a row never answered 429"
retry=$(header "$T/h.txt" Retry-After)
[[ $retry =~ ^[1-9][0-9]*$ ]] || fail "the 429 has no positive Retry-After header (got '$retry')"
CHECKS=$((CHECKS + 1))
note "ok: attempt $got429 answered 429 with Retry-After: $retry"
note "body: $(cat "$T/body.json")"
assert_eq TOOMANYREQUESTS "$(jq -r '.errors[0].code' "$T/body.json")" "the /v2 error code is the distribution spec's TOOMANYREQUESTS"

registry_stop
docker_stop
