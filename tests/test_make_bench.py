"""`make bench` at a small scale, so that it cannot break unseen: the synthetic records it makes (every tool
copied with new ids) pass the release rules, and each engine builds them; the test lanes it times are the
Makefile's."""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guidance.data.flow_make import bands_of, tool_code
from guidance.data.flows import all_flows
from guidance.render.flows import flow_node_page

ROOT = Path(__file__).resolve().parents[1]
_SPEC = importlib.util.spec_from_file_location("bench_lanes", ROOT / "scripts" / "bench_lanes.py")
bench_lanes = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench_lanes)


@pytest.mark.slow
@pytest.mark.node  # the offline pack's figures need node_modules/iframe-worker
def test_bench_runs_at_x2(tmp_path):
    """x2 runs every step x1 runs, plus the synthetic records (x1 has none), in about half the time of both."""
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--scales", "2", "--quick", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=3000)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    two = json.loads(out.read_text(encoding="utf-8"))["2"]
    real_tools = len(list((ROOT / "data" / "tools").glob("*.yaml")))
    assert real_tools > 5 and two["tools"] == 2 * real_tools
    real_pages = len(list((ROOT / "reader-text").glob("*.txt")))  # one a page of the real site
    assert two["pages"] > real_pages + real_tools  # each copied tool has at least its own page
    for figure in ("generate_s", "mkdocs_s", "zensical_s", "plain_build_s"):
        assert two[figure] > 0, figure


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
