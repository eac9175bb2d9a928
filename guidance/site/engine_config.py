"""The project's mkdocs.yml read once, and the configuration each engine gets for the generated tree.

mkdocs.yml stays the one place for the theme, the navigation, Markdown extensions and search field
boosts. From it the generator writes, next to the generated pages:
- `mkdocs.yml` for MkDocs with Material: the same settings, without mkdocs-macros (pages arrive
  rendered), with the adapter plugin `guidance` (guidance/engines/), the abbreviation glossary and the
  page-HTML pass (guidance/site/page_html.py), generated pages kept out of the navigation;
- `zensical.yml` for Zensical: the same, without MkDocs plugins (Zensical runs none).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..data.sitedata import SiteData
from ..theme import ZENSICAL_SEARCH_RANKED_PATH, ZENSICAL_SEARCH_SHIM_PATH
from .abbr_first import tooltips

ENGINES = ("mkdocs", "zensical")
PAGE_PASS = "guidance.site.page_html"
ZENSICAL_LINKS = "guidance.engines.zensical_links"
ZENSICAL_PAGE = "guidance.engines.zensical_page"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its tags (`!ENV`, `!!python/name`) kept as plain values."""


def _tag(loader, suffix, node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None  # !ENV [NAME, default]: the default
    return loader.construct_scalar(node)


_Loader.add_multi_constructor("!", _tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tag)


_READ: dict[Path, tuple[str, dict]] = {}  # mkdocs.yml -> (its text, as read): `make serve` reads it on each save


def read_config(root: Path) -> dict:
    """The project's mkdocs.yml (a copy of its values: parsed again only when its text changed)."""
    path = (Path(root) / "mkdocs.yml").resolve()
    text = path.read_text(encoding="utf-8")
    hit = _READ.get(path)
    if hit is None or hit[0] != text:
        if len(_READ) > 100:  # (tests read many projects)
            _READ.clear()
        hit = _READ[path] = (text, yaml.load(text, Loader=_Loader))  # noqa: S506
    return copy.deepcopy(hit[1])


# ------------------------------------------------------------------ the navigation


@dataclass(frozen=True)
class NavEntry:
    src: str
    title: str
    sections: tuple[str, ...]  # the section titles above it, outermost first


def nav_entries(config: dict) -> dict[str, NavEntry]:
    """Every page listed in the navigation, with the sections it sits in."""
    out: dict[str, NavEntry] = {}

    def walk(items, sections: tuple[str, ...]):
        for item in items or []:
            if isinstance(item, str):
                out.setdefault(item, NavEntry(item, "", sections))
                continue
            for title, value in item.items():
                if isinstance(value, str):
                    out.setdefault(value, NavEntry(value, str(title), sections))
                else:
                    walk(value, (*sections, str(title)))

    walk(config.get("nav"), ())
    return out


# ------------------------------------------------------------------ the engines' configurations


def _plugin_name(p) -> str:
    return p if isinstance(p, str) else next(iter(p))


def _extensions(config: dict, data: SiteData, engine: str = "mkdocs") -> list:
    out = []
    for ext in config.get("markdown_extensions") or []:
        if _plugin_name(ext) == "abbr":
            continue
        out.append(ext)
    # every glossary abbreviation becomes a tooltip on every page (Python-Markdown abbr glossary)
    out.append({"abbr": {"glossary": tooltips(data)}})
    if engine == "zensical":
        out.append(ZENSICAL_PAGE)  # the page Zensical converts, named to the page-HTML pass and the link rewrite
    out.append(PAGE_PASS)  # last: the page-HTML pass
    if engine == "zensical":
        out.append(ZENSICAL_LINKS)  # raw-HTML links made relative to the source file, as Zensical expects
    return out


def page_extensions(config: dict, data: SiteData) -> list:
    """The Markdown extensions every page is converted with (MkDocs's list; the reader text uses it too)."""
    return _extensions(config, data)


def engine_config(config: dict, data: SiteData, engine: str, generated: list[str], root: Path) -> dict:
    """The configuration for one engine, to sit in the generated folder beside `docs/` and `overrides/`."""
    out = {k: v for k, v in config.items() if k not in ("watch", "plugins", "markdown_extensions", "docs_dir", "site_dir")}
    out["site_name"] = data.site.title
    url = data.options.public_url  # PUBLIC_URL: the sitemap and canonical links name the public host, or no host at all
    if url:
        out["site_url"] = url
    else:
        out.pop("site_url", None)
    out["docs_dir"] = "docs"
    out["site_dir"] = "site"
    theme = dict(out.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    out["theme"] = theme
    out["markdown_extensions"] = _extensions(config, data, engine)
    # pages generated from data are not listed in the navigation: each hangs under the page that lists it
    out["not_in_nav"] = "\n".join(f"/{src}" for src in sorted(generated))
    plugins = []
    for p in config.get("plugins") or []:
        name = _plugin_name(p)
        if name == "macros":  # mkdocs-macros, should a config still name it
            continue  # hand-written pages arrive with their macros rendered (guidance/site/docs_render.py)
        if engine == "zensical" and name not in ("search",):
            continue  # Zensical runs no MkDocs plugins; its search reads the same `search` settings
        if name == "guidance":
            opts = data.options  # the build's options, for the post-build step the plugin runs under `mkdocs serve`
            p = {"guidance": {"project": str(Path(root).resolve()), "public_url": opts.public_url or "",
                              "today": opts.today.isoformat(), "release": opts.release}}
        plugins.append(p)
    out["plugins"] = plugins
    if engine == "mkdocs":
        out["watch"] = []
    else:
        out["extra_javascript"] = [ZENSICAL_SEARCH_SHIM_PATH, ZENSICAL_SEARCH_RANKED_PATH, *(out.get("extra_javascript") or [])]
    return out


def config_text(config: dict) -> str:
    head = "# Generated by scripts/generate.py from mkdocs.yml and data/. Do not edit: edit mkdocs.yml.\n"
    return head + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000)
