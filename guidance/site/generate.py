"""Which renderer draws each kind of generated page (the kinds are declared in guidance/sitemap.py)."""
from __future__ import annotations

from collections.abc import Callable

from ..data.loader import SiteData
from ..render import agencies as ra
from ..render import flow_map as rfm
from ..render import flows as rf
from ..render import mappa as rm
from ..render import recs as rr
from ..render import site as rsite
from ..render import standards as rs
from ..render import tools as rt
from ..render import tools_az as raz
from ..sitemap import PageInfo

RENDERERS: dict[str, Callable[[SiteData, str, object], str]] = {
    "recommendation": rr.recommendation_page,
    "stage": rm.stage_page,
    "checklist": rm.checklist_page,
    "pathway": rm.pathway_page,
    "role": rm.role_page,
    "agency": ra.agency_page,
    "area": rs.area_page,
    "tool": rt.tool_page,
    "bench_note": rt.bench_note_page,
    "training_path": rsite.training_path_page,
    "tools_az": raz.tools_az_page,
    "flows_index": rf.flows_index_page,  # decision flows (issue #33)
    "flow_node": rf.flow_node_page,
    "flow_map": rfm.flow_map_page,
}


def render_page(data: SiteData, page: PageInfo) -> str:
    """The Markdown body of one generated page."""
    try:
        renderer = RENDERERS[page.kind]
    except KeyError:
        raise ValueError(f"no renderer for generated page kind '{page.kind}' ({page.src})") from None
    return rf.flow_links(data, page.src, page.kind, str(page.key)) + renderer(data, page.src, page.key)
