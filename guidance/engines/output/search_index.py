"""Search: index what a reader reads, and the words readers use (data/search.yaml).

Three steps: 1 by the generator and 2 by the page-HTML pass (guidance/site/page_search.py: the pages
excluded and boosted, the furniture marked out of search), 3 here, by the post-build step
(guidance/engines/output/postbuild.py):
3. `rewrite_index`: after the theme has written search/search_index.json, each entry gets a `keys`
   field (the permanent IDs that live there, a tool's short name, and the synonyms from
   data/search.yaml) and a `bestbet` field (the best-bet questions), both searched with their own
   boost (mkdocs.yml, `plugins: search: fields`). Empty sections and furniture left-overs are dropped; a page
   under `by_name` keeps its title and opening words only. In Zensical's index each phrase and id is kept
   apart (' | ') and each entry carries its page's boost: docs/assets/search-ranked.js ranks it there.
   It also writes search/vocabulary.js (a script, so that it loads from file://): every word of the index with how often it occurs, and the
   run-together form of every id and tool name ("lscmi" -> "LS/CMI"), for the browser's spelling
   correction ("Did you mean ...", docs/assets/site.js). A tool's short name goes into `keys` run
   together ("hcr20"), so the digits of a tool's name never match a number typed on its own.

The typed query itself is tidied in the browser before it reaches the theme's search worker
(docs/assets/site.js): small words are dropped, numbers and two-letter words must match exactly.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...data.sitedata import SiteData, per_data
from ...paths import all_ids, page_url
from ...sitemap import generated_pages
from ...theme import SEARCH_INDEX

INDEX = Path("search") / "search_index.json"
VOCABULARY = Path("search") / "vocabulary.js"


@per_data
def _page_ids(data: SiteData) -> dict[str, str]:
    """Page id -> page source path, hand-written and generated pages."""
    out = {p.meta.id: src for src, p in data.pages.items()}
    out.update({p.id: p.src for p in generated_pages(data)})
    return out


def _words(values, sep: str = " ") -> str:
    seen: list[str] = []
    for v in values:
        v = " ".join(str(v).split())
        if v and v not in seen:
            seen.append(v)
    return sep.join(seen)


# Zensical's index keeps each reader's phrase and id apart: docs/assets/search-ranked.js matches them whole
PHRASE_SEP = {"docs": " ", "items": " | "}


@per_data
def index_terms(data: SiteData) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(keys, best bets) by location (page URL, with '#anchor' for an item on a page)."""
    located = all_ids(data)
    abbr = {t.id: t.abbr for t in data.tools}
    pages = _page_ids(data)

    def where(item_id: str) -> str | None:
        if item_id in located:
            return located[item_id].url
        if item_id in pages:
            return page_url(pages[item_id])
        return None

    keys: dict[str, list[str]] = {}
    for item_id, loc in located.items():
        keys.setdefault(loc.url, []).append(item_id)
        if item_id in abbr:  # run together: "HCR-20 V3" -> "hcr20 v3" (its parts are in the title)
            keys[loc.url].append(" ".join(squash(w) for w in abbr[item_id].split()))
    for page_id, src in pages.items():
        keys.setdefault(page_url(src), []).append(page_id)
    for syn in data.search.synonyms:
        url = where(syn.id)
        if url is not None:
            keys.setdefault(_at(url, syn.section), []).extend(syn.words)
    bets: dict[str, list[str]] = {}
    for bet in data.search.best_bets:
        url = where(bet.id)
        if url is not None:
            bets.setdefault(_at(url, bet.section), []).append(bet.query)
    return keys, bets


def _at(url: str, section: str | None) -> str:
    """A page's address, or one section of it (a synonym or best bet with `section:` lands on that heading)."""
    return f"{url.split('#')[0]}#{section}" if section else url


def missing_sections(data: SiteData, locations: set[str]) -> list[str]:
    """Editors' messages for each `section:` in data/search.yaml that names no heading of its page."""
    out = []
    entries = [("synonyms", i, x) for i, x in enumerate(data.search.synonyms)]
    entries += [("best_bets", i, x) for i, x in enumerate(data.search.best_bets)]
    pages = _page_ids(data)
    located = all_ids(data)
    for key, i, x in entries:
        if not x.section:
            continue
        url = located[x.id].url if x.id in located else page_url(pages[x.id]) if x.id in pages else None
        if url is None or _at(url, x.section) in locations:
            continue
        page = url.split("#")[0]
        near = sorted(loc.split("#")[1] for loc in locations if loc.startswith(page + "#"))
        out.append(f"data/search.yaml | {x.id} | {key}[{i}].section: no heading '{x.section}' on /{page}. "
                   f"Its headings' anchors are: {', '.join(near) or 'none'}.")
    return out


