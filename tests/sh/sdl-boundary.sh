#!/bin/sh
# The README's promise: src/platform/ is the only code that includes SDL. A platform header
# that code above the platform includes (directly, or through another platform header) may
# name SDL's types but must not include SDL either, or SDL would leak upwards.
# Usage: sdl-boundary.sh SOURCE_DIR   (exit 0 = kept, 1 = broken, with the places listed)
cd "${1:-.}" || exit 2
sdl='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](SDL|SDL2/)'
status=0
if grep -rnE "$sdl" src --include='*.c' --include='*.h' | grep -v '^src/platform/'; then
    echo "SDL included outside src/platform (above): move that code into src/platform" >&2
    status=1
fi
# Platform headers reachable from outside src/platform.
seen=""
todo=$(grep -rhoE '#[[:space:]]*include[[:space:]]*"platform/[a-z_]+\.h"' src \
           --include='*.c' --include='*.h' --exclude-dir=platform | grep -oE 'platform/[a-z_]+\.h' |
       sort -u)
while [ -n "$todo" ]; do
    next=""
    for h in $todo; do
        case " $seen " in *" $h "*) continue ;; esac
        seen="$seen $h"
        found=$(grep -nE "$sdl" "src/$h")
        if [ -n "$found" ]; then
            echo "$found" | sed "s|^|src/$h:|"
            echo "src/$h is included above src/platform and includes SDL (above)" >&2
            status=1
        fi
        next="$next $(grep -oE '#[[:space:]]*include[[:space:]]*"platform/[a-z_]+\.h"' "src/$h" |
                      grep -oE 'platform/[a-z_]+\.h')"
    done
    todo=$(echo $next)
done
[ $status = 0 ] && echo "SDL stays in src/platform (headers seen from above:$seen)"
exit $status
