#!/usr/bin/env bash
# Runs one headless events script against a fresh data directory that holds the sample
# content and N generated test events (make_events).
#   run.sh MAKE_EVENTS N FILTERS KIOSK SCRIPT OUTDIR [kiosk options...]
# "@OUT@" in the script becomes OUTDIR (screenshots and trees land there). A line
# "open-filters" becomes a tap on events.filter.toggle when FILTERS is "panel" (the screen
# puts its chips behind a toggle at that size) and is dropped when it is "inline".
set -euo pipefail
make_events=$1 n=$2 filters=$3 kiosk=$4 script=$5 out=$6
shift 6
# "panel" sizes must show the toggle; elsewhere it depends on the text size (elder mode).
if [ "$filters" = panel ]; then open='tap events.filter.toggle'; else open='tap-if events.filter.toggle'; fi
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$make_events" "$data" "$n" >/dev/null
sed -e "s|@OUT@|$out|g" -e "s|^open-filters$|$open|" "$script" | "$kiosk" --headless --data-dir "$data" --script - "$@"
# "# after: tree-has FILE REGEX": FILE (a tree the script wrote to @OUT@) must have a line
# matching REGEX (grep -E).
{ grep -E '^# after: tree-has ' "$script" || true; } | while read -r _ _ _ file regex; do
  if ! grep -Eq "$regex" "$out/$file"; then
    echo "$script: no widget in $file matches $regex" >&2
    exit 1
  fi
done