_EMPTY_PARENS = re.compile(r"\s*\((?:\s|[;,.]|&nbsp;)*\)")
_EMPTY_LIST = re.compile(r"(?:\s*;)+\s*(?=</p>|</li>|$)|(?<=<p>)(?:\s*;)+|(?:\s*;){2,}")
# furniture that sits inside a block of content (a step's or tool's record-keeping lines)
_RECORD_LINES = re.compile(
    r"Answers: Recommendation \d+(?:, Recommendation \d+)*\.?"
    r"|History: \d{4}\.\d+\.\d+:[^<]*?(?=</p>|</li>|$)"
    r"|<p>(?:<strong>)?Change history(?:</strong>)?</p>\s*<ul>.*?</ul>"
)
_EMPTY_LABEL = re.compile(r"\b(?:Source|Sources):\s*(?=[A-Z][a-z]+(?: [a-z]+)*:|</p>|</li>|$)")


NB_HYPHEN = "\u2011"  # looks like a hyphen; the index does not split words at it


def glue_tool_names(data: SiteData, text: str) -> str:
    """'HCR-20' -> 'HCR\u201120' in indexed text: one word, so a number typed on its own never matches the
    digits of a tool's name. Query words still match it as the start of a word ('hcr')."""
    pattern = _tool_name_digits(data)
    return pattern.sub(lambda mt: mt.group(1) + NB_HYPHEN + mt.group(2), text) if pattern else text


@per_data
def _tool_name_digits(data: SiteData):
    stems = sorted({m.group(1) for t in data.tools for m in re.finditer(r"\b([A-Za-z]+)-\d", f"{t.abbr} {t.name}")},
                   key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, stems)) + r")-(\d)", re.I) if stems else None


def _clean(text: str) -> str:
    """Remove what excluded source links leave behind ('()', '; ;'), and record-keeping lines."""
    text = _EMPTY_PARENS.sub("", text)
    text = _EMPTY_LIST.sub("", text)
    text = _RECORD_LINES.sub("", text)
    text = re.sub(r"<code>([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)</code>", r"\1", text)  # an id reads the same as plain text
    text = _EMPTY_LABEL.sub("", text)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"(</(?:p|li|ul|ol)>)\s+(<)|(>)\s+(</?(?:p|li|ul|ol)>)", r"\1\2\3\4", text)  # space between blocks
    return re.sub(r"\s{2,}", " ", text).strip()


_SEPARATOR = re.compile(r"[\s\-/'\u2019]+")  # as mkdocs.yml `plugins: search: separator`
_TAG = re.compile(r"<[^>]+>")


