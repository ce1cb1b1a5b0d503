#!/usr/bin/env bash
# Runs one headless volunteer-mode script against a fresh data directory holding the sample
# content and the sign-ups and tickets of make_tickets.
#   run.sh MAKE_TICKETS KIOSK SCRIPT OUTDIR [kiosk options...]
# "@OUT@" in the script becomes OUTDIR (screenshots land there); @A@, @A_URL@, @C_SHORT@ ...
# become the codes make_tickets made (see its header). A line "include NAME" is replaced by
# the script scripts/NAME (shared steps such as unlocking); "include NAME P" also replaces
# @LANG@ in it by P (screenshot names).
# Environment: VUI_PREP, a command run with the data directory after make_tickets (more test
# data); VUI_VARS, a sed script of more replacements (applied after the codes').
set -euo pipefail
make_tickets=$1 kiosk=$2 script=$3 out=$4
shift 4
dir=$(dirname "$script")
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$make_tickets" "$data" "$data/vars.sed"
echo "s|@OUT@|$out|g" >>"$data/vars.sed"
if [ -n "${VUI_PREP:-}" ]; then $VUI_PREP "$data"; fi
if [ -n "${VUI_VARS:-}" ]; then cat "$VUI_VARS" >>"$data/vars.sed"; fi
# Fragments first, then the codes.
awk -v dir="$dir" '/^include / { while ((getline l < (dir "/" $2)) > 0) { gsub(/@LANG@/, $3, l); print l } close(dir "/" $2); next } { print }' \
    "$script" | sed -f "$data/vars.sed" >"$out/script.txt"
"$kiosk" --headless --data-dir "$data" --script - "$@" <"$out/script.txt"
