#!/usr/bin/env python3
"""No include cycles between modules (issue 10's ticket <-> signup and ambient <-> kiosk).

A module is a .c/.h pair under src/ (src/ui/kiosk.c and src/ui/kiosk.h are "ui/kiosk"), with
its private header X_internal.h or X_impl.h, shared by its files, counted as part of X; a
module depends on another when its .c or .h includes the other's header. A cycle means two
modules each need the other: one of them should be split or talk through a narrower header
(as ui/kiosk_state.h does for ambient). The cycles below are known and say why they stay;
any other fails the test, listed with the includes that make it.

Usage: include-cycles.py SOURCE_DIR   (exit 0 = none but the known, 1 = a new one)
"""
import os
import re
import sys

# Known cycles, each a set of modules, with the reason it stays.
KNOWN = {
    # The screen registry: kiosk.c dispatches through screens.h's table and the screens call
    # kiosk.h's navigation (yk_kiosk_go); the plug-in shape of src/ui/README.md.
    frozenset({"ui/kiosk", "ui/screens/screens"}),
}


def module(name):
    """The module a file (without extension, relative to src/) or an include belongs to."""
    return re.sub(r"_(internal|impl)$", "", name)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    src = os.path.join(root, "src")
    deps, why = {}, {}
    for d, _, files in os.walk(src):
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(d, f)
            mod = module(os.path.relpath(os.path.splitext(path)[0], src))
            with open(path, encoding="utf-8") as fh:
                for inc in re.findall(r'^\s*#\s*include\s*"([^"]+)\.h"', fh.read(), re.M):
                    if not os.path.exists(os.path.join(src, inc + ".h")):
                        continue  # a system or generated header
                    target = module(inc)
                    if target != mod:
                        deps.setdefault(mod, set()).add(target)
                        why.setdefault((mod, target), (os.path.relpath(path, root), inc))
    # Tarjan's strongly connected components.
    index, low, stack, on, comps = {}, {}, [], set(), []
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(deps.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(frozenset(comp))

    for v in sorted(deps):
        if v not in index:
            visit(v)
    new = [c for c in comps if c not in KNOWN]
    for c in new:
        print("include cycle: " + " <-> ".join(sorted(c)))
        for a in sorted(c):
            for b in sorted(deps.get(a, ())):
                if b in c:
                    print("  %s includes %s.h" % why[(a, b)])
    if new:
        print("split a module or include a narrower header (see tests/sh/include-cycles.py)",
              file=sys.stderr)
        return 1
    print(f"no include cycles between modules but the {len(comps)} known")
    return 0


if __name__ == "__main__":
    sys.exit(main())
