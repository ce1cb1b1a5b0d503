#!/usr/bin/env bash
# Volunteer mode against a real hub (yikong-hub on 127.0.0.1, a port the system picks):
#   hub.sh BUILD_DIR OUTDIR
# - hub_pad.txt: a setup code from `kiosk-add` typed on the pad, at 800×480 and 1080×1920;
# - hub_scan.txt: a malformed scan, then a code as a scanner types it (lower case, spaces,
#   l for 1, o for 0);
# - hub_wrong.txt: a code the hub does not know;
# - hub_down.txt: an enrolled kiosk whose hub does not answer, with set-aside records.
# Each run's log must not contain its setup code. Screenshots land in OUTDIR/<run>/.
set -euo pipefail
build=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
hubbin=$build/src/hub/yikong-hub
kiosk=$build/src/app/yikong-kiosk
mt=$build/tests/make_tickets
tmp=$(mktemp -d)
hubpid=
cleanup() {
    if [ -n "$hubpid" ]; then kill "$hubpid" 2>/dev/null || true; wait "$hubpid" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
unset http_proxy HTTP_PROXY all_proxy ALL_PROXY
"$hubbin" --db "$tmp/hub.db" load-sample >/dev/null
"$hubbin" --db "$tmp/hub.db" serve --listen 127.0.0.1 --port 0 --port-file "$tmp/port" \
    >"$tmp/hub.log" 2>&1 &
hubpid=$!
for _ in $(seq 200); do [ -s "$tmp/port" ] && break; sleep 0.05; done
[ -s "$tmp/port" ] || { echo "the hub did not start:" >&2; cat "$tmp/hub.log" >&2; exit 1; }
printf 'hub_url = http://127.0.0.1:%s\n' "$(cat "$tmp/port")" >"$tmp/hub.conf"
# Nothing listens on the discard port.
printf 'hub_url = http://127.0.0.1:9\n' >"$tmp/down.conf"

# Tap lines for a code (sed replacement text: lines joined by \n).
taps() {
    local c=${1//-/} s="" i
    for ((i = 0; i < ${#c}; i++)); do s+="tap vol.setup.key.${c:i:1}\\n"; done
    printf '%s' "${s%\\n}"
}

# run NAME SCRIPT CODE SIZE CONF [env...]: one headless kiosk; its log must not hold CODE.
run() {
    local name=$1 script=$2 code=$3 size=$4 conf=$5
    shift 5
    local c=${code//-/}
    {
        printf 's|@SETUP_TAPS_BUT_LAST@|%s|\n' "$(taps "${c:0:15}")"
        printf 's|@SETUP_TAP_LAST@|tap vol.setup.key.%s|\n' "${c:15:1}"
        printf 's|@SETUP_TAPS_WRONG@|%s|\n' "$(taps ABCDEFGHJKMNPQRS)"
        printf 's|@SETUP_CODE@|%s|\n' "$code"
        printf 's|@SETUP_SCANNED@|%s|\n' \
            "$(printf '%s' "$code" | tr 'A-Z' 'a-z' | tr '1' 'l' | tr '0' 'o' | tr '-' ' ')"
    } >"$tmp/$name.sed"
    if ! env VUI_VARS="$tmp/$name.sed" YK_LOG=info "$@" "$here/run.sh" "$mt" "$kiosk" \
        "$here/scripts/$script" "$out/$name" --now 2026-12-12T09:40:00+08:00 --size "$size" \
        --config "$conf" >"$tmp/$name.log" 2>&1; then
        echo "--- $name ($script at $size) failed:" >&2
        grep -v '^yikong info' "$tmp/$name.log" >&2 || true
        exit 1
    fi
    if [ -n "$c" ] && grep -qi -e "$code" -e "$c" "$tmp/$name.log"; then
        echo "--- $name: the setup code is in the log" >&2
        exit 1
    fi
    echo "$name: ok"
}

code() { "$hubbin" --db "$tmp/hub.db" kiosk-add "$1"; }

run pad_800x480 hub_pad.txt "$(code station-1)" 800x480 "$tmp/hub.conf"
run pad_1080x1920 hub_pad.txt "$(code station-1)" 1080x1920 "$tmp/hub.conf"
run scan hub_scan.txt "$(code station-2)" 1080x1920 "$tmp/hub.conf"
run wrong hub_wrong.txt "" 800x480 "$tmp/hub.conf"
cat >"$tmp/down_prep.sh" <<PREP
#!/bin/sh
set -e
"$build/tests/seed_rejects" "\$1" 0
printf '%s' 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef >"\$1/hub-token"
chmod 600 "\$1/hub-token"
PREP
chmod +x "$tmp/down_prep.sh"
for size in 800x480 1080x1920; do
    run "down_$size" hub_down.txt "" "$size" "$tmp/down.conf" VUI_PREP="$tmp/down_prep.sh"
done
