"""MkDocs hooks: validate data first, generate pages and downloads, add page furniture, write permalinks.

Listed under `hooks:` in mkdocs.yml, so they run after the plugins for each event (after
mkdocs-macros has rendered a page). The `macros` package is imported inside each function so
that `mkdocs serve` always uses the code reloaded by macros/main.py.
"""
from __future__ import annotations

import html
import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

log = logging.getLogger("mkdocs.hooks.guidance")


_BUILD: dict[str, object] = {}  # the data of the build in progress: loaded and validated once, in on_config


def _data():
    if "data" not in _BUILD:
        from macros.loader import DataErrors, load_site

        try:
            _BUILD["data"] = load_site(ROOT)
        except DataErrors as exc:
            raise PluginError(exc.report()) from None
    return _BUILD["data"]


def on_config(config):
    _BUILD.clear()  # a new build (mkdocs serve rebuilds): load the data afresh
    data = _data()
    # every glossary abbreviation becomes a tooltip on every page (Python-Markdown abbr glossary)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = {t.abbr: t.expansion for t in data.terms}
    config.site_name = data.site.title
    return config


def on_files(files, config):
    import yaml

    from macros.catalogue import generated_pages
    from macros.exports import all_exports

    data = _data()
    existing = {f.src_uri for f in files}  # one set: Files.get_file_from_path after each append is quadratic
    for page in generated_pages(data):
        if page.src in existing:
            raise PluginError(
                f"docs/{page.src} clashes with a page generated from data. Rename or remove docs/{page.src}."
            )
        body = page.render(data, page.src)
        front = yaml.safe_dump(page.meta(), sort_keys=False, allow_unicode=True)
        content = f"---\n{front}---\n\n{body}"
        files.append(File.generated(config, page.src, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    for path, text in all_exports(data).items():
        files.append(File.generated(config, path, content=text))
    return files


def on_page_markdown(markdown, page, config, files):
    from macros.render_common import answers_banner, cite_this

    data = _data()
    meta = page.meta
    src = page.file.src_uri
    if "answers" not in meta or "id" not in meta:
        raise PluginError(f"docs/{src}: front matter must say which recommendations the page answers ('answers').")
    # search: exclude or boost the page as data/search.yaml says (ids and synonyms join the index after the build)
    from macros.search_terms import search_meta

    page.meta["search"] = search_meta(data, meta)
    top = answers_banner(data, src, meta)
    bottom = cite_this(data, src, meta.get("title") or page.title or "", meta["id"])
    title = meta.get("title") or page.title or ""
    heading = "" if markdown.lstrip().startswith("# ") else f"# {title}\n\n"
    final = f"{heading}{top}\n{markdown}\n\n{bottom}"
    dump = os.environ.get("GUIDANCE_DUMP_MARKDOWN")
    if dump:  # used by scripts/bench.py to build the same content as plain Markdown
        import yaml

        out = Path(dump) / src
        out.parent.mkdir(parents=True, exist_ok=True)
        keep = {k: v for k, v in meta.items() if k in ("title", "search", "tags")}
        out.write_text(f"---\n{yaml.safe_dump(keep, allow_unicode=True)}---\n\n{final}", encoding="utf-8")
    return final


def on_page_context(context, page, config, nav):
    """The theme prints the description into an attribute without escaping it: escape it here."""
    desc = page.meta.get("description")
    if desc:
        page.meta["description"] = html.escape(" ".join(str(desc).split()), quote=True)
    return context


_READABILITY: dict[str, object] = {}


def on_page_content(html_text, page, config, files):
    """Measure the prose of every page that is held to the reading-ease floor (content only, no theme)."""
    from macros.readability import prose_from_html, score

    from macros.search_terms import mark_furniture

    html_text = mark_furniture(html_text)  # furniture stays out of the search index
    if page.meta.get("readability"):
        _READABILITY[page.file.src_uri] = (page.meta.get("title", ""), score(prose_from_html(f"<article>{html_text}</article>")))
    return html_text


def _write_readability(config, data):
    """Replace the placeholder on the editors' page with the measured table."""
    from macros.ids import page_url

    floor = data.style.min_reading_ease
    rows = []
    for src, (title, s) in sorted(_READABILITY.items()):
        flag = "below the floor" if s.reading_ease < floor else "ok"
        rows.append(
            f"<tr><td><a href=\"../{page_url(src)}\">{html.escape(title)}</a></td><td>{s.reading_ease}</td>"
            f"<td>{s.mean_sentence:.1f}</td><td>{s.longest_sentence}</td><td>{s.words}</td><td>{flag}</td></tr>"
        )
    table = (
        f"<p>Floor for practitioner pages: Flesch reading ease {floor}. Measured on the running prose of each page "
        "(tables, pictures and page furniture left out).</p><table><thead><tr><th>Page</th><th>Reading ease</th>"
        "<th>Mean sentence (words)</th><th>Longest sentence</th><th>Words</th><th>Status</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )
    target = Path(config.site_dir) / "editors" / "index.html"
    if target.exists():
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace('<div id="readability-report"></div>', table), encoding="utf-8")
    _READABILITY.clear()


def on_post_build(config):
    from macros.ids import page_url
    from macros.print_links import repair
    from macros.redirects import write_permalinks
    from macros.render_site import overdue

    data = _data()
    n = write_permalinks(data, Path(config.site_dir))
    repair(data, Path(config.site_dir))
    _write_readability(config, data)
    from macros.search_terms import rewrite_index

    rewrite_index(data, Path(config.site_dir))  # ids, synonyms and best bets into the search index
    late = overdue(data)
    log.info("Wrote %d permanent links under id/.", n)
    if late:
        log.info("Review overdue for %d pages or records:", len(late))
        for kind, item_id, title, due, owner, page in late:
            log.info("  OVERDUE %s %s (%s), due %s, owner %s: /%s", kind, item_id, title, due, owner, page_url(page))
    else:
        log.info("No page or record is overdue for review.")
