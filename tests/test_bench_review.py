"""The bench review of the tool pages, bench notes and bench-report outcomes (December 2026) stays applied: every
sentence a sheriff reads is true of the page it is on, no band quotes numbers the sources could not confirm, and the
bench's decision flow sits in the bench section of the trail."""
from __future__ import annotations

import re

from guidance import paths
from guidance.data.flow_make import groups_of
from guidance.data.models.flows import FlowOutcome
from guidance.render.flow_outcomes import bench_body
from guidance.render.tool_text import caution_box
from guidance.render.tools import bench_note_page, tool_page
from guidance.site.breadcrumbs import BENCH_HOME, parent_src, trail

EDITOR_ONLY = re.compile(r"foot of this page|What we could not find|record names|confirmed from copies|"
                         r"not yet checked|still to be checked|were not readable|held here", re.IGNORECASE)


def test_no_bench_note_speaks_of_parts_it_does_not_have(data):
    for t in data.tools:
        src = paths.bench_note_page(t.id)
        note = bench_note_page(data, src, t.id)
        assert not EDITOR_ONLY.search(note), (t.id, EDITOR_ONLY.search(note).group(0))
        # the search it reports points to the page that lists the sources
        assert "full tool page" in caution_box(data, src, t) or "Validation in Scotland or the UK: no" not in note


def test_the_tool_page_keeps_its_own_pointers(data):
    t = data.tool("TOOL-SAVRY")
    page = tool_page(data, paths.tool_page(t.id), t.id)
    assert "sources listed at the foot of this page" in page and "## Sources" in page


def test_rm2000_bands_quote_no_unchecked_points(data):
    t = data.tool("TOOL-RM2000")
    for b in t.bands:
        assert not re.search(r"\bscores? of\b|RATED links|\d", b.meaning), b.label
    assert "needs to give the step-one points" in t.band_rates_note
    assert "Risk Assessment Tools Evaluation Directory" in t.band_rates_note  # RATED spelled out where it is used


def test_static99r_top_band_says_what_it_means_and_what_the_report_gives(data):
    t = data.tool("TOOL-STATIC-99R")
    high = next(b for b in t.bands if b.label.startswith("High"))
    assert "Level IVb" in high.meaning and "well above average risk" in high.meaning
    asks = t.band_reading.does_not_tell_you
    assert all(w in asks for w in ("rate", "percentile", "norm group"))


def test_a_bench_note_prints_the_published_rates_not_a_link_to_them(data):
    t = data.tool("TOOL-STATIC-99R")
    note = bench_note_page(data, paths.bench_note_page(t.id), t.id)
    for f in t.figures:
        assert f'data-figure="{f.id}"' in note
    assert "under [Published rates]" not in note


def test_bench_outcome_cautions_say_why_in_the_benchs_terms(data):
    t = data.tool("TOOL-STATIC-99R")
    groups = groups_of(t)
    kinds = {g.basis for g in groups}
    assert kinds == {"not built for", "no evidence found"}  # both wordings are exercised
    o = FlowOutcome(id="FLOW-BENCH-X", title="x", answer="x", rests_on=[t.id], band=1, groups=[g.group for g in groups])
    body = bench_body(data, "flows/bench-report/x/index.md", o)
    assert "record names" not in body
    assert "was not built for women" in body and "works for people with a learning disability" in body
    none = bench_body(data, "flows/bench-report/x/index.md", o.model_copy(update={"groups": []}))
    assert "no caution about whom the tool fits applies" in none


def test_the_bench_report_flow_hangs_under_the_bench_section():
    assert parent_src("flows/bench-report/index.md", "flow_node", "bench-report") == BENCH_HOME
    assert parent_src("flows/bench-report/map.md", "flow_map", "bench-report") == BENCH_HOME
    # other flows keep hanging under the flows index
    assert parent_src("flows/is-it-mappa/index.md", "flow_node", "is-it-mappa") == paths.FLOWS_INDEX
    deep = "flows/bench-report/static-99r/b4/none/index.md"
    info = {deep: ("x", "flow_node", "bench-report/static-99r/b4/none"),
            "flows/bench-report/static-99r/b4/index.md": ("x", "flow_node", "bench-report/static-99r/b4"),
            "flows/bench-report/static-99r/index.md": ("x", "flow_node", "bench-report/static-99r"),
            "flows/bench-report/index.md": ("x", "flow_node", "bench-report")}
    chain = trail(deep, {BENCH_HOME, paths.FLOWS_INDEX}, info)
    assert chain[0] == BENCH_HOME and paths.FLOWS_INDEX not in chain
