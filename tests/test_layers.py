"""The package's shape, as README.md ("How it is built") states it: the layer contract is import-linter's
(pyproject.toml, run by `make lint`); this file holds README's picture to that contract, finds import cycles
over every module of guidance/ and scripts/, and keeps modules and functions small.

Every module under guidance/ is imported (so a module that cannot be imported fails here) and its imports
are read from its source, including imports inside functions.
"""
from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import tomllib
from pathlib import Path

import pytest

import guidance

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(guidance.__file__).parent
SCRIPTS = ROOT / "scripts"


def contract(kind: str) -> dict:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return next(c for c in cfg["contracts"] if c["type"] == kind)


def contract_layers() -> list[set[str]]:
    """import-linter's layers, lowest first, each a set of names under guidance/."""
    return [{n.strip() for n in re.split(r"[|:]", layer)} for layer in reversed(contract("layers")["layers"])]


def readme_layers() -> list[set[str]]:
    """README's picture, lowest first: one line a layer, its modules named `guidance/x.py` or `guidance/x/`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("\n## How it is built\n", 1)[1].split("```\n", 2)[1]
    out = []
    for line in block.splitlines():
        names = re.findall(r"guidance/(\w+)(?:\.py|/)", re.split(r"\s{3,}", line)[0])
        if names:
            out.append(set(names))
    return out

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "# long:"  # a function over the limit says why on its def line or the line after its docstring


def module_names() -> list[str]:
    names = ["guidance"]
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="guidance."):
        names.append(info.name)
    return sorted(names)


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
            out.update(a.name for a in node.names if a.name.startswith("guidance"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("guidance"):
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


def script_imports() -> dict[str, set[str]]:
    """Each script of scripts/ (as `scripts.x`) with the scripts and package modules it imports."""
    known = set(module_names())
    names = {p.stem for p in SCRIPTS.glob("*.py")}
    out: dict[str, set[str]] = {}
    for path in sorted(SCRIPTS.glob("*.py")):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            for t in targets:
                if t.split(".")[0] in names:
                    found.add("scripts." + t.split(".")[0])
                elif t in known:
                    found.add(t)
        out["scripts." + path.stem] = found - {"scripts." + path.stem}
    return out


def test_the_contract_places_every_part_of_the_package():
    """import-linter's `exhaustive` does this too; said here with the names to add."""
    placed = set().union(*contract_layers())
    parts = {info.name for info in pkgutil.iter_modules([str(PACKAGE)])}
    assert parts == placed, f"give these a layer in pyproject.toml: {sorted(parts - placed)}; gone: {sorted(placed - parts)}"


def test_the_readme_picture_is_the_contract():
    assert readme_layers() == contract_layers(), (
        "README.md's layer picture (How it is built) and pyproject.toml's layers contract differ:\n"
        f"README:   {readme_layers()}\ncontract: {contract_layers()}")


def test_only_the_adapters_may_import_an_engine():
    forbidden = contract("forbidden")
    assert set(forbidden["forbidden_modules"]) >= {"mkdocs", "material", "zensical"}
    others = {f"guidance.{n}" for layer in contract_layers() for n in layer} - {"guidance.engines"}
    assert set(forbidden["source_modules"]) == others


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
    """No cycle between any two modules of guidance/ and scripts/ (import-linter's acyclic_siblings covers guidance/
    package by package; this sees the whole graph, scripts included)."""
    g = {m: {t for t in ts if t != "guidance"} for m, ts in graph().items()}  # the package's __init__ re-exports
    g.update(script_imports())
    assert cycles(g) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def python_files() -> list[Path]:
    return sorted(p for folder in ("guidance", "scripts", "tests") for p in (ROOT / folder).rglob("*.py"))


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
