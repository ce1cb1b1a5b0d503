#!/usr/bin/env bash
# The services list's rhythm on the sample content: each riverside line with its own picture
# and its services named under it, those services not listed again under the station's, the
# projects by series with the summary a series shares said once (by the series' heading).
#   services.sh KIOSK OUTDIR [kiosk options...]
set -euo pipefail
kiosk=$1 out=$2
shift 2
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$kiosk" --headless --data-dir "$data" --script - "$@" <<SCRIPT
tap home.services
expect-id services.lines.sum
tree $out/top.jsonl
step-until services.line.civilised services.list
tree $out/lines.jsonl
step-until services.series.he services.list
tree $out/he.jsonl
step-until services.item.he-lifts services.list
tree $out/he-rows.jsonl
check-layout
check-choices
check-contrast 4.5
tap nav.lang
check-layout
check-contrast 4.5
shot $out/projects-en.png
tap nav.elder
step-until services.series.mei services.list
check-layout
check-choices
check-contrast 7
shot $out/projects-en-elder.png
tap nav.lang
check-layout
check-contrast 7
step-until services.lines services.list down
check-layout
check-choices
check-contrast 7
shot $out/lines-zh-elder.png
tap services.line.safe
expect-id service.part.emergency-numbers
check-layout
check-contrast 7
shot $out/line-zh-elder.png
SCRIPT
fail() { echo "services: $*" >&2; exit 1; }
icons=$(cat "$out"/top.jsonl "$out"/lines.jsonl |
  sed -n 's/.*"id":"services\.line\.\([a-z]*\)".*"icon":"\([a-z_]*\)".*/\1 \2/p' | sort -u)
[ "$(echo "$icons" | wc -l)" -eq 5 ] || fail "want 5 service lines with a picture, got: $icons"
[ "$(echo "$icons" | cut -d' ' -f2 | sort -u | wc -l)" -eq 5 ] ||
  fail "the 5 lines do not each have their own picture: $icons"
grep -q '"id":"services.line.safe.sub","role":"text","text":"紧急电话 · ' "$out/top.jsonl" ||
  fail "the safe line does not name its services"
grep -q '"id":"services.series.he.sum"' "$out/he.jsonl" || fail "the 和 series has no summary line"
if cat "$out"/*.jsonl | grep -q '"id":"services.item.\(aed\|toilets\|metro\)"'; then
  fail "a line's service is listed again under the station's"
fi
grep -q '"id":"services.item.he-lifts.title"' "$out/he-rows.jsonl" || fail "no 和 project row"
if grep -q '"id":"services.item.he-lifts.sub"' "$out/he-rows.jsonl"; then
  fail "a 和 project repeats the summary its series shares"
fi
echo "services ok: $(echo $icons)"