def squash(text: str) -> str:
    """A name or id run together, as a reader may type it: 'LS/CMI' -> 'lscmi', 'Static-99R' -> 'static99r'."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def word_counts(doc: dict) -> dict[str, int]:
    """The words of one index entry (split and trimmed as the theme's search does) with their counts."""
    counts: dict[str, int] = {}
    text = " ".join([doc.get("title", ""), html.unescape(_TAG.sub(" ", doc.get("text", ""))),
                     doc.get("keys", ""), doc.get("bestbet", "")])
    for w in _SEPARATOR.split(text.lower()):
        w = re.sub(r"^\W+|\W+$", "", w)
        if len(w) >= 3 and not w.isdigit():
            counts[w] = counts.get(w, 0) + 1
    return counts


def vocabulary(data: SiteData, docs: list[dict], counted: list[dict[str, int]] | None = None) -> dict:
    """Every word of the index with its count (`counted`: each entry's word_counts, when known), and the
    run-together forms of ids, tool names and multi-part synonyms, each with the form to show."""
    counts: dict[str, int] = {}
    for each in counted if counted is not None else map(word_counts, docs):
        for w, n in each.items():
            counts[w] = counts.get(w, 0) + n
    joined: dict[str, str] = {}
    names = [t.abbr for t in data.tools] + [t.name for t in data.tools] + list(all_ids(data))
    names += [w for syn in data.search.synonyms for w in syn.words]
    for name in names:
        key = squash(name)
        if len(key) >= 4 and key != name.lower():
            joined.setdefault(key, name)
    return {"words": dict(sorted(counts.items())), "joined": dict(sorted(joined.items())),
            "phrases": phrases(data, docs)}


def phrases(data: SiteData, docs: list[dict]) -> dict[str, str]:
    """The readers' words and ids (keys and best bets), each with the title of the one section or page they
    name: a search that reads only titles and text (Zensical's) is given that title instead (site.js).
    A phrase that names two places (a synonym shared by two tools) is left out."""
    titles = {doc["location"]: html.unescape(_TAG.sub("", doc.get("title", ""))) for doc in docs}
    keys, bets = index_terms(data)
    found: dict[str, set[str]] = {}
    for terms in (keys, bets):
        for loc, words in terms.items():
            if loc not in titles:
                continue
            for word in words:
                found.setdefault(" ".join(word.lower().split()), set()).add(titles[loc])
    return {p: next(iter(t)) for p, t in sorted(found.items()) if len(t) == 1 and p not in next(iter(t)).lower()}


_FIRST_BLOCK = re.compile(r"\s*(?:<p>.*?</p>|[^<]*)", re.S)


def by_name_pages(data: SiteData) -> set[str]:
    """URLs of the pages under `by_name` in data/search.yaml: indexed by their title and opening words only."""
    pages = _page_ids(data)
    return {page_url(pages[pid]) for pid in data.search.by_name if pid in pages}


def page_boosts(data: SiteData) -> dict[str, float]:
    """Page URL -> its boost from data/search.yaml. Material reads it from the page meta (search_meta); Zensical's
    index is given it on each entry of the page (docs/assets/search-ranked.js weighs by it)."""
    pages = _page_ids(data)
    return {page_url(pages[pid]): value for pid, value in data.search.boost.items() if pid in pages}


@dataclass
class IndexMemo:
    """`make serve`'s memory of the index entries it rewrote (rewrite_index): an entry whose page was not rebuilt
    comes back from MkDocs as it was, and is rewritten as it was, unless what it is rewritten with changed."""
    made_with: str = ""  # the tool names' pattern the entries were rewritten with
    entries: dict[str, tuple[dict | None, dict[str, int]]] = field(default_factory=dict)  # key -> (entry or None, words)


@dataclass(frozen=True)
class _Terms:
    keys: dict[str, list[str]]
    bets: dict[str, list[str]]
    boosts: dict[str, float]
    by_name: set[str]
    kind: str  # "docs" (MkDocs with Material) or "items" (Zensical)


def rewrite_index(data: SiteData, site_dir: Path, engine: str = "mkdocs", memo: IndexMemo | None = None) -> dict:
    """Add keys and best bets to the engine's index, drop empty sections. Returns counts. With a memo (`make
    serve`), an entry met before with the same keys, best bets and boost is taken from it."""
    path = Path(site_dir) / SEARCH_INDEX.get(engine, INDEX)
    if not path.exists():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    entries = "docs" if "docs" in index else "items"  # MkDocs with Material / Zensical
    keys, bets = index_terms(data)
    terms = _Terms(keys, bets, page_boosts(data) if entries == "items" else {}, by_name_pages(data), entries)
    pattern = _tool_name_digits(data)
    made_with = pattern.pattern if pattern else ""
    kept = memo.entries if memo is not None and memo.made_with == made_with else {}
    now: dict[str, tuple[dict | None, dict[str, int]]] = {}
    docs, counted = [], []
    before = path.stat().st_size
    for doc in index[entries]:
        loc, page = doc["location"], doc["location"].split("#")[0]
        key = repr((doc, keys.get(loc), bets.get(loc), page in terms.by_name, terms.boosts.get(page), entries))
        if key not in kept:
            done = _entry(data, doc, terms)
            kept[key] = (done, word_counts(done) if done is not None else {})
        now[key] = kept[key]
        if now[key][0] is not None:
            docs.append(now[key][0])
            counted.append(now[key][1])
    if memo is not None:
        memo.made_with, memo.entries = made_with, now
    wrong = missing_sections(data, {doc["location"] for doc in index[entries]})
    if wrong:
        raise SystemExit("\n".join(wrong))
    index[entries] = docs
    out = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(out, encoding="utf-8")
    write_vocabulary(Path(site_dir), vocabulary(data, docs, counted))
    return {"entries": len(docs), "bytes_before": before, "bytes_after": len(out.encode("utf-8"))}


def _entry(data: SiteData, doc: dict, terms: _Terms) -> dict | None:
    """One entry of the index rewritten (None: left out)."""
    loc = doc["location"]
    doc = dict(doc)
    if loc.split("#")[0] in terms.by_name:
        if "#" in loc:
            return None  # found by its name: its sections repeat pages that are searched on their own
        doc["text"] = _FIRST_BLOCK.match(doc.get("text", "")).group(0)
    doc.pop("tags", None)  # ids now live in 'keys', on the section they belong to
    doc["text"] = glue_tool_names(data, _clean(doc.get("text", "")))
    doc["title"] = glue_tool_names(data, doc.get("title", ""))  # "20 working days" never matches "HCR-20 V3"
    if "#" in loc and not doc["text"] and loc not in terms.keys and loc not in terms.bets:
        return None  # a heading with nothing under it (for example the cite box): no answer to show
    if loc in terms.keys:
        doc["keys"] = glue_tool_names(data, _words(terms.keys[loc], PHRASE_SEP[terms.kind]))
    if loc in terms.bets:
        doc["bestbet"] = _words(terms.bets[loc], PHRASE_SEP[terms.kind])
    if loc.split("#")[0] in terms.boosts:
        doc["boost"] = terms.boosts[loc.split("#")[0]]
    return doc


def write_vocabulary(site_dir: Path, words: dict) -> None:
    """search/vocabulary.js: the words for spelling help, as a script (a page opened from file:// may load a
    script but not fetch a file), setting `window.__searchVocabulary`; docs/assets/site.js adds it on first use."""
    (site_dir / VOCABULARY).parent.mkdir(parents=True, exist_ok=True)  # Zensical keeps its index elsewhere
    text = json.dumps(words, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    (site_dir / VOCABULARY).write_text(f"window.__searchVocabulary = {text};\n", encoding="utf-8")
