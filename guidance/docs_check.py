"""Check the hand-written pages in docs/ without building: Jinja syntax, and every macro call.

Each page's body is parsed as a Jinja template (never run). Every `{{ name(...) }}` must name a
macro an editor's page may call (guidance/site/page_macros.py MACROS), with the arguments that
macro takes, and every id argument must exist in the data. Pages that show gaps must call
gaps_here(). Line numbers are lines of the file, front matter included.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import jinja2
from jinja2 import nodes

from .data.errors import Problem, closest, closest_source
from .site.page_macros import MACRO_ARGS, MACRO_HELP, MACROS

# variables a page may use besides the macros (pages are rendered by guidance/site/docs_render.py, before
# any engine: the variables mkdocs-macros used to give, such as page or config, do not exist there)
VARIABLES = frozenset({"site_version"})
_ENV = jinja2.Environment()  # parse only: nothing is rendered


@dataclass
class Known:
    """The ids a macro argument may name. A set left as None is not checked (its data did not load)."""

    sources: set[str] | None = None
    facts: set[str] | None = None
    topics: set[str] | None = None
    figures: set[str] | None = None
    stages: set[str] | None = None
    categories: set[str] | None = None
    ids: set[str] | None = None
    groups: set[str] | None = None
    downloads: set[str] | None = None
    where: dict[str, str] = field(default_factory=dict)
    superseded: dict[str, str] = field(default_factory=dict)  # source id -> the source that replaced it


# each kind of id a macro argument may name (guidance/site/page_macros.py MACRO_ARGS): the Known attribute
# that holds the ids, and where an editor finds them
ID_KINDS = {
    "source": ("sources", "data/sources/*.yaml"),
    "published id": ("ids", "the id register (data/id-register.yaml)"),
    "fact": ("facts", "data/facts/*.yaml"),
    "fact topic": ("topics", "the 'topic' of the facts in data/facts/*.yaml"),
    "figure": ("figures", "the figures of data/tools/*.yaml"),
    "stage": ("stages", "data/mappa/structure.yaml"),
    "category": ("categories", "data/mappa/structure.yaml"),
    "population group": ("groups", "the 'group' of not_validated_for, or also_see_groups, in data/tools/*.yaml"),
    "download": ("downloads", "the files `make dist` publishes (the Downloads page)"),
}
# macro -> argument name -> (Known attribute, what it is, where it is defined), from the one description
ID_ARGUMENTS = {name: {arg: (ID_KINDS[kind][0], kind, ID_KINDS[kind][1]) for arg, kind in args.items() if kind != "text"}
                for name, args in MACRO_ARGS.items()}


def undescribed() -> list[str]:
    """Each macro argument (or kind) missing from the one description of the macros: a developer's slip."""
    out = []
    for name in sorted(MACROS):
        params = {p.name for p in signature(name).parameters.values()}
        described = MACRO_ARGS.get(name, {})
        out += [f"{name}({arg})" for arg in sorted(params ^ set(described))]
        out += [f"{name}({arg}: unknown kind '{k}')" for arg, k in described.items() if k != "text" and k not in ID_KINDS]
    return out


def signature(name: str) -> inspect.Signature:
    """What an editor passes to a macro: the renderer's parameters after (data, src)."""
    sig = inspect.signature(MACROS[name])
    return sig.replace(parameters=list(sig.parameters.values())[2:])


def usage(name: str) -> str:
    params = [p.name if p.default is inspect.Parameter.empty else f"{p.name}=..." for p in signature(name).parameters.values()]
    return f"{name}({', '.join(params)})"


MACRO_LIST_START = "<!-- macro list: made by `make macro-list` from guidance/site/page_macros.py; do not edit -->"
MACRO_LIST_END = "<!-- end of macro list -->"


