#!/usr/bin/env bash
# Runs one headless script against a fresh data directory.
#   run.sh KIOSK SCRIPT OUTDIR [kiosk options...]
# "@OUT@" in the script becomes OUTDIR (screenshots and trees land there).
set -euo pipefail
kiosk=$1 script=$2 out=$3
shift 3
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
sed "s|@OUT@|$out|g" "$script" | "$kiosk" --headless --data-dir "$data" --script - "$@"
