"""The editors' check, run by `make check` and before every build: everything an editor can touch.

1. data/ and the front matter of docs/ (guidance/data/loader.py: files, records, references, rules; then
   guidance/checks/: the references that need page paths, in training and search);
2. the bodies of docs/ pages: Jinja syntax and every macro call (guidance/docs_check.py);
3. gaps: each gap's pages exist, and each shows its gaps;
4. the id register (guidance/data/register.py): no published id lost or reused, and no step, standard or
   tool whose words changed without a history entry for the edition being prepared;
5. the reader text (guidance/site/reader_text.py): every page rendered once (guidance/site/rendering.py: the
   rendering the tree writer then writes, check_and_render) as the words readers see, read by
   the sentence checks (guidance/generated_text.py) and, for `make check`, compared with the text kept in
   reader-text/, each changed page shown as a diff until `make accept` writes it.
Every problem is collected before anything is reported. `check_project` never raises for an
editor's mistake; it returns the data (None when it could not be built) and the problems.
"""
from __future__ import annotations

from pathlib import Path

from .checks import check_site
from .data.editions import editions
from .data.errors import Problem, closest, report, superseded_sources
from .data.loader import DataErrors, Records, SiteData, load_site
from .data.register import register_problems
from .data.yamlio import YamlProblem, decode, load_file, split_front_matter
from .docs_check import Known, check_pages, undescribed
from .generated_text import REVIEWED, check_generated
from .options import BuildOptions
from .paths import ids
from .render.common import gap_box
from .render.downloads import by_key  # the files `make dist` publishes, as the macro reads them
from .site.docs_render import PageError
from .site.generate import render_page
from .site.reader_text import READER_TEXT, ReaderPage, changes, committed, reader_pages
from .site.rendering import Rendering, TreeError, render_site
from .sitemap import generated_pages

__all__ = ["check_and_render", "check_project", "report"]


def check_project(root: Path, options: BuildOptions | None = None, reader_text: bool = False) -> tuple[SiteData | None, list[Problem]]:
    """The data set (None when it cannot load) and every problem: data, docs/ pages, generated sentences; with
    reader_text, also the words of every page against reader-text/."""
    data, problems, _rendering = check_and_render(root, options, reader_text)
    return data, problems


def check_and_render(root: Path, options: BuildOptions | None = None, reader_text: bool = False,
                     rendering: Rendering | None = None) -> tuple[SiteData | None, list[Problem], Rendering | None]:
    """check_project, and the one rendering of every page it read (guidance/site/rendering.py; None when the
    data stopped it), for the tree writer. Given a rendering (`make serve`, which loaded the data and
    rendered the pages before it wrote the tree), the check reads its data and pages instead."""
    root = Path(root).resolve()
    data: SiteData | None = rendering.data if rendering is not None else None
    records: Records | None = None
    problems: list[Problem] = []
    if rendering is None:
        try:
            data = load_site(root, options)
        except DataErrors as exc:
            problems.extend(exc.problems)
            records = exc.records
    if data is not None:
        problems.extend(check_site(data))
    known = _known(data, records)
    page_ids, no_macros = _page_info(data, records)
    docs_problems, showing = check_pages(_bodies(root), page_ids, known, skip=lambda src: src in no_macros)
    problems.extend(docs_problems)
    problems.extend(template_leftovers(root))
    problems.extend(macro_descriptions())
    if data is not None:
        if not any(not p.warning for p in problems):
            rendering = rendering or _render(data, root, problems)
        problems.extend(check_gap_pages(data, showing, rendering))
        if rendering is not None and not any(not p.warning for p in problems):
            pages = _reader_pages(rendering, root, problems)
            if pages is not None:
                problems.extend(check_generated(data, pages, _reviewed(root, problems)))
                if reader_text:
                    problems.extend(reader_text_changes(root, pages))
        try:
            editions(data)
        except DataErrors as exc:
            problems.extend(exc.problems)
        else:
            problems.extend(register_problems(data, ids(data)))
    return data, problems, rendering if not any(not p.warning for p in problems) else None


