"""The MkDocs plugin (`guidance` in mkdocs.yml): validate data first, generate pages and downloads,
add page furniture, write permanent links.

It is listed after mkdocs-macros, so each page reaches it after the page macros have run; its
post-build step runs last of all (event priority), after print-site has written the print page. Per-build state (the validated data, the readability scores) lives on the
plugin instance. Data edits reload under `mkdocs serve`; restart `serve` after code edits.
"""
from __future__ import annotations

import html
import logging
import os
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from ..data.editions import editions
from ..data.loader import DataErrors, SiteData, load_site
from ..paths import CHANGE_FEED, page_url
from ..render.common import about_panel, ids_on_page, page_head
from ..render.site import overdue
from ..sitemap import all_pages, generated_pages
from .abbr_first import first_use_only, tooltips
from .breadcrumbs import crumbs, trail
from .exports import all_exports
from .feed import change_feed
from .generate import render_page
from .permalinks import write_permalinks
from .phone_tables import mark_tables
from .public_address import configure as configure_public_address
from .print_links import repair
from .readability import prose_from_html, score
from .search_index import mark_furniture, rewrite_index, search_meta
from .source_notes import number_sources

log = logging.getLogger("mkdocs.plugins.guidance")


def project_root(config) -> Path:
    """The project folder: the one holding mkdocs.yml (and data/, docs/)."""
    return Path(config.config_file_path).resolve().parent


class GuidancePlugin(BasePlugin):
    def __init__(self):
        super().__init__()
        self.data: SiteData | None = None
        self.readability: dict[str, tuple[str, object]] = {}
        self.nav_pages: dict = {}  # src -> the navigation's Page, for breadcrumbs and the active section
        self.activated = None  # the listed page marked active while a page outside the navigation renders

    # ------------------------------------------------------------ events
    def on_config(self, config):
        try:  # a new build (mkdocs serve rebuilds): load the data afresh (cached while unchanged)
            self.data = load_site(project_root(config))
            editions(self.data)  # data/editions.yaml is checked with the rest of the data
        except DataErrors as exc:
            raise PluginError(exc.report()) from None
        configure_public_address(config)  # PUBLIC_URL: sitemap and canonical links (issue 24)
        self.readability = {}
        # every glossary abbreviation becomes a tooltip on every page (Python-Markdown abbr glossary)
        config.mdx_configs.setdefault("abbr", {})["glossary"] = tooltips(self.data)
        config.site_name = self.data.site.title
        return config

    def on_files(self, files, config):
        data = self.data
        existing = {f.src_uri for f in files}  # one set: Files.get_file_from_path after each append is quadratic
        for page in generated_pages(data):
            if page.src in existing:
                raise PluginError(
                    f"docs/{page.src} clashes with a page generated from data. Rename or remove docs/{page.src}."
                )
            front = yaml.safe_dump(page.meta(), sort_keys=False, allow_unicode=True)
            content = f"---\n{front}---\n\n{render_page(data, page)}"
            files.append(File.generated(config, page.src, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        for path, text in all_exports(data).items():
            files.append(File.generated(config, path, content=text))
        files.append(File.generated(config, CHANGE_FEED, content=change_feed(data)))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        data = self.data
        meta = page.meta
        src = page.file.src_uri
        # search: exclude or boost the page as data/search.yaml says (ids and synonyms join the index after the build)
        page.meta["search"] = search_meta(data, meta)
        title = meta.get("title") or page.title or ""
        head = page_head(data, src, meta)
        foot = about_panel(data, src, meta, title)
        body = markdown.lstrip()
        if body.startswith("# "):  # a page that writes its own title: the head goes under it
            first, _, rest = body.partition("\n")
            heading, body = first + "\n\n", rest
        else:
            heading = f"# {title}\n\n"
        final = f"{heading}{head}\n{body}\n\n{foot}"
        dump = os.environ.get("GUIDANCE_DUMP_MARKDOWN")
        if dump:  # scripts/bench.py builds the same content as plain Markdown from these files
            _dump_markdown(Path(dump), src, meta, final)
        return final

    def on_nav(self, nav, config, files):
        self.nav_pages = {p.file.src_uri: p for p in nav.pages}
        return nav

    def on_page_context(self, context, page, config, nav):
        """Breadcrumbs and the active section; the description escaped (the theme prints it raw)."""
        desc = page.meta.get("description")
        if desc:
            page.meta["description"] = html.escape(" ".join(str(desc).split()), quote=True)
        src = page.file.src_uri
        info = self._page_info()
        chain = trail(src, set(self.nav_pages), info)
        top = self.nav_pages.get(chain[0])
        sections = [a.title for a in reversed(top.ancestors)] if top is not None else []
        titles = {s: t for s, (t, _k, _key) in info.items()}
        page.meta["crumbs"] = crumbs(src, sections, chain, titles)
        if top is not None and top is not page:  # a page outside the navigation: show where it belongs
            top.active = True
            self.activated = top
        return context

    def on_post_page(self, output, page, config):
        if self.activated is not None:
            self.activated.active = False
            self.activated = None
        return output

    def _page_info(self) -> dict:
        return self.data.memo("page_info", lambda: {p.src: (p.title, p.kind, p.key) for p in all_pages(self.data)})

    def on_page_content(self, html_text, page, config, files):
        """Measure the prose of every page held to the reading-ease floor (content only, no theme)."""
        html_text = mark_tables(number_sources(html_text, str(page.meta.get("id", page.file.src_uri))))
        html_text = mark_furniture(html_text)  # furniture stays out of the search index
        if page.meta.get("readability"):
            measured = score(prose_from_html(f"<article>{html_text}</article>"))
            self.readability[page.file.src_uri] = (page.meta.get("title", ""), measured)
        return first_use_only(html_text)

    @event_priority(-100)  # after print-site has written the print page, whose links this repairs
    def on_post_build(self, config):
        data = self.data
        site = Path(config.site_dir)
        n = write_permalinks(data, site)
        repair(data, site)
        _write_readability(site, data, self.readability)
        rewrite_index(data, site)  # ids, synonyms and best bets into the search index
        log.info("Wrote %d permanent links under id/.", n)
        late = overdue(data)
        if late:
            log.info("Review overdue for %d pages or records:", len(late))
            for kind, item_id, title, due, owner, page in late:
                log.info("  OVERDUE %s %s (%s), due %s, owner %s: /%s", kind, item_id, title, due, owner, page_url(page))
        else:
            log.info("No page or record is overdue for review.")


def _dump_markdown(folder: Path, src: str, meta: dict, text: str) -> None:
    out = folder / src
    out.parent.mkdir(parents=True, exist_ok=True)
    keep = {k: v for k, v in meta.items() if k in ("title", "search", "tags")}
    out.write_text(f"---\n{yaml.safe_dump(keep, allow_unicode=True)}---\n\n{text}", encoding="utf-8")


def _write_readability(site: Path, data: SiteData, scores: dict) -> None:
    """Replace the placeholder on the editors' page with the measured table."""
    floor = data.style.min_reading_ease
    rows = []
    for src, (title, s) in sorted(scores.items()):
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
    target = site / "editors" / "index.html"
    if target.exists():
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace('<div id="readability-report"></div>', mark_tables(table)), encoding="utf-8")
