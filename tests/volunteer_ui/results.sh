#!/usr/bin/env bash
# Runs scripts/results.txt (run.sh's arguments) and then checks the trees it wrote. In each
# result (NAME.json) the title and 下一位, and who and the detail where it has them (checked
# in, already checked in; not the event another event's ticket is for: a name may be long),
# and in each question (askN.json) the question, the counts 1..N and 取消 are: there, not
# clipped, whole on the screen between the header and the bar, and whole inside any
# scrolling region they are in (so not in a part scrolled out of view). After each way of
# locking (locked_*.json) nothing of volunteer mode is on the screen.
set -euo pipefail
out=$4
"$(dirname "$0")/run.sh" "$@"
fail() {
    echo "$tree: $*" >&2
    exit 1
}
. "$(dirname "$0")/tree_geom.sh"
n=0
for tree in "$out"/*.json; do
    name=$(basename "$tree" .json)
    n=$((n + 1))
    case $name in
    locked_*)
        if grep -q '"id":"vol\.\|"id":"screen\.volunteer' "$tree"; then
            fail "volunteer mode is still on the screen after locking"
        fi
        continue
        ;;
    ask*)
        ids="vol.ask vol.ask.cancel"
        for ((i = 1; i <= ${name#ask}; i++)); do ids="$ids vol.ask.$i"; done
        ;;
    ok* | already | part | rest)
        ids="vol.result.title vol.result.who vol.result.detail vol.result.next"
        ;;
    *) ids="vol.result.title vol.result.next" ;;
    esac
    for id in $ids; do
        line=$(grep "\"id\":\"$id\"," "$tree" || true)
        [ -n "$line" ] || fail "$id is not on screen"
        in_view "$id" "$line"
    done
done
[ "$n" -ge 18 ] || { echo "$out: only $n trees" >&2; exit 1; }