def _render(data: SiteData, root: Path, problems: list[Problem]) -> Rendering | None:
    return _reporting(problems, lambda: render_site(data, root))


def _reader_pages(rendering: Rendering, root: Path, problems: list[Problem]) -> dict[str, ReaderPage] | None:
    return _reporting(problems, lambda: reader_pages(rendering.data, root, rendering))


def _reporting(problems: list[Problem], make):
    """What make() returns, or None with the reason added to the problems."""
    try:
        return make()
    except (PageError, TreeError) as exc:
        problems.append(Problem("docs/", "", "", str(exc)))
        return None
    except Exception as exc:  # noqa: BLE001 - the editors' check reports, never crashes
        problems.append(Problem("docs/", "", "", f"a page could not be made ({type(exc).__name__}: {exc}). The data "
                                "passed every check, so this is a fault in the generator: tell a developer."))
        return None


def _reviewed(root: Path, problems: list[Problem]) -> list[dict]:
    """The sentence faults known, reviewed and being fixed (reader-text/reviewed-hits.yaml), if any."""
    path = root / REVIEWED
    if not path.exists():
        return []
    try:
        raw = load_file(path)
    except YamlProblem as exc:
        problems.append(Problem(REVIEWED, "", "", str(exc)))
        return []
    if not isinstance(raw, list) or not all(isinstance(h, dict) and {"page", "says", "why"} <= set(h) for h in raw):
        problems.append(Problem(REVIEWED, "", "", "expected a list of entries, each with page, says and why."))
        return []
    return raw


ACCEPT = ("Read the changed sentences ('-' the text kept, '+' what readers would see). When they are right, "
          "run `make accept` to keep them, and commit reader-text/ with the data.")


def reader_text_changes(root: Path, pages: dict[str, ReaderPage]) -> list[Problem]:
    """Each page whose words differ from reader-text/, with its changed sentences as a unified diff."""
    kept = committed(root)
    if kept is None:
        return [Problem(READER_TEXT + "/", "", "", "there is no reader text yet: run `make accept` to write it.",
                        warning=True)]
    out = []
    for page_id, src, diff in changes(kept, pages):
        what = (f"the words of {src} changed" if page_id in kept and src else
                f"new page {src}: its words are not in reader-text/ yet" if src else "this page is no longer made")
        body = "\n".join("       " + row for row in diff.rstrip("\n").split("\n"))
        out.append(Problem(f"{READER_TEXT}/{page_id}.txt", page_id, "", f"{what}. {ACCEPT}\n{body}"))
    return out


TEMPLATE_MARK = "REPLACE"


def template_leftovers(root: Path) -> list[Problem]:
    """A warning for each line of data/ that still holds a template's words (`make new-tool` and the others)."""
    out = []
    for path in sorted((root / "data").rglob("*.yaml")):
        try:
            text = decode(path.read_bytes(), check_tabs=False)
        except YamlProblem:
            continue
        rows = [n for n, row in enumerate(text.split("\n"), 1)
                if not row.lstrip().startswith("#") and TEMPLATE_MARK in row.split(" #")[0]]
        if rows:
            many = f"{len(rows)} lines still hold" if len(rows) > 1 else "this line still holds"
            at = f" (lines {', '.join(map(str, rows))})" if len(rows) > 1 else ""
            out.append(Problem(path.relative_to(root).as_posix(), "", "", f"{many} the template's words "
                               f"('{TEMPLATE_MARK} ...'){at}. Write the real words, or {{not_known: \"why\"}} where "
                               "the field may be unknown. `make release` refuses until none is left.",
                               rows[0], warning=True))
    return out


