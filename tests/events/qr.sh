#!/usr/bin/env bash
# An event page's QR code, read back from a screenshot with zbarimg, must be the event's
# link_url and at least 25 mm wide on the panel (px_per_mm from the tree's first line).
#   qr.sh KIOSK MAKE_EVENTS OUTDIR [kiosk options...]
set -euo pipefail
kiosk=$1 make_events=$2 out=$3
shift 3
command -v zbarimg >/dev/null || { echo "zbarimg is missing: install zbar-tools" >&2; exit 1; }
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$make_events" "$data" 30 >/dev/null
"$kiosk" --headless --data-dir "$data" --script - "$@" <<SCRIPT
tap home.events
swipe-until events.item.test-003 events.list
tap events.item.test-003
expect-id screen.event
swipe-until event.qr event.doc
check-layout
tree $out/event.jsonl
shot $out/event.png
SCRIPT
want=https://example.org/test-events/003
got=$(zbarimg --raw -q "$out/event.png")
[ "$got" = "$want" ] || { echo "QR reads '$got', want '$want'" >&2; exit 1; }
ppmm=$(head -n1 "$out/event.jsonl" | sed -n 's/.*"px_per_mm":\([0-9.]*\).*/\1/p')
qrw=$(grep '"id":"event.qr"' "$out/event.jsonl" | sed -n 's/.*"w":\([0-9]*\).*/\1/p')
[ -n "$ppmm" ] && [ -n "$qrw" ] || { echo "no px_per_mm or event.qr in the tree" >&2; exit 1; }
awk -v w="$qrw" -v p="$ppmm" 'BEGIN { exit !(w / p >= 25) }' ||
    { echo "QR is $qrw px at $ppmm px/mm: under 25 mm" >&2; exit 1; }
echo "QR ok: $got, $qrw px at $ppmm px/mm"
