#!/usr/bin/env bash
# The walkthrough (scripts/walk.txt, or $YK_WALK_SCRIPT) in one language and mode.
#   walk.sh KIOSK OUTDIR zh|en elder|standard [kiosk options...]
set -euo pipefail
kiosk=$1 out=$2 lang=$3 mode=$4
shift 4
pre="" min=4.5
[ "$lang" = en ] && pre="tap nav.lang"
[ "$mode" = elder ] && { pre="$pre"$'\n'"tap nav.elder"; min=7; }
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
script=${YK_WALK_SCRIPT:-$(dirname "$0")/scripts/walk.txt}
awk -v pre="$pre" -v out="$out" -v min="$min" \
    '{ gsub(/@OUT@/, out); gsub(/@MIN@/, min); if ($0 == "@PRE@") print pre; else print }' \
    "$script" | "$kiosk" --headless --data-dir "$data" --script - "$@"
