#!/usr/bin/env bash
# Runs scripts/walkins.txt (run.sh's arguments) and then checks the trees it wrote, in each
# language: as the tab opens (open.json) the first two kind buttons are there, not clipped and
# whole in view without scrolling; before each tap (in_ID.json) the kind button or undo is
# whole in view, and the tap did its work: one more on the button (tap_ID.json), one fewer in
# today's total after undo (undone.json). "Whole in view": on the screen between the header
# and the bar, and inside any scrolling region it overlaps. The trees are checked even when the
# script stopped (a layout that fails usually stops it too): the first failing check is named.
set -euo pipefail
out=$4
rm -f "$out"/*.json
rc=0
"$(dirname "$0")/run.sh" "$@" || rc=$?
fail() {
    echo "$tree: $*" >&2
    exit 1
}
. "$(dirname "$0")/tree_geom.sh"
# The widget's line in $tree, or fail.
line_of() {
    local l
    [ -f "$tree" ] || fail "not written (the script stopped before it: exit $rc)"
    l=$(grep "\"id\":\"$1\"," "$tree" || true)
    [ -n "$l" ] || fail "$1 is not on screen"
    echo "$l"
}
# The number in the widget's text (the last one).
number_of() {
    local l
    l=$(line_of "$1")
    sed 's/.*"text":"\([^"]*\)".*/\1/' <<<"$l" | grep -o '[0-9][0-9]*' | tail -1
}
whole() {
    in_view "$1" "$(line_of "$1")"
}
for lang in elderzh_ elder_; do
    tree=$out/${lang}open.json
    # The first two kinds of the sample content, in its order.
    whole vol.walkin.consult
    whole vol.walkin.visit
    for id in consult visit group-tour service undo; do
        tree=$out/${lang}in_$id.json
        whole "vol.walkin.$id"
        if [ "$id" = undo ]; then
            before=$(number_of vol.walkin.total)
            tree=$out/${lang}undone.json
            after=$(number_of vol.walkin.total)
            [ "$after" -eq $((before - 1)) ] || fail "undo: today's total $before, then $after"
        else
            before=$(number_of "vol.walkin.$id")
            tree=$out/${lang}tap_$id.json
            after=$(number_of "vol.walkin.$id")
            [ "$after" -eq $((before + 1)) ] || fail "vol.walkin.$id: $before, then $after after a tap"
        fi
    done
done
exit "$rc"
