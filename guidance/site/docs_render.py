"""Hand-written pages with their macros rendered, before any site engine runs.

A page in docs/ is a Jinja template whose only names are the macros of guidance/site/page_macros.py and
`site_version`. It is rendered here, once, with our own Jinja environment (strict: an unknown name is
an error). Macros return Markdown built by the renderers, which escape all data text; what a macro
returns is never rendered again, so data text is never run as a template. Pages with
`render_macros: false` are copied as they are.
"""
from __future__ import annotations

import functools

import jinja2

from ..data.sitedata import SiteData
from .page_macros import MACROS


class PageError(Exception):
    """A hand-written page that cannot be rendered (a name or call the editors' check did not catch)."""


def _environment() -> jinja2.Environment:
    # no autoescape: macros return Markdown with data text already escaped; keep the page's own line ends
    return jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)


_ENV = _environment()


@functools.lru_cache(maxsize=1024)
def _template(body: str) -> jinja2.Template:
    """A page body compiled once per process (`make serve` renders every page again on each save)."""
    return _ENV.from_string(body)


def render_docs_page(data: SiteData, src: str, body: str, render: bool = True) -> str:
    """The page body with every macro call replaced by its Markdown."""
    if not render:
        return body

    def bind(fn):
        def macro(*args, **kwargs):
            return fn(data, src, *args, **kwargs)

        macro.__name__ = fn.__name__
        return macro

    names = {name: bind(fn) for name, fn in MACROS.items()}
    names["site_version"] = data.site.version
    try:
        return _template(body).render(**names)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line} of the page body)" if line else ""
        raise PageError(f"docs/{src}{where}: {exc}") from None
