"""A linkchecker connection plugin (scripts/outside_linkcheck.py): links to one page that differ only by their
#fragment share one parse of that page.

With AnchorCheck on, linkchecker rightly checks every URL#fragment on its own: it requests the page and looks for
an element with that id (or an <a> with that name). But it also parses the whole page again for each one, and its
AnchorCheck walks every element of it: for the 1 MB print page, linked at 600 of its own anchors, that is about
0.7 s of CPU each. A browser never sends the fragment, so each of those requests is the same request for the
same file.

For each HTML page it keeps the bytes and the elements that carry an id or a name. For each URL#fragment, after
its own HTTP request has answered and its own download is complete, this plugin compares the bytes with the last
download of the same page (its own URL, or another URL#fragment of it). Only when they are the same does it reuse the
parse; otherwise it parses them with linkchecker's parser, as AnchorCheck would. It hands AnchorCheck the
elements that carry an id or a name (the only ones AnchorCheck reads; tag names kept), so that linkchecker's own
AnchorCheck still decides whether the anchor is there. The run must not follow links out of URL#fragments
(--no-follow-url, set by outside_linkcheck.py), since that copy holds no links: every page is a start URL, and
its links are followed from there.

linkchecker loads plugins from $XDG_DATA_HOME/linkchecker/plugins/ and enables a plugin whose name is a section
of its configuration file ([SharedPage]).
"""
from __future__ import annotations

import threading
from collections import OrderedDict

from bs4 import BeautifulSoup
from linkcheck.plugins import _ConnectionPlugin

SHARED = "Same bytes as the last download of this page: its parse was reused (SharedPage)."
KEEP = 4096  # pages kept (their bytes and their anchors): all of them, for this site


class _Page:
    def __init__(self):
        self.lock = threading.Lock()
        self.data = None  # the bytes last downloaded
        self.parsed = None  # (text, anchors, content_encoding)


def anchors_only(soup: BeautifulSoup) -> BeautifulSoup:
    """A document of the elements of `soup` that have an id or a name, in order, with those attributes alone."""
    out = BeautifulSoup("", "html.parser")
    for el in soup.find_all(True):
        attrs = {k: el.attrs[k] for k in ("id", "name") if k in el.attrs}
        if attrs:
            out.append(out.new_tag(el.name, attrs=attrs))
    return out


class SharedPage(_ConnectionPlugin):
    """Reuse the parse of a page for URLs that differ only by their fragment, when the bytes are the same."""

    def __init__(self, config):
        super().__init__(config)
        self.lock = threading.Lock()
        self.pages: OrderedDict[str, _Page] = OrderedDict()

    def applies_to(self, url_data, **_kwargs):
        return bool(url_data.valid and url_data.is_html())

    def _page(self, key: str) -> _Page:
        with self.lock:
            page = self.pages.pop(key, None) or _Page()
            self.pages[key] = page
            while len(self.pages) > KEEP:
                self.pages.popitem(last=False)
            return page

    def check(self, url_data):
        page = self._page(url_data.url.split("#", 1)[0])
        with page.lock:
            data = url_data.get_raw_content()  # this URL's own download, always
            if page.data == data and url_data.anchor:
                url_data.add_info(SHARED)
            elif page.data != data:
                url_data.get_content()  # linkchecker's own parse of these bytes
                page.data = data
                page.parsed = (url_data.text, anchors_only(url_data.soup), url_data.content_encoding)
            if url_data.anchor:  # the page's own URL keeps its whole parse: its links are followed
                url_data.text, url_data.soup, url_data.content_encoding = page.parsed
