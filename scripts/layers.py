#!/usr/bin/env python3
"""Checks that src/ keeps its layers: no module imports a module of a higher
layer, and no modules import each other in a cycle (ARCHITECTURE.md).

It reads every `crate::` and `super::` path in src/ (test modules at the
end of a file excepted), resolves each to the module file it names, and
builds the graph of which module uses which. A module's use of its own
ancestors (a child reading what its folder's mod.rs defines for it) is not
an edge: the folder is one unit seen from outside. Exits 1 and says what to
change on any violation.

usage: scripts/layers.py [SRC]
"""
import pathlib
import re
import sys

# Lowest first. A module may use its own layer and the layers below it.
LAYERS = [
    ["text"],
    ["load", "history", "error"],
    ["model"],
    ["workspace", "write"],
    ["validate", "compare", "import"],
    ["judge"],
    ["output", "render"],
    ["cli"],
    ["commands"],
    ["app"],
]
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names}

PATH = re.compile(r"\b(crate|super|self)((?:::(?:super|[A-Za-z_][A-Za-z0-9_]*))+)")
USE = re.compile(r"\buse\s+((?:crate|super|self)\b[^;]*);", re.S)
TESTS = re.compile(r"^#\[cfg\(test\)\]\s*\n\s*(pub(\(crate\))?\s+)?mod\s+\w+\s*\{", re.M)


def expand(tree):
    """`crate::{a::b, c::{d, e}}` as ["crate::a::b", "crate::c::d", "crate::c::e"]."""
    tree = re.sub(r"\s+", "", re.sub(r"\s+as\s+\w+", "", tree))
    depth, start = 0, None
    for i, c in enumerate(tree):
        if c == "{":
            if depth == 0:
                start = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                prefix, inner = tree[:start], tree[start + 1 : i]
                parts, level, begin = [], 0, 0
                for j, d in enumerate(inner):
                    if d in "{":
                        level += 1
                    elif d == "}":
                        level -= 1
                    elif d == "," and level == 0:
                        parts.append(inner[begin:j])
                        begin = j + 1
                parts.append(inner[begin:])
                out = []
                for part in parts:
                    if part:
                        out.extend(expand(prefix + part))
                return out
    return [tree]


def module_of(path, src):
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "mod":
        parts.pop()
    if parts in (["lib"], ["main"]):
        return ()
    return tuple(parts)


def main():
    src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    files = {module_of(p, src): p for p in src.rglob("*.rs")}
    modules = set(files)
    edges = {}
    for module, path in files.items():
        text = path.read_text()
        cut = TESTS.search(text)
        if cut:
            text = text[: cut.start()]
        # Comments mention paths without using them.
        text = re.sub(r"//[^\n]*", "", text)
        paths = [p for tree in USE.findall(text) for p in expand(tree)]
        paths += [m.group(0) for m in PATH.finditer(USE.sub("", text))]
        for found in paths:
            head, *segments = found.split("::")
            if head == "crate":
                base = ()
            elif head == "self":
                base = module
            else:
                base = module[:-1]
            # `super::super::…` climbs once more for each.
            while segments and segments[0] == "super":
                base = base[:-1]
                segments = segments[1:]
            segments = [s for s in segments if s not in ("self", "*")]
            # The longest prefix that is a module file.
            target = None
            for n in range(len(segments), 0, -1):
                if base + tuple(segments[:n]) in modules:
                    target = base + tuple(segments[:n])
                    break
            if target is None:
                target = base if base in modules else None
            if target is None or target == module or module[: len(target)] == target:
                continue
            edges.setdefault(module, {}).setdefault(target, path)
    problems = []
    for module, targets in sorted(edges.items()):
        for target in sorted(targets):
            if not module or not target:
                continue
            lm, lt = LAYER.get(module[0]), LAYER.get(target[0])
            if lm is None:
                problems.append(f"{'::'.join(module)}: its folder `{module[0]}` has no layer; add it to LAYERS in scripts/layers.py and to ARCHITECTURE.md")
                break
            if lt is not None and lt > lm:
                problems.append(
                    f"{'::'.join(module)} uses {'::'.join(target)}, a higher layer ({target[0]} above {module[0]}): move what it needs down, or pass it in"
                )
    # Cycles: strongly connected components of more than one module.
    index, low, stack, on, comps = {}, {}, [], set(), []
    counter = [0]

    def connect(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(modules):
        if v not in index:
            connect(v)
    for comp in comps:
        names = ", ".join("::".join(c) for c in comp)
        problems.append(f"these modules use each other in a cycle: {names}; move what they share into one of them or a module below both")
    count = sum(len(t) for t in edges.values())
    if problems:
        print("\n".join(problems))
        print(f"\n{len(problems)} problem(s) in {len(modules)} modules ({count} uses)")
        return 1
    print(f"layers hold: {len(modules)} modules, {count} uses, no use of a higher layer, no cycles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
