#!/usr/bin/env bash
# Outside --headless the kiosk refuses SDL's offscreen and dummy drivers (issue 11, item
# 12): with no display it must exit non-zero at once with a bilingual message naming the
# driver, not "run" with nothing on any screen.
#   refuse_offscreen.sh KIOSK
set -uo pipefail
kiosk=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# Without a DRM device SDL tries x11, wayland, kmsdrm, then falls back to offscreen.
if ls /dev/dri/card* >/dev/null 2>&1; then
    echo "skip: this machine has a DRM device (kmsdrm would be picked)"
    exit 77
fi
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER XDG_RUNTIME_DIR="$tmp" YK_LOG=quiet \
    timeout 60 "$kiosk" --window 800x480 --data-dir "$tmp/data" >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
if [ "$rc" = 124 ]; then
    echo "FAIL: the kiosk kept running with no display (killed after 60 s)"; fail=1
elif [ "$rc" = 0 ]; then
    echo "FAIL: exit status 0 with no display"; fail=1
fi
grep -q "没有可用的显示器" "$tmp/out" || { echo "FAIL: no Chinese message"; fail=1; }
grep -q "No display: SDL found only its 'offscreen' driver" "$tmp/out" ||
    { echo "FAIL: no English message naming the offscreen driver"; fail=1; }
# --headless is the one way to run without a screen.
echo "expect-id screen.home" | env -u DISPLAY -u SDL_VIDEODRIVER YK_LOG=quiet timeout 120 \
    "$kiosk" --headless --size 800x480 --data-dir "$tmp/data2" --script - ||
    { echo "FAIL: --headless does not run"; fail=1; }
[ "$fail" = 0 ] && echo "ok"
exit $fail
