#!/usr/bin/env bash
# A cancelled event (events.cancelled_utc set, as the hub sends it): listed and marked 活动已取消
# / Cancelled, with no sign-up button on its page.
#   cancelled.sh MAKE_EVENTS KIOSK OUTDIR [kiosk options...]
set -euo pipefail
make_events=$1 kiosk=$2 out=$3
shift 3
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$make_events" "$data" 0 >/dev/null
sqlite3 "$data/kiosk.db" "UPDATE events SET cancelled_utc = 1796000000 WHERE id = 'srd-2026-12'"
"$kiosk" --headless --data-dir "$data" --script - "$@" <<SCRIPT
tap home.events
swipe-until events.item.srd-2026-12 events.list
expect-text 活动已取消
shot $out/list.png
tap events.item.srd-2026-12
expect-id event.seats
expect-text 活动已取消
expect-no-text 我要报名
check-layout
shot $out/event.png
tap nav.lang
expect-text Cancelled
expect-no-text Sign up
SCRIPT
