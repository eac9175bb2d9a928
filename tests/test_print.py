"""Printed pages (the print style sheet): text large enough, and every link's address printed once."""
from __future__ import annotations

import pytest

# ------------------------------------------------------------------ printed text and links (print style sheet)
SMALLEST_PRINTED = """() => {
  const out = {};
  const walker = document.createTreeWalker(document.querySelector('article') || document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || el.closest('sup')) continue;
    let shown = true;
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e);
      if (c.display === 'none' || c.visibility === 'hidden') { shown = false; break; }
    }
    if (!shown) continue;
    const pt = parseFloat(getComputedStyle(el).fontSize) * 0.75, table = !!el.closest('table');
    if (pt < (table ? 8 : 9) - 0.01) out[(table ? 'table ' : '') + el.tagName + '.' + el.className] = pt;
  }
  return out;
}"""


@pytest.mark.browser
def test_printed_text_is_large_enough_and_links_print_their_address(server, data, chromium):
    """Printed: text at least 9 pt (8 pt in tables, superscript note numbers aside); every link to another
    page carries the address it prints after its text; the handout's link column prints."""

    from guidance.paths import tool_slug

    tool = tool_slug(data.tools[0].id)
    pages = ["", f"bench-notes/{tool}/", f"tools/{tool}/", f"training/paths/{data.training[0].id}/",
             "mappa/stages/identification/", "training/downloads/", "standards/"]
    b = chromium  # the session's browser (conftest.py)
    page = b.new_page()
    page.emulate_media(media="print")
    for path in pages:
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate(SMALLEST_PRINTED) == {}, path
        # every link to another page prints its address, or the same address printed earlier on the page
        missing = page.evaluate("""() => {
          // addresses that print: a hidden link (a breadcrumb) prints nothing, so it does not count
          const shown = new Set([...document.querySelectorAll('[data-print-href]')].filter(a => a.offsetParent !== null)
                                .map(a => a.getAttribute('data-print-href')));
          return [...document.querySelectorAll('article a[href]')].filter(a => {
            const h = a.getAttribute('href'), c = getComputedStyle(a);
            // the draft notice prints the edition's name, not its address (site.js): one printed line
            if (!h || h.startsWith('#') || a.closest('.headerlink, sup, .draft-notice') || c.display === 'none') return false;
            if (a.offsetParent === null || a.hasAttribute('data-abs-path') || a.classList.contains('download-link')) return false;
            if (a.href.split('#')[0] === location.href.split('#')[0]) return false;
            const row = a.closest('tr');  // a handout row prints its permanent link in full: one address a row
            if (row && row.querySelector('[data-abs-path]')) return false;
            if (shown.has(a.href) || shown.has(a.href.split('#')[0])) return false;
            return !a.textContent.includes(a.href.replace(/^https?:\\/\\//, ''));
          }).map(a => a.getAttribute('href'));
        }""")
        assert not missing, (path, missing[:5])
        after = page.evaluate("""() => { const a = document.querySelector('article a[data-print-href]:not(.download-link)');
            return a && getComputedStyle(a, '::after').content; }""")
        assert after and server.split("//")[1] in after, (path, after)
        # each address prints once: no visible link repeats an address already printed, no row prints two
        twice = page.evaluate("""() => {
          const seen = {}, out = [];
          document.querySelectorAll('article [data-print-href]').forEach(a => {
            if (a.offsetParent === null) return;
            const v = a.getAttribute('data-print-href');
            if (seen[v]) out.push(v); seen[v] = 1;
            const row = a.closest('tr');
            if (row && row.querySelector('[data-abs-path]')) out.push('row: ' + v);
          });
          return out; }""")
        assert not twice, (path, twice[:5])
    page.goto(server + f"training/paths/{data.training[0].id}/")
    column = page.locator("a.handout-link").first
    assert column.is_visible() and column.inner_text().startswith(server + "id/")
