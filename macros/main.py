"""mkdocs-macros entry point (module_name: macros/main).

mkdocs-macros runs this file afresh on every build, so `mkdocs serve` picks up edits to the
`macros` package: the package is dropped from sys.modules and imported again here.
Macros only ever return Markdown built by the renderers, which escape all data text; data text
is never given to Jinja as a template.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
for _name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
    del sys.modules[_name]

from macros import (  # noqa: E402
    render_common as rc,
    render_mappa as rm,
    render_recs as rr,
    render_site as rsite,
    render_standards as rs,
    render_tools as rt,
)
from macros.loader import DataErrors, load_site  # noqa: E402


def define_env(env):
    try:
        data = load_site(ROOT)
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

    table = {
        # citations, links, facts, gaps
        "cite": rc.cite, "ref": rc.ref, "fact": rc.fact, "facts": rc.facts, "gaps_here": rc.gaps_here,
        # recommendations
        "recommendations_index": rr.recommendations_index, "traceability_matrix": rr.traceability_matrix,
        # MAPPA
        "categories_table": rm.categories_table, "levels_table": rm.levels_table, "stages_list": rm.stages_list,
        "roles_table": rm.roles_table, "documents_table": rm.documents_table, "timescales_table": rm.timescales_table,
        "steps_table": rm.steps_table, "pathway_links": rm.pathway_links, "checklist_links": rm.checklist_links,
        # standards
        "standards_index": rs.standards_index, "coverage_table": rs.coverage_table, "self_audit": rs.self_audit,
        # tools and the bench
        "tools_comparison": rt.tools_comparison, "band_table": rt.band_table, "questions_list": rt.questions_list,
        "base_rate_example": rt.base_rate_example, "figure": rt.figure,
        "tools_not_validated_for": rt.tools_not_validated_for,
        # site
        "glossary": rsite.glossary, "sources_list": rsite.sources_list, "normative_words": rsite.normative_words,
        "banned_phrases": rsite.banned_phrases, "what_changed": rsite.what_changed, "review_status": rsite.review_status,
        "downloads_list": rsite.downloads_list, "id_register_table": rsite.id_register_table,
        "training_paths": rsite.training_paths,
    }
    for name, fn in table.items():
        env.macro(bind(fn), name)
    env.variables["site_version"] = data.site.version
