"""`make bench` at a small scale, so that it cannot break unseen: the fixture project at x1 and x2 through every
build it times (generation, MkDocs with its post-build step, Zensical, plain MkDocs), the synthetic records it
makes (every tool copied with new ids) passing the release rules, an engine's refusal recorded as such; the
test lanes it times are the Makefile's. (scripts/ is on pytest's path: pytest.ini.)"""
from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import bench
import bench_lanes
import bench_report
import pytest
from bench_site import ZENSICAL_FIELD_LIMIT

from guidance.data.flow_make import bands_of, tool_code
from guidance.data.flows import all_flows
from guidance.render.flows import flow_node_page

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "project"


@pytest.mark.slow
def test_bench_runs_the_fixture_project_at_x1_and_x2(tmp_path):
    """x2 runs every step x1 runs, plus the synthetic records (x1 has none). The real project's x2 run took 96 s of
    `make test`; the fixture project's x1 and x2 take about a third of that."""
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--project", str(FIXTURE), "--scales", "1,2",
                           "--quick", "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    got = json.loads(out.read_text(encoding="utf-8"))
    one, two = got["1"], got["2"]
    tools = len(list((FIXTURE / "data" / "tools").glob("*.yaml")))
    assert tools >= 3 and one["tools"] == tools and two["tools"] == 2 * tools
    assert one["pages"] >= len(list((FIXTURE / "reader-text").glob("*.txt")))  # one a page the project's reader text holds
    assert two["pages"] >= one["pages"] + tools  # each copied tool has at least its own page
    for figure in ("generate_s", "mkdocs_s", "zensical_s", "plain_build_s", "fast_link_check_s"):
        assert one[figure] > 0 and two[figure] > 0, figure
    assert one["zensical_failed"] == two["zensical_failed"] == ""
    assert 0 < one["search_field_largest_bytes"] <= ZENSICAL_FIELD_LIMIT
    assert two["links"] > one["links"] and one["editions_kept"] >= 1
    assert "offline" not in got  # the pack is of this checkout, not of the project measured
    assert "| x2 | 8 |" in proc.stdout and "x2: Zensical refused" not in proc.stdout


def test_an_engine_that_refuses_the_tree_is_recorded_with_its_reason(tmp_path):
    (tmp_path / "zensical.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    secs, mb, reason = bench.zensical_build(tmp_path, tmp_path / "out")
    assert math.isnan(secs) and math.isnan(mb)
    assert reason.startswith("Error") and "configuration file" in reason
    assert "| x1 | 4 | 0 | 1.00 | nan | nan |" in "\n".join(bench_report.table({1: {"tools": 4, "generate_s": 1.0,
                                                                                   "zensical_failed": reason}}, [1]))


def test_the_lanes_timed_are_the_makefiles(tmp_path):
    lanes = bench_lanes.lane_arguments()
    assert lanes == {"test-fast": ["-m", "not browser and not node and not slow"], "test": []}
    (tmp_path / "Makefile").write_text("test:\n\techo no pytest here\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="'test-fast'"):
        bench_lanes.lane_arguments(tmp_path / "Makefile")


def test_a_lane_is_timed_with_its_outcome(tmp_path):
    (tmp_path / "test_one.py").write_text("def test_ok():\n    assert True\n\n\ndef test_bad():\n    assert False\n",
                                          encoding="utf-8")
    got = bench_lanes.lane_seconds({"ok": ["-k", "ok"], "all": []}, tmp_path)
    assert got["ok"]["passed"] and got["ok"]["summary"].startswith("1 passed") and got["ok"]["seconds"] > 0
    assert not got["all"]["passed"] and "1 failed, 1 passed" in got["all"]["summary"]


def test_the_tool_question_keeps_its_list_of_tools_out_of_search(data):
    """`make bench` at x100 (1,800 tools): Zensical refused the tree, as the bench-report flow's "Which tool does
    the report use?" list was one field of its search index, 89,786 bytes (its limit is 32,768). Each tool's name
    is searched on its own pages (tool page, bench note, its band question); the list is left out of search, so
    the field no longer grows with the tools. Other questions keep their answers in search."""
    flow = next(f for f in all_flows(data) if f.generate == "tools")
    first = flow_node_page(data, f"flows/{flow.id}/index.md", flow.id)
    lists = re.findall(r'<ul class="flow-answers"([^>]*)>(.*?)</ul>', first)
    assert [attrs for attrs, _ in lists] == [" data-search-exclude"]
    hrefs = re.findall(r'href="([^"]+)"', lists[0][1])
    assert sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs) == sorted(tool_code(t.id).lower() for t in data.tools)
    band_question = next(f"{flow.id}/{tool_code(t.id).lower()}" for t in data.tools if bands_of(t))
    for other in (band_question, next(f.id for f in all_flows(data) if f.generate != "tools")):
        body = flow_node_page(data, f"flows/{other}/index.md", other)
        assert '<ul class="flow-answers">' in body, other
