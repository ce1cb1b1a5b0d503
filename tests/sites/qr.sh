#!/usr/bin/env bash
# A site page's QR code, read back from a screenshot with zbarimg, must be the site's
# link_url, and at least 25 mm wide on the panel (px_per_mm from the tree's first line).
#   qr.sh KIOSK MAKE_SITES OUTDIR [kiosk options...]
set -euo pipefail
kiosk=$1 make_sites=$2 out=$3
shift 3
if ! command -v zbarimg >/dev/null; then
  echo "zbarimg is missing: install zbar-tools" >&2
  exit 1
fi
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$make_sites" "$data" 12 1200
"$kiosk" --headless --data-dir "$data" --script - "$@" <<SCRIPT
tap home.sites
tap sites.item.test-2
expect-id site.qr
check-layout
tree $out/site.jsonl
shot $out/site.png
SCRIPT
want=https://hub.example.cn/site/test-2
got=$(zbarimg --raw -q "$out/site.png")
if [ "$got" != "$want" ]; then
  echo "QR reads '$got', want '$want'" >&2
  exit 1
fi
ppmm=$(head -n1 "$out/site.jsonl" | sed -n 's/.*"px_per_mm":\([0-9.]*\).*/\1/p')
qrw=$(grep '"id":"site.qr"' "$out/site.jsonl" | sed -n 's/.*"w":\([0-9]*\).*/\1/p')
if [ -z "$ppmm" ] || [ -z "$qrw" ]; then
  echo "no px_per_mm or site.qr in the tree" >&2
  exit 1
fi
if ! awk -v w="$qrw" -v p="$ppmm" 'BEGIN { exit !(w / p >= 25) }'; then
  echo "QR is $qrw px = $(awk -v w="$qrw" -v p="$ppmm" 'BEGIN { print w / p }') mm wide, under 25 mm" >&2
  exit 1
fi
echo "QR ok: $got, $qrw px at $ppmm px/mm"
