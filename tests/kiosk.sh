#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk in a window on the sample database.
# Any further arguments go to yikong-kiosk (e.g. --window 720x1280, --lang en).
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/sh/deps.sh
yk_deps build
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target yikong-kiosk
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--window 800x480)
exec ./build/src/app/yikong-kiosk "${args[@]}"
