#!/usr/bin/env bash
# Installs the Debian 12 packages Berth needs that are not installed yet.
#   install-deps.sh build   what building needs
#   install-deps.sh test    what the test suite needs (real clients and servers)
set -euo pipefail

build_pkgs=(cmake ninja-build ccache g++ pkg-config qt6-base-dev qt6-tools-dev qt6-tools-dev-tools
            qt6-l10n-tools qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite libssl-dev libhttp-parser-dev
            libarchive-dev libcmark-dev) # Qt6Charts' CMake package needs Qt6OpenGL's (libqt6opengl6-dev)
test_pkgs=(skopeo podman umoci docker.io containerd runc crun conmon uidmap iproute2 docker-registry
           unzip curl jq zstd openssl chromium) # chromium: the portal's browser test (tests/clients/portal.sh)

case "${1:-build}" in
    build) wanted=("${build_pkgs[@]}") ;;
    test) wanted=("${test_pkgs[@]}") ;;
    *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
# helm for the chart tests and playwright-core for the portal test come from npm; nodesource's nodejs
# already bundles npm.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null; then
    missing+=(npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "Installing missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
