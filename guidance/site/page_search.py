"""What a page tells the theme's search, set while the generated tree is written and its pages converted.

The search index itself is rewritten after the build, from the engine's output (guidance/engines/output/search_index.py).
1. `search_meta` (by the generator, guidance/site/source_tree.py): pages named under `exclude` in data/search.yaml
   stay out of search; pages under `boost` rank higher or lower (Material reads `search: {exclude, boost}` from
   the page meta).
2. `mark_furniture` (by the page-HTML pass, guidance/site/page_html.py): permalink rows, copy buttons, inline
   source links and pictures that repeat a text list are marked `data-search-exclude`, so the theme's search
   leaves them out of the index. (The page-facts banner and the cite box are marked where they are rendered.)
"""
from __future__ import annotations

import re

from ..data.sitedata import SiteData


def search_meta(data: SiteData, meta: dict) -> dict:
    """The `search` meta for a page: excluded, boosted, or as the page itself says."""
    page_id = meta.get("id", "")
    search = dict(meta.get("search") or {})
    if page_id in data.search.exclude:
        search["exclude"] = True
    if page_id in data.search.boost:
        search["boost"] = data.search.boost[page_id]
    return search


_ID_ROW = re.compile(r'<p>(?=<code>[A-Z0-9-]+</code>\s*<span class="permalink")')
_CLASSED = re.compile(
    r'<(span|a|button|svg)((?:\s+[\w:-]+(?:="[^"]*")?)*?\s+class="(?:[^"]*\s)?(permalink|copy-cite|cite|pathway|icon-array|not-known)(?:\s[^"]*)?")'
)


_URL_LINK = re.compile(r'<a (?=[^>]*>\s*https?://[^<]*</a>)')


def mark_furniture(html_text: str) -> str:
    """Add data-search-exclude to page furniture. The theme strips the attribute after indexing.

    Furniture: the id-and-permalink row, permalink spans and copy buttons, inline source links,
    pictures that have a text version beside them, "Not known" notes (they answer no search), and
    links whose text is a bare web address."""
    html_text = _ID_ROW.sub('<p data-search-exclude="1">', html_text)
    html_text = _URL_LINK.sub('<a data-search-exclude="1" ', html_text)
    return _CLASSED.sub(lambda mt: f'<{mt.group(1)} data-search-exclude="1"{mt.group(2)}', html_text)
