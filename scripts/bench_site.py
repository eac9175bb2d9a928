"""The figures `make bench` (scripts/bench.py) takes of a built site: page weights, the largest field of
Zensical's search index, the in-build link check, the outside link check (linkchecker, run as the test suite
runs it: scripts/outside_linkcheck.py) and the time to the first search answer in chromium."""
from __future__ import annotations

import json
import re
import shutil
import statistics
import threading
import time
from pathlib import Path

from outside_linkcheck import current_pages, run_linkchecker

ZENSICAL_FIELD_LIMIT = 32_768  # bytes: Zensical 0.0.73 refuses a tree with a longer field in its search index


def page_weights(site: Path, index_name: str = "search/search_index.json") -> dict:
    pages = [p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in ("id", "print_page")]
    sizes = sorted(p.stat().st_size for p in pages)
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    index = site / index_name
    return {
        "pages": len(pages),
        "html_median_kb": statistics.median(sizes) / 1024,
        "html_largest_kb": sizes[-1] / 1024,
        "search_index_kb": index.stat().st_size / 1024 if index.exists() else 0,
        "site_mb": total / 1024 / 1024,
    }


def largest_search_field(site: Path) -> dict:
    """The longest field (in UTF-8 bytes) of a Zensical site's search index (search.json), and where it is: a
    figure to hold against Zensical's limit for one field, since what a section holds can grow with the data."""
    items = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    size, where = max((len(str(v).encode()), item["location"]) for item in items for v in item.values())
    return {"search_field_largest_bytes": size, "search_field_largest_at": where}


def fast_link_check_seconds(site: Path) -> tuple[float, int]:
    from guidance.engines.output.linkcheck import check

    t = time.perf_counter()
    _pages, links, _broken = check(site)
    return time.perf_counter() - t, links


def _serving(site: Path):
    from guidance.site.serve import make_server

    srv = make_server(str(site), 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}/"


def link_check(site: Path) -> dict:
    """linkchecker over HTTP with AnchorCheck, as the test suite runs it (tests/conftest.py, `linkchecker_run`):
    every page of the current edition a start URL, the kept editions left out (they were checked when cut),
    a page's URL#fragments sharing one parse of the same bytes."""
    srv, url = _serving(site)
    t = time.perf_counter()
    run = run_linkchecker(current_pages(site, url), f"--ignore-url=^{re.escape(url)}editions/")
    secs = time.perf_counter() - t
    srv.shutdown()
    faults = run.faults()
    if run.returncode != 0:
        print("\n".join(faults[:20]) or run.stderr[-2000:], flush=True)
    return {"link_check_s": secs, "link_check_urls": len(run.rows), "link_check_pages": len(run.pages_reached()),
            "link_check_faults": len(faults)}


def first_search_seconds(site: Path, query: str = "restricted patients") -> float:
    from playwright.sync_api import sync_playwright

    srv, url = _serving(site)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=args)
        page = b.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        t = time.perf_counter()
        box = page.locator("input.md-search__input")
        box.click()
        page.keyboard.type(query)
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
        secs = time.perf_counter() - t
        b.close()
    srv.shutdown()
    return secs
