#!/usr/bin/env bash
# A sign-up walkthrough, then the ticket's QR read back from the screenshot with zbarimg
# and verified against the kiosk's database.
#   run.sh KIOSK VERIFY SCRIPT OUTDIR EVENT_ID [kiosk options...]
set -euo pipefail
kiosk=$1 verify=$2 script=$3 out=$4 event=$5
shift 5
command -v zbarimg >/dev/null || { echo "zbarimg (Debian zbar-tools) is needed"; exit 1; }
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
sed "s|@OUT@|$out|g" "$script" | "$kiosk" --headless --data-dir "$data" --script - "$@"
for shot in "$out"/ticket*.png; do
    [ -e "$shot" ] || continue
    zbarimg --raw -q "$shot" >"$out/decoded.txt" || { echo "zbarimg read no QR in $shot"; exit 1; }
    # No hub here: the QR holds the bare code, and the caption says to take a photo.
    "$verify" "$data" "$event" "$out/decoded.txt" bare
done
