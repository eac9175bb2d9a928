"""The macros that hand-written pages in docs/ may call (rendered by guidance/site/docs_render.py, before any engine).

Macros only ever return Markdown built by the renderers, which escape all data text; data text
is never given to Jinja as a template. The table below is the whole list: an editor's page may
call only these names.
"""
from __future__ import annotations

from ..render import bands as rb
from ..render import common as rc
from ..render import downloads as rdl
from ..render import editions as red
from ..render import first_edition as rfe
from ..render import mappa as rm
from ..render import mappa_tables as rmt
from ..render import recs as rr
from ..render import site as rsite
from ..render import standards as rs
from ..render import standing as rstd
from ..render import tool_text as rtt
from ..render import tools as rt

MACROS = {
    # citations, links, facts, gaps
    "cite": rc.cite, "ref": rc.ref, "fact": rc.fact, "facts": rc.facts, "gaps_here": rc.gaps_here,
    # recommendations
    "recommendations_index": rr.recommendations_index, "traceability_matrix": rr.traceability_matrix,
    # MAPPA
    "categories_table": rmt.categories_table, "levels_table": rmt.levels_table, "stages_list": rmt.stages_list,
    "roles_table": rmt.roles_table, "documents_table": rmt.documents_table, "timescales_table": rmt.timescales_table,
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
    "before_first_edition": rfe.before_first_edition,
    "still_to_check": rstd.still_to_check,
    # files `make dist` publishes (offline pack, PDFs): the Downloads page and the home page (issue 24)
    "publications_list": rdl.publications_list, "download_line": rdl.download_line,
}

# What each argument of each macro is: the one description `make check` checks every call against
# (guidance/docs_check.py). "text" is free words; any other kind names the ids the argument must be one of
# (docs_check.ID_KINDS says where each kind is defined). Every argument of every macro is described here:
# `make check` refuses a macro whose arguments are not, so a new macro cannot escape the check.
MACRO_ARGS: dict[str, dict[str, str]] = {
    "cite": {"source_id": "source", "at": "text"},
    "ref": {"item_id": "published id", "text": "text"},
    "fact": {"fact_id": "fact"},
    "facts": {"topic": "fact topic"},
    "figure": {"figure_id": "figure"},
    "steps_table": {"stage": "stage", "category": "category"},
    "tools_not_validated_for": {"group": "population group"},
    "download_line": {"keys": "download"},
}

# What each macro shows, in an editor's words (a renderer's own docstring is used when it has one). The list
# of macros in CONTRIBUTING.md is made from this table, MACROS and the macros' arguments (`make macro-list`).
MACRO_HELP = {
    "before_first_edition": "what to cite for a date before the first edition of this guidance (on the Editions and Citing pages)",
    "cite": "a citation of a source, with an optional place in it, for example `{{ cite(\"mappa-guidance\", \"para 4.4\") }}`",
    "ref": "a link to a page or item by its permanent ID, with optional link words, for example `{{ ref(\"MAPPA-ID-01\") }}`",
    "fact": "one fact from data/facts/*.yaml, with its sources, for example `{{ fact(\"mappa-olr-what\") }}`",
    "facts": "every fact with this topic, as a list",
    "gaps_here": "the gaps in data/gaps/*.yaml that name this page (every page a gap names must call it)",
    "recommendations_index": "the 19 recommendations of the 2009 report, with how far each is answered",
    "traceability_matrix": "which page answers which recommendation",
    "categories_table": "the MAPPA categories",
    "levels_table": "the MAPPA levels of management",
    "stages_list": "the MAPPA stages, in order",
    "roles_table": "the roles that act in MAPPA steps",
    "documents_table": "the MAPPA documents",
    "timescales_table": "every time limit of the MAPPA steps",
    "steps_table": "the steps of one stage, or of one category, or both, for example `{{ steps_table(stage=\"meeting\") }}`",
    "pathway_links": "links to each category's pathway",
    "checklist_links": "links to each stage's checklist",
    "agency_links": "links to each agency's page",
    "standards_index": "every standard, by area",
    "coverage_table": "which standards apply to sexual and to violent offending",
    "self_audit": "the self-audit checklist of the standards",
    "tools_comparison": "the tools by type, then side by side in a table (folded on a phone)",
    "band_table": "each tool's bands, with what each band tells you and does not",
    "questions_list": "the questions a court can ask about an assessment",
    "base_rate_example": "the worked base-rate example for the bench",
    "figure": "one published figure of a tool, with its base rate and sample, for example `{{ figure(\"figure-id\") }}`",
    "tools_not_validated_for": "the tools not validated for a group of people",
    "glossary": "the glossary",
    "sources_list": "every source, with whether it is in force",
    "normative_words": "what must, should and may mean in this guidance",
    "banned_phrases": "the phrases the writing rules refuse",
    "what_changed": "every recorded change, by edition, marked as wording only or meaning changed",
    "review_status": "every page and record with its review dates",
    "still_to_check": "every open item of the guidance's own copies and unsettled rules, with what would settle it, folded by stage, area and topic (editors)",
    "downloads_list": "the downloads (CSV, JSON, schemas)",
    "id_register_table": "every permanent ID ever published, with its status",
    "training_paths": "the training paths",
    "editions_list": "every edition, with the dates it was current",
    "publications_list": "the files `make dist` publishes (offline pack, PDFs), each with its edition, date and size",
    "download_line": "one line of download links, for example on the home page",
}

