#!/usr/bin/env bash
# Runs one headless script against a fresh data directory holding N generated teaching
# sites (make_sites), or the sample content when N is "sample".
#   run.sh KIOSK MAKE_SITES N STATION_POS SCRIPT OUTDIR [kiosk options...]
# "@OUT@" in the script becomes OUTDIR (screenshots and trees land there).
set -euo pipefail
kiosk=$1 make_sites=$2 n=$3 station=$4 script=$5 out=$6
shift 6
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
if [ "$n" != sample ]; then
  "$make_sites" "$data" "$n" "$station"
fi
sed "s|@OUT@|$out|g" "$script" | "$kiosk" --headless --data-dir "$data" --script - "$@"
