#!/usr/bin/env bash
# The attract loop's welcome slide: the station's name, the clock, "touch to start", and a
# QR code to the station's page. With a hub the code is the station's page there,
# HUB_URL/s/STATION_ID (read back with zbarimg, at least 25 mm wide); with no hub, no code.
#   attract.sh KIOSK OUTDIR [kiosk options...]
set -euo pipefail
kiosk=$1 out=$2
shift 2
command -v zbarimg >/dev/null || { echo "zbarimg is missing: install zbar-tools" >&2; exit 1; }
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hub=http://127.0.0.1:9
printf 'hub_url = %s/\nstation_id = binjiang\n' "$hub" >"$tmp/hub.conf"
: >"$tmp/none.conf"
for conf in hub none; do
  mkdir -p "$tmp/data-$conf"
  "$kiosk" --headless --data-dir "$tmp/data-$conf" --config "$tmp/$conf.conf" --script - "$@" <<SCRIPT
wait 301000
expect-id screen.attract
expect-id attract.station
expect-id attract.time
expect-id attract.touch
check-layout
check-contrast 4.5
tree $out/welcome-$conf.jsonl
shot $out/welcome-$conf.png
SCRIPT
done
if grep -q '"id":"attract.qr"' "$out/welcome-none.jsonl"; then
  echo "with no hub the attract slide shows a QR code (to what?)" >&2
  exit 1
fi
grep -q '"id":"attract.qr.caption","role":"text","text":"扫码打开本站主页"' "$out/welcome-hub.jsonl" ||
  { echo "no QR caption saying it opens the station's page" >&2; exit 1; }
got=$(zbarimg --raw -q "$out/welcome-hub.png")
[ "$got" = "$hub/s/binjiang" ] || { echo "QR reads '$got', want '$hub/s/binjiang'" >&2; exit 1; }
ppmm=$(head -n1 "$out/welcome-hub.jsonl" | sed -n 's/.*"px_per_mm":\([0-9.]*\).*/\1/p')
qrw=$(grep '"id":"attract.qr"' "$out/welcome-hub.jsonl" | sed -n 's/.*"w":\([0-9]*\).*/\1/p')
awk -v w="$qrw" -v p="$ppmm" 'BEGIN { exit !(w / p >= 25) }' ||
  { echo "QR is $qrw px at $ppmm px/mm: under 25 mm" >&2; exit 1; }
echo "attract QR ok: $got, $qrw px at $ppmm px/mm"
