#!/usr/bin/env bash
# Licence-gated pulls and the portal, end to end with real skopeo and real headless Chromium (Debian's
# chromium driven by playwright-core): the administrator pushes an image with skopeo, sets a licence
# (PUT /api/v1/repositories/{name}/licence) and makes a user; the user's skopeo pull fails with the
# registry's licence message (where to accept it); in the browser the user signs in, opens the
# repository and its licence and clicks Continue; the same pull then works. A second licence version
# blocks the pull again until it is accepted in the browser too. The browser part also checks the
# session cookie's flags, that a 360 px window has no horizontal scroll, and saves screenshots into
# BUILD/test-output/portal.
#
# Chromium (install-deps.sh test) and playwright-core (prepare-test-tools.sh) come with `make test`;
# when they are missing the script tries to get them, and skips (exit 77) only if that fails.

# ---- the browser and playwright-core, before anything starts ----------------------------------
REPO_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
PLAYWRIGHT_HOME=${BERTH_TEST_TOOLS:-${BERTH_BUILD_DIR:-}/test-tools}
have_browser() { [ -x "$CHROMIUM" ] && [ -f "$PLAYWRIGHT_HOME/node_modules/playwright-core/package.json" ] &&
    command -v node >/dev/null; }
if ! have_browser; then
    echo "portal: chromium ($CHROMIUM) or playwright-core ($PLAYWRIGHT_HOME/node_modules) is missing; trying to get them"
    if [ ! -x "$CHROMIUM" ] && { [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; }; then
        bash "$REPO_ROOT/scripts/install-deps.sh" test || true
    fi
    if [ -n "${BERTH_BUILD_DIR:-}" ] && command -v npm >/dev/null; then
        bash "$REPO_ROOT/scripts/prepare-test-tools.sh" "$BERTH_BUILD_DIR" || true
    fi
    if ! have_browser; then
        echo "SKIPPED: portal: needs $CHROMIUM (apt-get install chromium, or 'bash scripts/install-deps.sh test'), node," \
            "and playwright-core in $PLAYWRIGHT_HOME/node_modules ('bash scripts/prepare-test-tools.sh BUILD_DIR');" \
            "they could not be installed here" >&2
        exit 77
    fi
fi

. "$(dirname "$0")/lib.sh"
need_tool skopeo curl jq node
need_fixture oci-single
is_berthd || { note "the reference registry has no licences or portal: nothing to check"; exit 0; }

IMG=$BERTH_TEST_IMAGES
SHOTS=${BERTH_BUILD_DIR:-$T}/test-output/portal
mkdir -p "$SHOTS"
USER_NAME=licensee
USER_PASSWORD=licensee-password-2024
REPO=lic/app

registry_start
R=$REG_ADDR
ADMIN="$REG_USER:$REG_PASSWORD"
# api AS METHOD PATH [JSON]: a management API call; the body goes to $T/api.json, the status is printed.
api() {
    local as=$1 m=$2 p=$3 body=${4:-}
    local args=(-u "$as")
    [ -z "$body" ] || args+=(-H "Content-Type: application/json" --data-binary "$body")
    curl -s -o "$T/api.json" -w '%{http_code}' -X "$m" "${args[@]}" "$REG_URL/api/v1$p" || true
}
licence() { # VERSION TEXT
    jq -nc --arg v "$1" --arg t "$2" '{title: "Example Licence", version: $v, format: "markdown", text: $t}'
}
pull() { skopeo_ copy --src-tls-verify=false --src-creds "$USER_NAME:$USER_PASSWORD" "docker://$R/$REPO:v1" "oci:$T/pulled:v1"; }
browser() { # VERSION
    local started=$SECONDS
    run env PORTAL_URL="$REG_URL" PORTAL_USER="$USER_NAME" PORTAL_PASSWORD="$USER_PASSWORD" PORTAL_REPOSITORY="$REPO" \
        PORTAL_VERSION="$1" PORTAL_SHOTS="$SHOTS" PLAYWRIGHT_HOME="$PLAYWRIGHT_HOME" CHROMIUM="$CHROMIUM" \
        node "$(dirname "$0")/portal/accept-licence.mjs"
    sed 's/^/   browser: /' "$T/last.log"
    CHECKS=$((CHECKS + $(grep -c '^ok: ' "$T/last.log")))
    note "the browser part took $((SECONDS - started)) s"
}

step "the administrator pushes $REPO with skopeo, makes it public, sets a licence and a user"
run skopeo_ copy --dest-tls-verify=false "${DEST_CREDS[@]}" "oci:$IMG/oci-single:v1" "docker://$R/$REPO:v1"
assert_eq 200 "$(api "$ADMIN" PATCH "/repositories/$REPO" '{"public": true, "description": "An image <b>for</b> the licence test"}')" \
    "PATCH /api/v1/repositories/$REPO makes it public with a description"
assert_eq 200 "$(api "$ADMIN" PUT "/repositories/$REPO/licence" "$(licence 1 $'# Example terms\n\nVersion **one**: use it kindly.')")" \
    "PUT /api/v1/repositories/$REPO/licence publishes version 1"
assert_eq 201 "$(api "$ADMIN" POST /users "{\"name\": \"$USER_NAME\", \"password\": \"$USER_PASSWORD\"}")" \
    "POST /api/v1/users makes $USER_NAME"

step "$USER_NAME's skopeo pull fails with the licence message"
run_fails pull
note "skopeo said: $(grep -o 'denied:.*' "$T/last.log" | head -n 1)"
assert_contains "$(sed 's/\\"/"/g' "$T/last.log")" "needs the licence \"Example Licence\" (version 1) accepted first" "skopeo shows the licence and its version"
assert_contains "$(cat "$T/last.log")" "$REG_URL/portal/repositories/$REPO/licence" "and where to accept it"

step "in Chromium: sign in, open $REPO, open the licence, Continue"
browser 1

step "the same pull works now"
run pull
assert_eq 200 "$(api "$USER_NAME:$USER_PASSWORD" GET "/repositories/$REPO/licence")" "GET the licence as $USER_NAME"
assert_eq true "$(jq -r .accepted "$T/api.json")" "the API says $USER_NAME accepted it"
assert_eq 200 "$(api "$ADMIN" GET "/licence-acceptances?repository=$REPO")" "the acceptance report"
assert_eq portal "$(jq -r '[.. | objects | select(has("channel"))][0].channel' "$T/api.json")" "the acceptance came through the portal"

step "version 2 of the licence blocks the pull again"
assert_eq 200 "$(api "$ADMIN" PUT "/repositories/$REPO/licence" "$(licence 2 $'# Example terms\n\nVersion **two**: use it kindly, and say so.')")" \
    "PUT /api/v1/repositories/$REPO/licence publishes version 2"
run_fails pull
assert_contains "$(sed 's/\\"/"/g' "$T/last.log")" "needs the licence \"Example Licence\" (version 2) accepted first" "skopeo names version 2"

step "in Chromium: accept version 2"
browser 2

step "the pull works again"
run pull
note "screenshots: $(cd "$SHOTS" && ls | tr '\n' ' ')"
