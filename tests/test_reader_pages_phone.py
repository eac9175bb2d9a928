"""In real chromium, at phone widths and on a wide screen: the decision-flow map's text reads at 12 px or more
with nothing to scroll sideways, and the traceability matrix is a short card per recommendation that still
names every section answering it. A handful of pages, one context per width."""
from __future__ import annotations

import pytest
from walks import phone_options

MIN_PX = 12
FLOW_MAPS = ("flows/is-it-mappa/map/", "flows/bench-report/map/")  # one whole map, one folded into branches

# the smallest text in each shown drawing, as drawn: font-size (user units) x the drawing's scale on screen
MAP_TEXT = """() => {
  for (const d of document.querySelectorAll('details.flow-branch')) d.open = true;
  const out = [];
  for (const fig of document.querySelectorAll('figure.flow-map')) {
    const shown = [...fig.querySelectorAll('svg')].filter((s) => s.getBoundingClientRect().width > 0);
    for (const svg of shown) {
      const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(t.getAttribute('font-size')) * k);
      out.push({px: Math.min(...sizes), sideways: fig.scrollWidth > fig.clientWidth + 1
                || svg.getBoundingClientRect().right > document.documentElement.clientWidth + 1});
    }
    if (shown.length !== 1) out.push({px: 0, sideways: true, shown: shown.length});
  }
  return out;
}"""


def _page(chromium, width: int):
    if width in (320, 390):
        return chromium.new_context(**phone_options(width))
    return chromium.new_context(viewport={"width": width, "height": 800})


def _read(chromium, site_dir, width: int, page: str, script: str):
    """What `script` returns on one built page (its folder under the site), opened from disk at `width`."""
    ctx = _page(chromium, width)
    try:
        pg = ctx.new_page()
        pg.goto((site_dir / page / "index.html").as_uri())
        return pg.evaluate(script)
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_flow_map_text_reads_at_12px_without_sideways_scrolling(chromium, site_dir, width):
    ctx = _page(chromium, width)
    pg = ctx.new_page()
    try:
        for path in FLOW_MAPS:
            pg.goto((site_dir / path / "index.html").as_uri())
            found = pg.evaluate(MAP_TEXT)
            assert found, path
            small = [f for f in found if f["px"] < MIN_PX or f["sideways"]]
            assert not small, f"{path} at {width} px: map text under {MIN_PX} px or scrolled sideways: {small[:3]}"
    finally:
        ctx.close()


# each recommendation's card: its height, and the sections shown against those with pages
MATRIX = """() => {
  const rows = [...document.querySelectorAll('article table tbody tr')];
  return {screens: document.documentElement.scrollHeight / innerHeight, rows: rows.map((tr) => {
    const cells = [...tr.querySelectorAll('td')].slice(2);
    const shown = (td) => td.getBoundingClientRect().height > 0;
    return {title: tr.querySelector('td a') && shown(tr.querySelector('td')),
            counted: cells.filter((td) => /\\d+ pages?/.test(td.textContent)).map((td) => td.dataset.label),
            shown: cells.filter(shown).map((td) => td.dataset.label)};
  })};
}"""


@pytest.mark.parametrize(("width", "most"), [(320, 8.5), (390, 8)])
def test_matrix_fits_a_phone_and_keeps_every_section_that_answers(chromium, site_dir, data, width, most):
    """At 320 px the matrix was 12 screens: 19 cards each listing all seven sections, most of them a dash.
    A card now shows the recommendation, its status and only the sections with pages, each with its count."""
    found = _read(chromium, site_dir, width, "recommendations/matrix", MATRIX)
    assert len(found["rows"]) == len(data.recs)
    for n, row in zip(data.recs, found["rows"], strict=True):
        assert row["title"], f"recommendation {n}: no link to its page on the card"
        assert row["shown"] == row["counted"], f"recommendation {n}: shows {row['shown']}, has pages in {row['counted']}"
    assert found["screens"] <= most, f"matrix is {found['screens']:.1f} screens at {width} px"


# each value cell of the two-column tables on a tool page: its label as the phone shows it, and its length
TWO_COLUMN = """() => [...document.querySelectorAll('article table[data-cols="2"] tbody tr')].map((tr) => {
  const [feature, value] = tr.querySelectorAll('td');
  const label = (td) => { const b = getComputedStyle(td, '::before'); return b.display === 'none' ? '' : b.content; };
  return {feature: label(feature), value: label(value), long: !value.hasAttribute('data-short'),
          text: value.textContent.trim().slice(0, 40)};
})"""


@pytest.mark.parametrize("width", [320, 390])
def test_a_two_column_card_labels_its_value_long_or_short(chromium, site_dir, width):
    """A phone reader reads one card at a time: "Authors / This tool: Hanson and Thornton …", the label kept
    however long the value (issue #30); the feature itself is the card's heading, with no label of its own."""
    rows = _read(chromium, site_dir, width, "tools/static-99r", TWO_COLUMN)
    assert any(r["long"] for r in rows) and any(not r["long"] for r in rows)
    assert all(r["feature"] == "" for r in rows)
    glance = [r for r in rows if r["value"].startswith('"This tool')]
    assert len(glance) >= 5 and any(r["long"] for r in glance)
    unlabelled = [r["text"] for r in rows if not r["value"].endswith(': "')]
    assert not unlabelled, f"values with no label at {width} px: {unlabelled}"
