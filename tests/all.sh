#!/usr/bin/env bash
# Runs every test: installs what is missing, then builds and runs the whole suite twice,
# plainly (build/) and under AddressSanitizer + UBSan (build-asan/), and, when clang's
# libFuzzer is available, runs each fuzzer briefly on its corpus (build-fuzz/).
# YK_FUZZ_SECONDS (default 20) sets how long each fuzzer runs; 0 skips the fuzz runs.
set -uo pipefail
cd "$(dirname "$0")/.."
. tests/sh/deps.sh
yk_deps test || { echo "could not install the test packages"; exit 1; }

jobs=$(nproc)
passed=0
failed=0
run_suite() { # name builddir cmake-args...
    local name=$1 dir=$2
    shift 2
    echo "=== $name: configure and build ($dir)"
    cmake -S . -B "$dir" -G Ninja "$@" >/dev/null || { failed=$((failed + 1)); return; }
    if ! cmake --build "$dir" -j "$jobs"; then
        echo "=== $name: BUILD FAILED"
        failed=$((failed + 1))
        return
    fi
    echo "=== $name: tests"
    ctest --test-dir "$dir" -j "$jobs" --output-on-failure --timeout 900 2>&1 | tee "$dir/ctest.log"
    count_log "$dir/ctest.log" "${PIPESTATUS[0]}"
}
count_log() { # ctest-log exit-status: adds the log's passed and failed tests to the totals
    local log=$1 rc=$2 p f
    p=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed' "$log")
    f=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .*(\*\*\*|Failed|Timeout|Exception|Not Run)' "$log")
    # Whatever the counting says, a failing ctest is a failure.
    [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
    passed=$((passed + p))
    failed=$((failed + f))
}

run_suite plain build -DCMAKE_BUILD_TYPE=RelWithDebInfo
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite sanitized build-asan -DCMAKE_BUILD_TYPE=Debug -DYK_SANITIZE=ON

# arm64: the packages (kiosk-image/build-debs.sh) and their binaries' unit and headless UI
# tests under qemu-aarch64 (tests/image/README.md).
echo "=== arm64: packages, then tests under qemu-aarch64"
mkdir -p build-deb-arm64
bash tests/image/arm64.sh 2>&1 | tee build-deb-arm64/arm64.log
count_log build-deb-arm64/arm64.log "${PIPESTATUS[0]}"

# The terminal image (kiosk-image/build-image.sh, needs root) booted in QEMU and driven from
# outside (tests/image/boot.sh). The root file system is cached in /var/cache/yikong-build:
# the first run on a machine builds it (mmdebstrap under qemu-user). YK_IMAGE=0 skips the
# stage; YK_IMAGE=short boots once (no SIGKILL / power-cut / second boot).
if [ "${YK_IMAGE:-full}" = 0 ]; then
    echo "=== image: skipped (YK_IMAGE=0)"
else
    sudo=
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "=== image: build (raw, no xz), then boot it in QEMU"
    mkdir -p build-image
    # The steps and their times as they end (the whole output: build-image/build.log).
    $sudo bash kiosk-image/build-image.sh --no-xz 2>&1 | tee build-image/build.log |
        grep --line-buffered -E '^(===|---|image:|size:|build time:)'
    if [ "${PIPESTATUS[0]}" = 0 ]; then
        mode=--full
        [ "${YK_IMAGE:-full}" = short ] && mode=
        $sudo bash tests/image/boot.sh $mode 2>&1 | tee build-image/boot.log
        rc=${PIPESTATUS[0]}
        passed=$((passed + $(grep -c '^ok:' build-image/boot.log)))
        failed=$((failed + $(grep -c '^FAIL:' build-image/boot.log)))
        [ "$rc" != 0 ] && ! grep -q '^FAIL:' build-image/boot.log && failed=$((failed + 1))
    else
        tail -30 build-image/build.log
        echo "=== image: BUILD FAILED"
        failed=$((failed + 1))
    fi
fi

# libFuzzer: each target runs for 10 s from its seed corpus (the *_smoke tests).
if [ "${YK_FUZZ:-1}" != 0 ] && command -v clang >/dev/null; then
    echo "=== fuzz: build (clang, libFuzzer) and run each target briefly"
    if CC=clang cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DYK_FUZZ=ON \
        >/dev/null && cmake --build build-fuzz -j "$jobs" --target yk_fuzzers; then
        log=build-fuzz/ctest.log
        ctest --test-dir build-fuzz -R '^fuzz_.*_smoke$' --output-on-failure 2>&1 | tee "$log"
        rc=${PIPESTATUS[0]}
        p=$(grep -cE 'Test +#[0-9]+: .* Passed' "$log")
        f=$(grep -cE 'Test +#[0-9]+: .*(\*\*\*|Failed|Timeout|Exception|Not Run)' "$log")
        [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
        passed=$((passed + p))
        failed=$((failed + f))
    else
        echo "=== fuzz: BUILD FAILED"
        failed=$((failed + 1))
    fi
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
