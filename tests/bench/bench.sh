#!/usr/bin/env bash
# Kiosk benchmarks: prints figures, asserts nothing.
#   tests/bench/bench.sh [BUILD_DIR] [IDLE_SECONDS]
# Runs yikong-kiosk --bench in a real X11 window (Xvfb, started here when there is no
# DISPLAY) at 800x480 and 1920x1080 on a fresh copy of the sample database, and prints one
# table: start-up to first frame (wall from exec, and CPU), memory at two fixed points of the
# walk (src/app/bench.c: VmRSS after the first frame; VmRSS and its peak VmHWM after the walk,
# before volunteer mode), CPU and wall per full redraw, tap to frame, CPU over the idle period
# on the home screen, confirm-to-ticket for a sign-up and scan-to-result for a check-in (the
# night schedule is off so the time of day does not matter).
set -euo pipefail
build=${1:-build}
idle=${2:-30}
kiosk=$build/src/app/yikong-kiosk
[ -x "$kiosk" ] || { echo "build first: $kiosk is missing"; exit 1; }
xvfb_pid=""
if [ -z "${DISPLAY:-}" ]; then
    export DISPLAY=:97
    Xvfb "$DISPLAY" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done 2>/dev/null || sleep 1
fi
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$tmp"; }
tmp=$(mktemp -d)
trap cleanup EXIT

echo "machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "renderer: SDL software renderer under Xvfb (X11); idle measured over ${idle} s"
printf '%-10s %9s %9s %9s %9s %9s %11s %11s %8s %11s %9s %8s\n' size first_ms first_cpu \
    rss_start rss_walk hwm_walk redraw_cpu redraw_wall tap_ms idle_core% ticket_ms scan_ms
for size in 800x480 1920x1080; do
    data=$tmp/$size
    # The database is created on the first start; measure the second (the usual case).
    "$kiosk" --window "$size" --data-dir "$data" --bench --bench-idle 0 --night-mode off >/dev/null 2>&1 || true
    YK_BENCH_T0_NS=$(date +%s%N) YK_LOG=quiet SDL_RENDER_DRIVER=software \
        "$kiosk" --window "$size" --data-dir "$data" --bench --bench-idle "$idle" --night-mode off >"$tmp/out.json"
    get() { grep "\"metric\":\"$1\"" "$tmp/out.json" | sed -E "s/.*\"$2\":([0-9.-]+).*/\1/"; }
    # MiB of a field of the rss line at one point of the walk (start, walk, pin).
    mib() { grep "\"at\":\"$1\"" "$tmp/out.json" | sed -E "s/.*\"$2\":([0-9-]+).*/\1/" |
        awk '{ printf "%.1f", $1 / 1024 }'; }
    printf '%-10s %9s %9s %9s %9s %9s %11s %11s %8s %11s %9s %8s\n' "$size" "$(get first_frame wall_ms)" \
        "$(get first_frame cpu_ms)" "$(mib start vmrss_kb)" "$(mib walk vmrss_kb)" \
        "$(mib walk vmhwm_kb)" "$(get redraw cpu_ms_per_frame)" "$(get redraw wall_ms_per_frame)" \
        "$(get tap_to_frame median_ms)" "$(get idle core_percent)" \
        "$(get confirm_to_ticket median_ms)" "$(get scan_to_result median_ms)"
done

# The kmsdrm idle path. SDL's dummy driver, like kmsdrm, has no blocking wait (SDL polls every
# millisecond); the kiosk sleeps in poll() on the input devices instead (YK_WAIT=evdev here,
# automatic on kmsdrm). A FIFO stands in for the touch panel.
fifo_dir=$tmp/input
mkdir -p "$fifo_dir"
mkfifo "$fifo_dir/event0"
sleep $((idle + 30)) >"$fifo_dir/event0" &
holder=$!
echo
echo "idle without a blocking wait in SDL (dummy driver, as on kmsdrm), 800x480, ${idle} s:"
for mode in sdl evdev; do
    if [ $mode = evdev ]; then
        out=$(YK_WAIT=evdev YK_INPUT_DIR=$fifo_dir SDL_VIDEODRIVER=dummy YK_LOG=quiet \
            "$kiosk" --window 800x480 --data-dir "$tmp/800x480" --bench --bench-idle "$idle" --night-mode off)
        label="poll() on input devices"
    else
        out=$(SDL_VIDEODRIVER=dummy YK_LOG=quiet \
            "$kiosk" --window 800x480 --data-dir "$tmp/800x480" --bench --bench-idle "$idle" --night-mode off)
        label="SDL_WaitEventTimeout"
    fi
    pct=$(echo "$out" | grep '"metric":"idle"' | sed -E 's/.*"core_percent":([0-9.]+).*/\1/')
    printf '  %-26s %8s %% of a core\n' "$label" "$pct"
done
kill "$holder" 2>/dev/null || true
# The kmsdrm idle path itself: an idle wait's wall time and CPU, input-to-wake latency.
if [ -x "$build/tests/bench_evwait" ]; then
    echo "evwait (poll() on FIFOs standing in for input devices):"
    "$build/tests/bench_evwait" | sed 's/^/  /'
fi