def macro_reference() -> str:
    """The list of macros a page can use, for CONTRIBUTING.md: how to write each call and what it shows."""
    rows = []
    for name in sorted(MACROS):
        doc = (MACROS[name].__doc__ or "").strip().split("\n")[0].rstrip(".")
        what = MACRO_HELP.get(name) or doc
        ids = ID_ARGUMENTS.get(name, {})
        needs = "; ".join(f"`{arg}`: a {w} id from {where}" for arg, (_a, w, where) in ids.items())
        rows.append(f"- `{{{{ {usage(name)} }}}}`: {what}." + (f" ({needs})" if needs else ""))
    return "\n".join([MACRO_LIST_START, *rows, MACRO_LIST_END])


def check_page(src: str, body: str, offset: int, record: str, known: Known) -> tuple[list[Problem], bool]:
    """Problems on one page, and whether it calls gaps_here() (taken as yes when the page has problems,
    so that one slip is reported once, not again for every gap the page shows)."""
    file = f"docs/{src}"
    try:
        tree = _ENV.parse(body)
    except jinja2.TemplateSyntaxError as exc:
        return [Problem(file, record, "", f"the {{{{ ... }}}} or {{% ... %}} here is not complete: {exc.message}. "
                        "A macro call looks like {{ fact(\"mappa-olr-what\") }}: check the braces, brackets and "
                        "quotes. (To show braces as text, wrap them in {% raw %} ... {% endraw %}.)",
                        (exc.lineno or 0) + offset)], True
    out: list[Problem] = []
    called: list[str] = []
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name):
            called.append(call.node.name)
            out.extend(_check_call(file, record, offset, call, known))
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for n in tree.find_all(nodes.Name):
        if n.ctx == "load" and n.name not in MACROS and n.name not in VARIABLES and n.name not in assigned:
            out.append(Problem(file, record, "", f"'{n.name}' is not a macro or a variable a page can use.{closest(n.name, MACROS)} "
                               "Every macro is listed in CONTRIBUTING.md, section 'Macros a page can use'.",
                               n.lineno + offset))
    return out, bool(out) or "gaps_here" in called


def _check_call(file: str, record: str, offset: int, call: nodes.Call, known: Known) -> Iterable[Problem]:
    name = call.node.name
    line = call.lineno + offset
    if name not in MACROS:
        return []  # reported once as an unknown name
    if call.dyn_args or call.dyn_kwargs:
        return []
    try:
        bound = signature(name).bind(*call.args, **{k.key: k.value for k in call.kwargs})
    except TypeError as exc:
        return [Problem(file, record, f"{name}()", f"wrong arguments ({exc}). Write it as {{{{ {usage(name)} }}}}.", line)]
    out = []
    for arg, value in bound.arguments.items():
        rule = ID_ARGUMENTS.get(name, {}).get(arg)
        if rule is None:
            continue
        attr, what, where = rule
        options = getattr(known, attr)
        for v in value if isinstance(value, tuple) else (value,):  # *keys: each one
            if options is not None and isinstance(v, nodes.Const) and v.value not in options:
                out.append(Problem(file, record, f"{name}()", f"unknown {what} '{v.value}'. Expected one of the "
                                   f"{what} ids in {where}.{_hint(attr, v.value, options, known)}", line))
    return out


def _hint(attr: str, value: object, options: set[str], known: Known) -> str:
    return closest_source(value, options, known.superseded) if attr == "sources" else closest(value, options)


def check_pages(bodies: dict[str, tuple[str, int]], records: dict[str, str], known: Known,
                skip: Callable[[str], bool] = lambda src: False) -> tuple[list[Problem], set[str]]:
    """Problems on every page, and the pages that call gaps_here()."""
    problems: list[Problem] = []
    showing: set[str] = set()
    for src, (body, offset) in sorted(bodies.items()):
        if skip(src):
            continue
        found, shows_gaps = check_page(src, body, offset, records.get(src, ""), known)
        problems.extend(found)
        if shows_gaps:
            showing.add(src)
    return problems, showing
