"""Issue #30: one rendering a run for the editors' check and the shipped pages, and `make serve`'s memory of the
search index (the rest of live reload: tests/test_serve_errors.py)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

from guidance.data.loader import load_site
from guidance.engines.output.search_index import INDEX, VOCABULARY, IndexMemo, index_terms, rewrite_index
from guidance.options import BuildOptions
from guidance.site import rendering as rendering_module
from guidance.site.rendering import render_site
from guidance.site.source_tree import tree_files

ROOT = Path(__file__).resolve().parents[1]


def _data(**options):
    return load_site(ROOT, BuildOptions(**options))


def test_on_the_editions_day_the_check_reads_the_very_pages_the_tree_is_written_from():
    data = _data(today=_data().site.version_date)
    r = render_site(data, ROOT)
    assert len(r.pages) > 100 and r.reader_data is data
    assert all(a is b for a, b in zip(r.reader, r.pages, strict=True))


def test_on_another_day_only_the_bodies_that_read_the_date_or_address_are_rendered_again():
    later = _data(today=dt.date(2031, 1, 1))
    r = render_site(later, ROOT)
    again = [p.src for p, q in zip(r.pages, r.reader, strict=True) if p is not q]
    assert "editors.md" in again  # the review table: "Checked on <date>"
    assert len(again) < len(r.pages) / 10, again
    assert r.reader_data.options.today == later.site.version_date and r.reader_data.options.public_url is None
    # each body as the build and the edition's day would render it on its own
    alone = {p.src: p.body for p in render_site(dataclasses.replace(later, options=r.reader_data.options), ROOT).pages}
    assert {p.src: p.body for p in r.reader} == alone
    fresh = dataclasses.replace(later)  # a data set of its own: nothing cached from the rendering above
    assert {p.src: p.body for p in r.pages} == {src: make(fresh) for src, _m, make in rendering_module._page_makers(fresh, ROOT)}
    with_address = render_site(_data(today=dt.date(2031, 1, 1), public_url="https://guidance.mappa-test.scot/"), ROOT)
    assert any("https://guidance.mappa-test.scot/" in p.body for p in with_address.pages)
    assert not any("https://guidance.mappa-test.scot/" in p.body for p in with_address.reader)
    fresh = dataclasses.replace(with_address.data)
    assert {p.src: p.body for p in with_address.pages} == {
        src: make(fresh) for src, _m, make in rendering_module._page_makers(fresh, ROOT)}


def test_the_tree_writer_and_the_check_share_one_rendering(monkeypatch, tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import generate

    made = []
    real = rendering_module._page_makers
    monkeypatch.setattr(rendering_module, "_page_makers", lambda *a: made.append(1) or real(*a))
    options = BuildOptions(today=_data().site.version_date, tree=tmp_path / "src")
    data, rep = generate.generate(options, quiet=True)
    assert data is not None and rep.files > 400
    assert made == [1]  # the check's sentence checks and reader text, and the tree, from one rendering
    page = (tmp_path / "src" / "docs" / "tools" / "rm2000.md").read_text(encoding="utf-8")
    assert page == tree_files(data, ROOT)["docs/tools/rm2000.md"]


def _index(site: Path, docs: list[dict]) -> None:
    (site / INDEX).parent.mkdir(parents=True, exist_ok=True)
    (site / INDEX).write_text(json.dumps({"config": {}, "docs": docs}), encoding="utf-8")


def _written(site: Path) -> tuple[str, str]:
    return (site / INDEX).read_text(encoding="utf-8"), (site / VOCABULARY).read_text(encoding="utf-8")


def test_the_search_index_rewritten_from_memory_is_the_index_rewritten_whole(tmp_path):
    data = _data()
    docs = [{"location": "tools/rm2000/", "title": "Risk Matrix 2000", "text": "<p>RM2000 (  ) scores HCR-20 ; ;</p>"},
            {"location": "tools/rm2000/#what-it-does-not-tell-you", "title": "What it does not tell you",
             "text": "<p>How serious any new offence would be.</p>"},
            {"location": "tools/rm2000/#cite", "title": "Cite this page", "text": ""},
            {"location": "mappa/", "title": "MAPPA", "text": "<p>Multi-agency public protection arrangements</p>"}]
    keys, bets = index_terms(data)  # every place a synonym or best bet names, so that each section is there
    docs += [{"location": loc, "title": f"Section {n}", "text": f"<p>Words of section {n} (see HCR-20).</p>"}
             for n, loc in enumerate(sorted((set(keys) | set(bets)) - {d["location"] for d in docs}))]
    memo = IndexMemo()
    for step in range(3):
        if step == 2:  # a rebuild of one page: its entry changed, the others come back as they were
            docs[1] = dict(docs[1], text="<p>How grave any new offence would be.</p>")
        _index(tmp_path / "memo", docs)
        rewrite_index(data, tmp_path / "memo", memo=memo)
        _index(tmp_path / "whole", docs)
        rewrite_index(data, tmp_path / "whole")
        assert _written(tmp_path / "memo") == _written(tmp_path / "whole")
    assert "How grave any" in _written(tmp_path / "memo")[0] and "How serious any" not in _written(tmp_path / "memo")[0]
    assert len(memo.entries) == len(docs)  # only the entries of this index are kept
