#!/bin/sh
# Fails when a tracked .c/.h file of src/ or tests/ differs from what clang-format makes of
# it with the repository's .clang-format. Usage: tests/sh/format-check.sh [SOURCE_DIR]
# Fix with: clang-format -i FILE (or the whole list: see below).
cd "${1:-.}" || exit 2
command -v clang-format >/dev/null || { echo "clang-format is not installed (Debian: clang-format)" >&2; exit 2; }
files=$(git ls-files -- 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h')
[ -n "$files" ] || { echo "no tracked sources under $(pwd)" >&2; exit 2; }
bad=""
for f in $files; do
    clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad="$bad $f"
done
if [ -n "$bad" ]; then
    n=$(echo $bad | wc -w)
    echo "$n file(s) differ from .clang-format:"
    for f in $bad; do echo "  $f"; done
    echo "format them with: clang-format -i$bad"
    exit 1
fi
echo "all $(echo $files | wc -w) files formatted"
