#!/usr/bin/env bash
# Takes the screenshots shown in the README (docs/screenshots/*.png): builds the console and the
# screenshot tool, makes the test images, and runs the tool under Xvfb (a real X server without a
# screen), so the pictures show the console as it looks on an X11 desktop.
#   scripts/take-screenshots.sh [BUILD_DIR]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}

if ! command -v xvfb-run >/dev/null; then
    sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    echo "Installing xvfb (and fonts) to run the console without a screen"
    "${sudo[@]}" apt-get install -y -q --no-install-recommends xvfb xauth fonts-dejavu-core
fi

make -s configure BUILD_DIR="$build_dir"
cmake --build "$build_dir" --target berth-screenshots
bash scripts/prepare-test-tools.sh "$build_dir"
mkdir -p docs/screenshots
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$build_dir/tests/app/console/screenshots/berth-screenshots" docs/screenshots
echo "Screenshots are in docs/screenshots."
