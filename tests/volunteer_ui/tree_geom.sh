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
