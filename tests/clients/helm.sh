#!/usr/bin/env bash
# helm v3 (from scripts/prepare-test-tools.sh) against the registry: push a packaged chart, pull
# it back byte-identical, and read a chart artifact that skopeo copied in.
. "$(dirname "$0")/lib.sh"
need_tool skopeo curl jq
need_fixture helm-chart feas-chart-0.1.0.tgz
HELM=$BERTH_TEST_TOOLS/helm
[ -x "$HELM" ] ||
    fail "helm is missing at $HELM. Run 'make test' (or bash scripts/prepare-test-tools.sh BUILD_DIR), which fetches it."
IMG=$BERTH_TEST_IMAGES

registry_start
R=$REG_ADDR
login_with helm --insecure
note "$("$HELM" version --short)"

step "helm create, package, push"
mkdir -p "$T/charts" "$T/pulled"
run "$HELM" create "$T/charts/demo"
run "$HELM" package "$T/charts/demo" -d "$T/charts"
[ -f "$T/charts/demo-0.1.0.tgz" ] || fail "helm package made no demo-0.1.0.tgz: $(ls "$T/charts")"
run "$HELM" push "$T/charts/demo-0.1.0.tgz" "oci://$R/charts" --plain-http
pushed=$(sed -n 's/^Digest: \(sha256:[0-9a-f]*\)$/\1/p' "$T/last.log")
[ -n "$pushed" ] || fail "helm push printed no digest: $(cat "$T/last.log")"
curl -s "${AUTH[@]}" -o "$T/manifest.json" -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    "$REG_URL/v2/charts/demo/manifests/0.1.0"
assert_eq "$pushed" "sha256:$(sha256_of "$T/manifest.json")" "registry serves the manifest helm pushed"
assert_eq false "$(jq 'has("mediaType")' "$T/manifest.json")" "helm's manifest has no mediaType (accepted anyway)"
assert_eq application/vnd.cncf.helm.config.v1+json "$(jq -r .config.mediaType "$T/manifest.json")" \
    "config is the helm config type"
ct=$(curl -s "${AUTH[@]}" -o /dev/null -w '%{content_type}' -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    "$REG_URL/v2/charts/demo/manifests/0.1.0")
assert_eq application/vnd.oci.image.manifest.v1+json "$ct" "served with the OCI manifest Content-Type"

step "helm pull it back, byte for byte"
run "$HELM" pull "oci://$R/charts/demo" --version 0.1.0 --plain-http -d "$T/pulled"
assert_same_file "$T/charts/demo-0.1.0.tgz" "$T/pulled/demo-0.1.0.tgz" "pulled chart .tgz equals the pushed one"
run "$HELM" show chart "oci://$R/charts/demo" --version 0.1.0 --plain-http
assert_contains "$(cat "$T/last.log")" "name: demo" "helm show chart reads the pushed chart"

step "helm show chart of the fixture chart copied in with skopeo"
run skopeo_ copy --preserve-digests --dest-tls-verify=false "${DEST_CREDS[@]}" "oci:$IMG/helm-chart:0.1.0" "docker://$R/feas-chart:0.1.0"
run "$HELM" show chart "oci://$R/feas-chart" --version 0.1.0 --plain-http
out=$(cat "$T/last.log")
assert_contains "$out" "name: feas-chart" "chart name read from the artifact"
assert_contains "$out" "appVersion: 1.0.0" "chart appVersion read from the artifact"
run "$HELM" pull "oci://$R/feas-chart" --version 0.1.0 --plain-http -d "$T/pulled"
assert_same_file "$IMG/feas-chart-0.1.0.tgz" "$T/pulled/feas-chart-0.1.0.tgz" "fixture chart pulled back byte-identical"

step "the fixture chart's manifest without mediaType, PUT by hand, read by helm"
run skopeo_ copy --preserve-digests --dest-tls-verify=false "${DEST_CREDS[@]}" "oci:$IMG/helm-chart:0.1.0" "docker://$R/nomt/feas-chart:0.1.0"
fixture_man=$(fixture_blob helm-chart "$(fixture_top helm-chart | cut -d: -f2)")
jq -c 'del(.mediaType)' "$fixture_man" | tr -d '\n' >"$T/nomt.json"
code=$(curl -s "${AUTH[@]}" -o "$T/put.out" -w '%{http_code}' -X PUT -H "Content-Type: application/vnd.oci.image.manifest.v1+json" \
    --data-binary "@$T/nomt.json" "$REG_URL/v2/nomt/feas-chart/manifests/0.1.0") || true
assert_eq 201 "$code" "PUT of a manifest without mediaType answers 201"
curl -s "${AUTH[@]}" -o "$T/got.json" -H "Accept: application/vnd.oci.image.manifest.v1+json" "$REG_URL/v2/nomt/feas-chart/manifests/0.1.0"
assert_same_file "$T/nomt.json" "$T/got.json" "the registry returns those exact bytes"
run "$HELM" show chart "oci://$R/nomt/feas-chart" --version 0.1.0 --plain-http
assert_contains "$(cat "$T/last.log")" "name: feas-chart" "helm reads the chart through it"

registry_stop