def _known(data: SiteData | None, r: Records | None) -> Known:
    if data is not None:
        facts = list(data.facts.values())
        return Known(
            sources=set(data.sources), facts=set(data.facts), topics={f.topic for f in facts},
            figures={f.id for t in data.tools for f in t.figures}, stages={s.id for s in data.mappa.stages},
            categories={x.id for x in data.mappa.categories}, ids=_published_ids(data),
            superseded=superseded_sources(data.sources.values()), groups=_groups(data.tools),
            downloads=set(by_key(data)),
        )
    if r is None:
        return Known()
    read = {kind for kind in ("sources", "facts", "tools") if kind not in r.failed}  # a failed file: ids unknown
    return Known(
        sources={s.id for s in r.sources} if "sources" in read else None,
        facts={f.id for f in r.facts} if "facts" in read else None,
        topics={f.topic for f in r.facts} if "facts" in read else None,
        figures={f.id for t in r.tools for f in t.figures} if "tools" in read else None,
        stages={s.id for s in r.mappa.stages} if r.mappa else None,
        categories={x.id for x in r.mappa.categories} if r.mappa else None,
        groups=_groups(r.tools) if "tools" in read else None,
        superseded=superseded_sources(r.sources) if "sources" in read else {},
    )


def _groups(tools) -> set[str]:
    """The population groups a tool record names (tools_not_validated_for's argument)."""
    out = {g for t in tools for g in t.also_see_groups}
    return out | {g.group for t in tools if isinstance(t.not_validated_for, list) for g in t.not_validated_for}


def macro_descriptions() -> list[Problem]:
    """A macro whose arguments are not all described in guidance/site/page_macros.py MACRO_ARGS (for developers)."""
    return [Problem("guidance/site/page_macros.py", "", "MACRO_ARGS", f"the macro argument {what} is not described: add "
                    "it to MACRO_ARGS (its kind of id, or \"text\"), so that `make check` checks every call of it.")
            for what in undescribed()]


def _published_ids(data: SiteData) -> set[str]:
    return set(ids(data))  # the same map the ref() macro uses


def _page_info(data: SiteData | None, r: Records | None) -> tuple[dict[str, str], set[str]]:
    pages = data.pages if data is not None else (r.pages if r else {})
    ids = {src: p.meta.id for src, p in pages.items()}
    no_macros = {src for src, p in pages.items() if p.meta.render_macros is False}
    return ids, no_macros


def _bodies(root: Path) -> dict[str, tuple[str, int]]:
    """Each docs/ page's body and the line it starts on; pages that cannot be read are reported by the loader."""
    out: dict[str, tuple[str, int]] = {}
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")):
        try:
            text = decode(path.read_bytes(), check_tabs=False)
        except YamlProblem:
            continue
        fm, body, offset = split_front_matter(text)
        if fm is not None:
            out[path.relative_to(docs).as_posix()] = (body, offset)
    return out


def check_gap_pages(data: SiteData, showing: set[str], rendering: Rendering | None = None) -> list[Problem]:
    """Each page a gap names exists; a hand-written one calls gaps_here(); a generated one shows the gap (in
    its body as rendered, when there is a rendering)."""
    generated = {p.src: p for p in generated_pages(data)}
    problems: list[Problem] = []
    origins = data.origins  # record id -> Origin, kept by the loader
    for g in data.gaps:
        origin = origins.get(g.id)
        file = origin.file if origin else data.file_of.get(g.id, "data/gaps/")
        for i, src in enumerate(g.pages):
            line = origin.raw["pages"].line_of(i) if origin and hasattr(origin.raw.get("pages"), "line_of") else None
            where = (file, g.id, f"pages[{i}]")
            if src in data.pages:
                if src not in showing:
                    problems.append(Problem(*where, f"docs/{src} does not show gaps: add the line "
                                            "{{ gaps_here() }} to it where the gaps should appear.", line))
            elif src in generated:
                body = rendering.body(src) if rendering is not None else None
                if gap_box(data, src, g) not in (body if body is not None else render_page(data, generated[src])):
                    problems.append(Problem(*where, f"{src} is a page made from the data that does not show gaps "
                                            f"yet, so readers of that page will not see '{g.topic}'. Name another "
                                            "page, or ask a developer to show gaps on this kind of page.",
                                            line, warning=True))
            else:
                problems.append(Problem(*where, f"no page '{src}'. Name a page under docs/, or a page made from the "
                                        f"data, as a path like mappa/timescales.md.{closest(src, [*data.pages, *generated])}",
                                        line))
    return problems
