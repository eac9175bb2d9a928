"""Generated pages: the renderer that draws each kind of page the site map declares."""
from __future__ import annotations

from ..data.loader import SiteData
from ..render import mappa, recs, standards, tools
from ..render import site as site_pages
from ..sitemap import PageInfo

RENDERERS = {
    "recommendation": recs.recommendation_page,
    "stage": mappa.stage_page,
    "checklist": mappa.checklist_page,
    "pathway": mappa.pathway_page,
    "role": mappa.role_page,
    "area": standards.area_page,
    "tool": tools.tool_page,
    "bench_note": tools.bench_note_page,
    "training_path": site_pages.training_path_page,
}


def render_page(data: SiteData, page: PageInfo) -> str:
    """The Markdown body of a generated page."""
    return RENDERERS[page.kind](data, page.src, page.key)
