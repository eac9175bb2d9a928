"""The whole guidance as one PDF is whole (issue #32): every content page of the edition, in reading order,
with contents, bookmarks by part and page, and the edition, its date and the page number on every sheet.
Read from the PDF `make dist` publishes (tests/test_dist.py's `dist_site`, printed once a session)."""
from __future__ import annotations

import re
import subprocess

import pytest

from guidance import downloads
from guidance.engines.output.whole_pdf import on_paper, reading_order
from guidance.sitemap import all_pages


def _titles(pdf: bytes) -> list[str]:
    """The bookmark titles of a PDF (literal or UTF-16 hex strings)."""
    out = []
    for m in re.finditer(rb"/Title\s*(<[0-9A-Fa-f]+>|\((?:[^()\\]|\\.)*\))", pdf):
        raw = m.group(1)
        if raw.startswith(b"<"):
            out.append(bytes.fromhex(raw[1:-1].decode()).decode("utf-16"))
        else:
            out.append(re.sub(rb"\\(.)", rb"\1", raw[1:-1]).decode("latin-1"))
    return out


def test_reading_order_holds_every_content_page_once(data):
    order = [p.src for _part, ps in reading_order(data) for p in ps]
    assert len(order) == len(set(order))
    assert set(order) == {p.src for p in all_pages(data) if on_paper(p)}
    assert order[:3] == ["index.md", "how-to-read.md", "mappa/index.md"]
    assert order.index("mappa/stages/identification.md") < order.index("mappa/agencies/police.md") \
        < order.index("mappa/pathways/rso.md") < order.index("standards/index.md") < order.index("tools/rm2000.md") \
        < order.index("bench-notes/rm2000.md") < order.index("judiciary/index.md") < order.index("training/paths/new-to-mappa.md")


@pytest.fixture(scope="module")
def whole(dist_site, data):
    """The whole-guidance PDF as `make dist` publishes it (printed once a session, with the other PDFs)."""
    target = dist_site / downloads.guidance_pdf(data.site.version)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout
    return target.read_bytes(), text


@pytest.mark.browser
def test_the_whole_pdf_holds_every_content_page_id(whole, data):
    _pdf, text = whole
    missing = [p.id for p in all_pages(data) if on_paper(p) and p.id not in text]
    assert not missing, f"{len(missing)} content pages are not in the whole-guidance PDF: {missing}"


@pytest.mark.browser
def test_every_sheet_names_the_edition_and_its_number(whole, data):
    _pdf, text = whole
    sheets = [s for s in text.split("\f") if s.strip()]
    assert len(sheets) > 100
    for n, s in enumerate(sheets, 1):
        assert f"Page {n} of {len(sheets)}" in s, f"sheet {n} has no page number"
        assert data.site.version in s, f"sheet {n} does not name the edition"
    assert "Contents" in sheets[1] or "Contents" in sheets[0]


@pytest.mark.browser
def test_the_whole_pdf_has_bookmarks_by_part_and_page(whole, data):
    pdf, _text = whole
    titles = [re.sub(r"\s", "", t) for t in _titles(pdf)]  # a heading may break a line where the title has a space
    for part, ps in reading_order(data):
        assert re.sub(r"\s", "", part) in titles, part
        for p in ps:
            assert any(re.sub(r"\s", "", p.title) in t for t in titles), p.title


@pytest.mark.browser
def test_each_address_prints_once(whole):
    _pdf, text = whole
    flat = re.sub(r"\s+", " ", text)
    shown = re.findall(r"\((?:https?://[a-z0-9.-]+)?(/[a-z0-9][a-z0-9/#.-]*)\)", flat)
    repeats = {a for a in shown if shown.count(a) > 1}
    assert shown and not repeats, sorted(repeats)[:10]
