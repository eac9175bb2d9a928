"""`by_name` in data/search.yaml (issue #32): a page found by its title and opening words only, and the
errors an editor gets for a wrong entry."""
from __future__ import annotations

import pytest
import yaml
from test_search import load_index


def test_a_page_found_by_name_is_indexed_by_its_opening_only(site_dir, data):
    """`by_name` in data/search.yaml: the page's own entry (title and opening words), none of its sections."""
    from guidance.engines.output.search_index import by_name_pages

    urls = by_name_pages(data)
    assert urls, "no page under by_name: the test would test nothing"
    docs = load_index(site_dir)["docs"]
    for url in urls:
        held = [d for d in docs if d["location"].split("#")[0] == url]
        assert [d["location"] for d in held] == [url], [d["location"] for d in held]
        assert held[0]["title"] and held[0]["text"].count("<p>") <= 1 and len(held[0]["text"]) < 600, held[0]


def test_by_name_errors_name_the_entry(small_project):
    from guidance.checks import DataErrors
    from guidance.checks import load_checked as load_site

    path = small_project / "data" / "search.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["by_name"] = [raw["exclude"][0], "PAGE-GLOSARY"]  # kept out and found by name at once; a typo
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataErrors) as err:
        load_site(small_project)
    report = err.value.report()
    assert "by_name[0]" in report and "also under exclude" in report, report
    assert "by_name[1]" in report and "unknown id 'PAGE-GLOSARY'" in report and "PAGE-GLOSSARY" in report, report
