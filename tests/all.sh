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
    local log="$dir/ctest.log"
    ctest --test-dir "$dir" -j "$jobs" --output-on-failure --timeout 900 2>&1 | tee "$log"
    local p f
    p=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed' "$log")
    f=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* (\*\*\*|Failed|Timeout|Exception|Not Run)' "$log")
    passed=$((passed + p))
    failed=$((failed + f))
}

run_suite plain build -DCMAKE_BUILD_TYPE=RelWithDebInfo
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite sanitized build-asan -DCMAKE_BUILD_TYPE=Debug -DYK_SANITIZE=ON

secs=${YK_FUZZ_SECONDS:-20}
if [ "$secs" != 0 ] && command -v clang >/dev/null; then
    echo "=== fuzz: ${secs}s per target"
    if CC=clang cmake -S . -B build-fuzz -G Ninja -DYK_FUZZ=ON -DYK_TESTS=ON >/dev/null &&
        cmake --build build-fuzz -j "$jobs" --target yk_fuzzers; then
        for f in build-fuzz/tests/fuzz/fuzz_*; do
            [ -x "$f" ] || continue
            name=$(basename "$f")
            corpus=tests/fuzz/corpus/${name#fuzz_}
            work=$(mktemp -d)
            if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 "$work" "$corpus" \
                >"build-fuzz/$name.log" 2>&1; then
                echo "fuzz $name: ok ($(grep -o 'stat::number_of_executed_units: [0-9]*' "build-fuzz/$name.log" | tail -1))"
                passed=$((passed + 1))
            else
                echo "fuzz $name: FAILED"; tail -40 "build-fuzz/$name.log"
                failed=$((failed + 1))
            fi
            rm -rf "$work"
        done
    else
        echo "fuzz: build FAILED"
        failed=$((failed + 1))
    fi
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
