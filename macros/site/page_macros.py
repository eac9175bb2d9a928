"""The macros that hand-written pages in docs/ may call (mkdocs-macros pluglet: `modules:` in mkdocs.yml).

Macros only ever return Markdown built by the renderers, which escape all data text; data text
is never given to Jinja as a template. The table below is the whole list: an editor's page may
call only these names.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from ..data.loader import DataErrors, load_site
from ..render import bands as rb
from ..render import common as rc
from ..render import downloads as rdl
from ..render import editions as red
from ..render import mappa as rm
from ..render import recs as rr
from ..render import site as rsite
from ..render import standards as rs
from ..render import tool_text as rtt
from ..render import tools as rt

MACROS = {
    # citations, links, facts, gaps
    "cite": rc.cite, "ref": rc.ref, "fact": rc.fact, "facts": rc.facts, "gaps_here": rc.gaps_here,
    # recommendations
    "recommendations_index": rr.recommendations_index, "traceability_matrix": rr.traceability_matrix,
    # MAPPA
    "categories_table": rm.categories_table, "levels_table": rm.levels_table, "stages_list": rm.stages_list,
    "roles_table": rm.roles_table, "documents_table": rm.documents_table, "timescales_table": rm.timescales_table,
    "steps_table": rm.steps_table, "pathway_links": rm.pathway_links, "checklist_links": rm.checklist_links,
    "agency_links": rm.agency_links,
    # standards
    "standards_index": rs.standards_index, "coverage_table": rs.coverage_table, "self_audit": rs.self_audit,
    # tools and the bench
    "tools_comparison": rt.tools_comparison, "band_table": rb.band_table, "questions_list": rt.questions_list,
    "base_rate_example": rt.base_rate_example, "figure": rtt.figure,
    "tools_not_validated_for": rt.tools_not_validated_for,
    # site
    "glossary": rsite.glossary, "sources_list": rsite.sources_list, "normative_words": rsite.normative_words,
    "banned_phrases": rsite.banned_phrases, "what_changed": rsite.what_changed, "review_status": rsite.review_status,
    "downloads_list": rsite.downloads_list, "id_register_table": rsite.id_register_table,
    "training_paths": rsite.training_paths, "editions_list": red.editions_list,
    # files `make dist` publishes (offline pack, PDFs): the Downloads page and the home page (issue 24)
    "publications_list": rdl.publications_list, "download_line": rdl.download_line,
}


def define_env(env):
    root = Path(env.conf["config_file_path"]).resolve().parent
    try:
        data = load_site(root)
    except DataErrors as exc:
        raise PluginError(exc.report()) from None

    def here() -> str:
        return env.page.file.src_uri

    def bind(fn):
        def macro(*args, **kwargs):
            return fn(data, here(), *args, **kwargs)

        macro.__name__ = fn.__name__
        macro.__doc__ = fn.__doc__
        return macro

    for name, fn in MACROS.items():
        env.macro(bind(fn), name)
    env.variables["site_version"] = data.site.version
