# Geometry from a semantic tree (the driver's `tree` output, one JSON object per line), for
# the volunteer UI checks (results.sh, walkins.sh). Sourced, not run.

# "x y w h" of a widget's line.
geom() {
    sed 's/.*"x":\(-\{0,1\}[0-9]*\),"y":\(-\{0,1\}[0-9]*\),"w":\([0-9]*\),"h":\([0-9]*\).*/\1 \2 \3 \4/' <<<"$1"
}

# Sets sw, sh (the screen) and top, bottom (the content band: below the header, above the
# bar) from the tree file $1.
content_band() {
    local l lx ly lw lh
    read -r sw sh < <(sed -n '1s/.*"w":\([0-9]*\),"h":\([0-9]*\).*/\1 \2/p' "$1")
    top=0 bottom=$sh
    while read -r l; do
        read -r lx ly lw lh < <(geom "$l")
        if [ $((ly + lh)) -gt "$top" ]; then top=$((ly + lh)); fi
    done < <(grep '"id":"header\.' "$1")
    while read -r l; do
        read -r lx ly lw lh < <(geom "$l")
        if [ "$ly" -lt "$bottom" ]; then bottom=$ly; fi
    done < <(grep '"id":"nav\.' "$1")
}

# Fails (with the caller's fail, naming $tree) unless the widget $1, whose line in $tree is
# $2, is not clipped, lies whole between the header and the bar, and lies whole inside any
# scrolling region it overlaps (so not in a part scrolled out of view).
in_view() {
    local id=$1 line=$2 x y w h sw sh top bottom l lx ly lw lh lid
    if grep -q '"clipped":true' <<<"$line"; then fail "$id is clipped"; fi
    read -r x y w h < <(geom "$line")
    content_band "$tree"
    if [ "$x" -lt 0 ] || [ $((x + w)) -gt "$sw" ] || [ "$y" -lt "$top" ] ||
        [ $((y + h)) -gt "$bottom" ]; then
        fail "$id ($x,$y ${w}x$h) is not whole between the header (to y $top) and the bar (from y $bottom)"
    fi
    while read -r l; do
        [ -n "$l" ] || continue
        read -r lx ly lw lh < <(geom "$l")
        if [ "$x" -lt $((lx + lw)) ] && [ $((x + w)) -gt "$lx" ] && [ "$y" -lt $((ly + lh)) ] &&
            [ $((y + h)) -gt "$ly" ]; then
            if [ "$x" -lt "$lx" ] || [ $((x + w)) -gt $((lx + lw)) ] || [ "$y" -lt "$ly" ] ||
                [ $((y + h)) -gt $((ly + lh)) ]; then
                lid=$(sed 's/.*"id":"\([^"]*\)".*/\1/' <<<"$l")
                fail "$id ($x,$y ${w}x$h) is partly scrolled out of view ($lid: $lx,$ly ${lw}x$lh)"
            fi
        fi
    done < <(grep '"role":"list"' "$tree" || true)
}
