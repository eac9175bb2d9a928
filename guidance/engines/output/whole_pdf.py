"""The whole guidance as one document for print (issue #32): every content page of the edition in reading
order, assembled from the built site, for guidance/engines/output/pdfs.py to print as one PDF.

The theme's print page (mkdocs-print-site) holds only the pages in the navigation, so the stages, agencies,
pathways, tools, bench notes and training paths were missing from the PDF. This module reads each built page's
article instead, in the order of READING_ORDER, and writes one HTML document: a cover with the edition and
its date, a table of contents, then each page starting on a new sheet, headed by its title, its page ID and
its address. Headings move one level down under a heading for each part, so the PDF's bookmarks run part >
page > section. Ids are prefixed with the page's slug; a link to a page inside the document becomes a link
within the PDF; every link's address (on the public site) prints once, after the first link to it.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from ...data.editions import is_draft
from ...data.loader import SiteData
from ...paths import page_url
from ...sitemap import PageInfo, all_pages
from ...theme import CONTENT_OPEN, THEME_FURNITURE, TYPESET

# (part, the source paths or folders it holds, in order). A page no part names goes into the last part,
# so a new page is never left out; EXCLUDED pages are registers that change with every edition.
READING_ORDER: list[tuple[str, list[str]]] = [
    ("Start here", ["index.md", "how-to-read.md"]),
    ("MAPPA in one page", ["mappa/index.md"]),
    ("The five stages", ["mappa/stages/index.md", "mappa/stages/", "mappa/timescales.md", "mappa/checklists.md",
                         "mappa/checklists/"]),
    ("Agencies and roles", ["mappa/agencies/", "mappa/roles/index.md", "mappa/roles/"]),
    ("Pathways by category", ["mappa/pathways/index.md", "mappa/pathways/"]),
    ("Answer a case question", ["flows/"]),
    ("MAPPA topics", ["mappa/legal-basis.md", "mappa/information-sharing.md", "mappa/visor.md", "mappa/prison.md",
                      "mappa/restricted-patients.md", "mappa/olr.md", "mappa/leaving.md", "mappa/documents.md",
                      "mappa/oversight.md", "mappa/"]),
    ("Risk assessment standards", ["standards/index.md", "standards/full-assessment.md", "standards/coverage.md",
                                   "standards/self-audit.md", "standards/"]),
    ("Risk-assessment tools and bench notes", ["tools/index.md", "tools/a-z.md", "tools/", "bench-notes/"]),
    ("For the bench", ["judiciary/index.md", "judiciary/"]),
    ("Training", ["training/index.md", "training/cite.md", "training/paths/"]),
    ("The 2009 report, glossary and sources", ["recommendations/index.md", "recommendations/", "glossary.md",
                                                "sources.md", "about.md", "accessibility.md", ""]),
]
# registers and change lists grow with the data and are not guidance (as on the theme's print page)
EXCLUDED = {"training/ids.md", "training/changes.md", "training/editions.md", "training/downloads.md", "editors.md",
            "still-to-check.md"}
# page furniture that means nothing on paper
DROP = f".headerlink, {THEME_FURNITURE}, .report-problem, script, form, button, .copy-cite"


def on_paper(p: PageInfo) -> bool:
    """A page the whole PDF holds: not a register (EXCLUDED), and not one step of a decision flow (each flow
    prints whole on its map page: the tree of questions and outcomes in words)."""
    return p.src not in EXCLUDED and p.kind != "flow_node"


def reading_order(data: SiteData) -> list[tuple[str, list[PageInfo]]]:
    """Every content page in its part, in reading order (tools each followed by their bench note)."""
    pages = [p for p in all_pages(data) if on_paper(p)]
    taken: set[str] = set()
    out = []
    for part, keys in READING_ORDER:
        here: list[PageInfo] = []
        for key in keys:
            match = [p for p in pages if p.src not in taken and (p.src == key or (key.endswith("/") or not key) and p.src.startswith(key))]
            if key == "tools/":  # each tool, then its bench note
                notes = {p.src.removeprefix("bench-notes/"): p for p in pages if p.src.startswith("bench-notes/")}
                match = [x for p in match for x in (p, notes.get(p.src.removeprefix("tools/"))) if x and x.src not in taken]
            for p in match:
                taken.add(p.src)
                here.append(p)
        if here:
            out.append((part, here))
    return out


def slug_of(src: str) -> str:
    return "p-" + (re.sub(r"[^a-z0-9]+", "-", src.removesuffix(".md").lower()).strip("-") or "home")


class _Links:
    """Where each link of the document goes, and the address printed after it (once in the document)."""

    def __init__(self, urls: dict[str, str], ids: dict[str, set[str]], public: str):
        self.urls, self.ids, self.public, self.printed = urls, ids, public, set()

    def fix(self, a, here: str) -> None:
        href = a.get("href", "")
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            return
        if href.startswith("#"):
            frag = href[1:]
            a["href"] = f"#{self.urls[here]}--{frag}" if frag in self.ids[here] else f"#{self.urls[here]}"
            return
        full = urljoin("http://site.invalid/" + here, href)
        parts = urlsplit(full)
        if parts.netloc != "site.invalid":  # another site: its own address
            self._show(a, href, href)
            return
        path = parts.path.lstrip("/").removesuffix("index.html")
        shown = self.public + path + (f"#{parts.fragment}" if parts.fragment else "")
        if path in self.urls:
            slug = self.urls[path]
            a["href"] = f"#{slug}--{parts.fragment}" if parts.fragment in self.ids[path] else f"#{slug}"
        else:
            a["href"] = shown
        self._show(a, shown, shown.split("#")[0] if a.find_parent(class_="source-notes") else shown)

    def _show(self, a, shown: str, key: str) -> None:
        text = re.sub(r"\s", "", a.get_text())
        if key in self.printed or shown.removeprefix("https://").removeprefix("http://").rstrip("/") in text:
            return
        if a.find_parent(attrs={"data-abs-path": True}) or a.has_attr("data-abs-path") or a.find_parent("sup"):
            return
        self.printed.add(key)
        a["data-print-href"] = key


def _article(site: Path, url: str) -> BeautifulSoup | None:
    f = site / url / "index.html"
    if not f.is_file():
        return None
    text = f.read_text(encoding="utf-8")
    start, end = text.find("<article"), text.rfind("</article>")  # the page's one article, without the theme's
    if 0 <= start < end:  # navigation around it (half a page's bytes): only the article is printed
        text = text[start:end + len("</article>")]
    return BeautifulSoup(text, "html.parser").select_one("article")


def _demote(art) -> None:
    for h in art.find_all(re.compile(r"^h[1-6]$")):
        h.name = f"h{min(6, int(h.name[1]) + 1)}"


def _prefix_ids(art, slug: str) -> None:
    for el in art.find_all(id=True):
        el["id"] = f"{slug}--{el['id']}"
    for attr in ("aria-labelledby", "aria-describedby", "aria-controls", "for"):
        for el in art.find_all(attrs={attr: True}):
            el[attr] = " ".join(f"{slug}--{v}" for v in str(el[attr]).split())


def whole_document(site: Path, data: SiteData, public: str, base: str) -> str:  # long: one pass over every page
    """The HTML of the whole guidance. `public` is the site's address ("/" without PUBLIC_URL), `base` the
    address the printing browser loads the site's style sheets and images from."""
    parts = reading_order(data)
    urls = {page_url(p.src): slug_of(p.src) for _part, ps in parts for p in ps}
    arts, ids = {}, {}
    for _part, ps in parts:
        for p in ps:
            url = page_url(p.src)
            art = _article(site, url)
            if art is None:
                raise SystemExit(f"The whole-guidance PDF needs {url or '/'}, which the build did not make.")
            arts[url], ids[url] = art, {el["id"] for el in art.find_all(id=True)}
    links = _Links(urls, ids, public)
    head = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    css = "".join(f'<link rel="stylesheet" href="{html.escape(urljoin(base, ln["href"]), quote=True)}">'
                  for ln in head.select("link[rel=stylesheet]")
                  if not ln["href"].startswith(("http:", "https:")) and "print-site" not in ln["href"])  # its page counter
    edition = f"{'Draft of edition' if is_draft(data) else 'Edition'} {data.site.version}, " \
              f"{data.site.version_date.strftime('%-d %B %Y')}"
    title = html.escape(data.site.title)
    toc, body = [], []
    for part, ps in parts:
        pslug = "part-" + re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-")
        toc.append(f'<li><a href="#{pslug}">{html.escape(part)}</a><ol>'
                   + "".join(f'<li><a href="#{slug_of(p.src)}">{html.escape(p.title)}</a></li>' for p in ps) + "</ol></li>")
        # the heading inside the theme's text box: a bare h1 outside it came out twice in Chromium's bookmarks
        body.append(f'<section class="whole-part"><div class="whole-part-head {TYPESET}"><h1 id="{pslug}">'
                    f'{html.escape(part)}</h1></div>')
        for p in ps:
            url, slug = page_url(p.src), slug_of(p.src)
            art = arts[url]
            for el in art.select(DROP):
                el.decompose()
            for a in art.find_all("a", href=True):
                links.fix(a, url)
            for img in art.find_all(["img", "source"], src=True):
                img["src"] = urljoin(urljoin(base, url), img["src"])
            _prefix_ids(art, slug)
            _demote(art)
            h = art.find("h2")
            if h is not None:
                h["id"] = slug
            address = html.escape(public + url)
            body.append(CONTENT_OPEN.format(extra=" whole-page", attrs=f' data-page-id="{html.escape(p.id)}"')
                        + art.decode_contents()
                        + f'<p class="whole-page-id">Page ID {html.escape(p.id)} · on the site at {address}</p>'
                        "</article></div>")
        body.append("</section>")
    excluded = ", ".join(sorted(EXCLUDED))
    where = f" at {html.escape(public)}" if public.startswith("http") else ""
    return f"""<!doctype html>
<html lang="en" class="js"><head><meta charset="utf-8"><title>{title}: the whole guidance</title>{css}
<style>
@page {{ size: A4; margin: 12mm 12mm 16mm; }}
.whole-cover {{ break-after: page; padding-top: 30mm; }}
.whole-cover h1 {{ font-size: 22pt; }}
.whole-toc {{ break-after: page; }}
.whole-toc ol {{ margin: .2em 0 .4em 1.2em; }}
.whole-page {{ break-before: page; }}
.whole-part-head > h1 {{ break-before: page; font-size: 18pt; margin: 0 0 .3em; padding-bottom: .2em; border-bottom: 2pt solid #3f51b5; }}
.whole-part-head {{ break-before: page; }}
.whole-part-head + .whole-page {{ break-before: avoid; }}
.{TYPESET} h2:first-child, .whole-page .{TYPESET} > h2:first-of-type {{ font-size: 15pt; }}
.whole-page-id {{ font-size: 8pt; color: #424242; border-top: 1px solid #ccc; padding-top: .3em; }}
</style></head>
<body class="whole-guidance"><main class="whole">
{CONTENT_OPEN.format(extra="", attrs="")}
<div class="whole-cover"><h1>{title}</h1><p><strong>The whole guidance: every page of the site, for print.</strong></p>
<p>{edition}. The site is the authority: check it for the current edition{where}.</p>
<p>Each page starts on a new sheet with its title, and ends with its page ID and its address on the site.
A link's address is printed after its first use. Left out, because they change with every edition:
the registers and change lists ({html.escape(excluded)}). Each decision flow is printed whole, as its tree of
questions and outcomes; the pages of its single steps are left out.</p></div>
<nav class="whole-toc" aria-label="Contents"><h1 id="contents">Contents</h1><ol>{''.join(toc)}</ol></nav>
</article></div>
{''.join(body)}
</main></body></html>
"""


def footer(data: SiteData) -> str:
    """The line at the foot of every printed sheet: the edition, its date and the page number."""
    edition = f"{'Draft of edition' if is_draft(data) else 'Edition'} {data.site.version}, {data.site.version_date.strftime('%-d %B %Y')}"
    return ('<div style="font-size:9px;width:100%;margin:0 12mm;display:flex;justify-content:space-between;'
            f'font-family:sans-serif;color:#333"><span>{html.escape(data.site.title)} · {html.escape(edition)}</span>'
            '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>')
