"""The package's shape, as README.md ("How it is built") states it: each layer imports only from the layers
below it, no import cycles, no module over 400 lines, no function over 60 lines without a reason.

Every module under macros/ is imported (so a module that cannot be imported fails here) and its imports
are read from its source, including imports inside functions.
"""
from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import macros

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(macros.__file__).parent

# README's layer order, lowest first. A module belongs to the first entry its name starts with.
LAYERS: list[tuple[str, str]] = [
    ("macros.labels", "words"),        # wording helpers, no imports from the package
    ("macros.data", "data"),           # read, validate, cross-check data/ and front matter -> SiteData
    ("macros.paths", "paths"),         # where every page lives and every id points
    ("macros.sitemap", "sitemap"),     # every page with its metadata
    ("macros.checks", "checks"),       # checks that need paths or the sitemap (training, search ids)
    ("macros.render", "render"),       # records -> Markdown
    ("macros.site", "site"),           # the MkDocs plugin, macros, exports, editions, search index
    ("macros.docs_check", "editors"),  # the editors' check over docs/ pages (knows the page macros)
    ("macros.check", "editors"),       # make check: everything above, problems collected at once
    ("macros.generated_text", "editors"),  # make check reads the generated tool, bench-note and agency pages
    ("macros", "package"),             # macros/__init__.py
]
RANK = {name: i for i, (_, name) in enumerate(LAYERS)}
RANK["editors"] = RANK["site"] + 1
RANK["package"] = RANK["editors"] + 1

# Imports against the order that another issue is removing. Each names the issue; delete it when that lands.
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "# long:"  # a function over the limit says why on its def line or the line after its docstring


def module_names() -> list[str]:
    names = ["macros"]
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="macros."):
        names.append(info.name)
    return sorted(names)


def layer_of(module: str) -> str:
    for prefix, name in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return name
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in tests/test_layers.py and to README.md")


def source_of(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin, module
    return Path(spec.origin)


def imports_of(module: str) -> set[str]:
    """Every module of the package that `module` imports (absolute names), wherever in the file."""
    path = source_of(module)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    known = set(module_names())
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("macros"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("macros"):
                continue
            # `from . import models` imports a module; `from .paths import x` imports from one
            subs = {f"{target}.{a.name}" for a in node.names} & known
            out.update(subs or {target})
    return {m for m in out if m in known and m != module}


def graph() -> dict[str, set[str]]:
    return {m: imports_of(m) for m in module_names()}


def test_every_module_imports():
    for name in module_names():
        importlib.import_module(name)


def test_no_import_goes_against_the_layer_order():
    wrong = []
    for module, targets in graph().items():
        for target in targets:
            if RANK[layer_of(target)] > RANK[layer_of(module)] and (module, target) not in KNOWN_EXCEPTIONS:
                wrong.append(f"{module} ({layer_of(module)}) imports {target} ({layer_of(target)})")
    assert not wrong, "imports against README's layer order:\n" + "\n".join(sorted(wrong))


def test_known_exceptions_are_still_needed():
    g = graph()
    stale = [pair for pair in KNOWN_EXCEPTIONS if pair[0] in g and pair[1] not in g[pair[0]]]
    assert not stale, f"remove from KNOWN_EXCEPTIONS, the import is gone: {stale}"


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), i.e. import cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    g = {m: {t for t in ts if t != "macros"} for m, ts in graph().items()}  # the package's __init__ re-exports
    assert cycles(g) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def python_files() -> list[Path]:
    return sorted(p for folder in ("macros", "scripts", "tests") for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", python_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_modules_and_functions_stay_small(path):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert len(lines) - 1 <= MAX_MODULE_LINES, f"{path.name} has {len(lines) - 1} lines; split it by what it does"
    long = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            size = node.end_lineno - node.lineno + 1
            body_start = node.body[0].end_lineno if ast.get_docstring(node) else node.lineno
            head = lines[node.lineno - 1 : body_start + 1]
            if size > MAX_FUNCTION_LINES and not any(REASON in ln for ln in head):
                long.append(f"{path.name}:{node.lineno} {node.name}() has {size} lines")
    assert not long, f"split these, or say why on the def line or after the docstring ({REASON} ...): {long}"
