"""The package's shape: imports run down the stages, never in a circle; modules stay small.

The data flows read -> engine (rules | llm) -> api -> batch -> evaluation | export
| corpus -> cli; a module may import from its own layer or below, never above. The two
engines never import each other. Imports inside functions count; imports only for
type checking (``if TYPE_CHECKING:``) do not, as they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"
MAX_LINES = 400

#: Lowest first. A module belongs to the first entry that names it or its package.
LAYERS: list[tuple[str, ...]] = [
    (
        "extractor.errors",
        "extractor.text",
        "extractor.render",
        "extractor.schema",
        "extractor.config",
        "extractor.nesting",
    ),
    ("extractor.read",),
    ("extractor.rules", "extractor.llm"),
    ("extractor.engines", "extractor.crosscheck", "extractor.api", "extractor"),
    ("extractor.batch",),
    ("extractor.evaluation", "extractor.export", "extractor.corpus"),
    ("extractor.cli", "extractor.__main__", "extractor.schema_export"),
]
#: Packages of one layer that must not import each other.
SIBLINGS = [
    ("extractor.rules", "extractor.llm"),
    ("extractor.evaluation", "extractor.export"),
    ("extractor.corpus", "extractor.export"),
    ("extractor.corpus", "extractor.evaluation"),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path) -> set[str]:
    """The package modules a module imports at run time (at any depth in its code)."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("extractor"):
                for alias in node.names:  # "from . import x" may name a module
                    sub = f"{target}.{alias.name}"
                    found.add(sub if sub in modules else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("extractor"))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(here)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    best: tuple[int, int] | None = None  # (length of the matching name, layer)
    for n, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and (
                best is None or len(name) > best[0]
            ):
                best = (len(name), n)
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best[1]


def test_every_module_has_a_layer():
    for module in graph():
        layer_of(module)


def test_imports_never_run_up_a_layer():
    upward = [
        f"{a} (layer {layer_of(a)}) imports {b} (layer {layer_of(b)})"
        for a, targets in graph().items()
        for b in targets
        if layer_of(b) > layer_of(a)
    ]
    assert not upward, "\n".join(upward)


def test_sibling_packages_do_not_import_each_other():
    crossing = [
        f"{a} imports {b}"
        for a, targets in graph().items()
        for b in targets
        for x, y in SIBLINGS
        if (a.startswith(x) and b.startswith(y)) or (a.startswith(y) and b.startswith(x))
    ]
    assert not crossing, "\n".join(crossing)


def test_no_import_circles():
    edges = graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    circles: list[list[str]] = []

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            walk(start, [start])
    assert not circles, "\n".join(" -> ".join(c) for c in circles)


def test_the_checker_sees_a_circle_and_an_upward_import(tmp_path, monkeypatch):
    """The checks above can fail: a made-up package with both faults is caught."""
    fake = tmp_path / "extractor"
    (fake / "read").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "read" / "__init__.py").write_text("")
    (fake / "read" / "a.py").write_text("from . import b\nfrom ..api import x\n")
    (fake / "read" / "b.py").write_text("def f():\n    from .a import y\n")
    (fake / "api.py").write_text("")
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    edges = graph()
    assert edges["extractor.read.a"] == {"extractor.read.b", "extractor.api"}
    assert edges["extractor.read.b"] == {"extractor.read.a"}
    assert layer_of("extractor.api") > layer_of("extractor.read.a")


def test_modules_stay_small():
    long = [
        f"{p.relative_to(PACKAGE.parent)}: {n} lines"
        for p in sorted(PACKAGE.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not long, "split these by job:\n" + "\n".join(long)


def test_every_module_says_what_it_is_for():
    bare = [
        str(p.relative_to(PACKAGE.parent))
        for p in sorted(PACKAGE.rglob("*.py"))
        if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert not bare, "modules without a docstring:\n" + "\n".join(bare)
