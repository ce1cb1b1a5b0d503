#!/usr/bin/env bash
# Runs scripts/tabs.txt (run.sh's arguments) and then checks the trees it wrote: each of
# the four tabs and the lock is there, whole on the screen, and no tab rail scrolls — also
# beside the code and phone pads in standard mode; the walk-ins tab shows something of its
# own (its buttons, or undo, or its message).
set -euo pipefail
out=$4
"$(dirname "$0")/run.sh" "$@"
for lang in zh_ en_ elder_ elderzh_; do
    pads=()
    case $lang in zh_ | en_) pads=("$out/${lang}code_tree.json" "$out/${lang}phone_tree.json") ;; esac
    for tree in "$out/${lang}tree.json" "$out/${lang}today_tree.json" "${pads[@]}"; do
        if grep -q '"id":"vol.tabs"' "$tree"; then
            echo "$tree: the tabs scroll (vol.tabs): some tabs are out of view" >&2
            exit 1
        fi
        read -r sw sh < <(sed -n '1s/.*"w":\([0-9]*\),"h":\([0-9]*\).*/\1 \2/p' "$tree")
        for id in vol.tab.checkin vol.tab.walkin vol.tab.duty vol.tab.today vol.lock; do
            line=$(grep "\"id\":\"$id\"" "$tree" || true)
            if [ -z "$line" ]; then
                echo "$tree: $id is not on screen" >&2
                exit 1
            fi
            read -r x y w h < <(sed 's/.*"x":\(-\{0,1\}[0-9]*\),"y":\(-\{0,1\}[0-9]*\),"w":\([0-9]*\),"h":\([0-9]*\).*/\1 \2 \3 \4/' <<<"$line")
            if [ "$x" -lt 0 ] || [ "$y" -lt 0 ] || [ $((x + w)) -gt "$sw" ] || [ $((y + h)) -gt "$sh" ]; then
                echo "$tree: $id ($x,$y ${w}x$h) is not whole on the ${sw}x$sh screen" >&2
                exit 1
            fi
        done
    done
done
for lang in zh_ en_ elder_ elderzh_; do
    if ! grep -q '"id":"vol\.walkin\.' "$out/${lang}walkin_tree.json"; then
        echo "$out/${lang}walkin_tree.json: nothing of the walk-ins tab on screen" >&2
        exit 1
    fi
done
