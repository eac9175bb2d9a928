"""Changes over time (issue 16): a changed rule shows its earlier wording beside the current one."""
from __future__ import annotations

import subprocess
import sys

import yaml
from bs4 import BeautifulSoup

from guidance import paths
from guidance.render.wording import word_diff


def test_word_diff_marks_words_taken_out_and_put_in():
    out = word_diff("Arrange the meeting within 20 working days.", "Arrange the meeting soon.")
    assert out == "Arrange the meeting <del>within 20 working days.</del> <ins>soon.</ins>"
    assert word_diff("same words", "same words") == "same words"
    assert "&lt;b&gt;" in word_diff("a <b>", "a")  # data text stays text


def test_a_changed_step_shows_its_earlier_wording_marked(site_dir, data):
    register = {e["id"]: e for e in yaml.safe_load((data.root / "data" / "id-register.yaml").read_text())}
    changed = [i for i, e in register.items() if e.get("earlier")]
    assert changed, "at least one rule changed between editions"
    step = data.step("MAPPA-PM-01")
    html = (site_dir / paths.page_url(paths.stage_page(step.stage)) / "index.html").read_text(encoding="utf-8")
    section = BeautifulSoup(html, "html.parser").find(id="mappa-pm-01").find_next(class_="earlier-wording")
    assert section is not None and section.find("del") and section.find("ins")
    assert "20 working days" in section.find("del").get_text()
    assert "Changed in edition" in section.get_text()


def test_cutting_an_edition_keeps_the_earlier_words(project):
    """A standard reworded with a normative history entry: the register keeps the old words."""
    site = project / "data" / "site.yaml"
    version = yaml.safe_load(site.read_text())["version"]
    year, month, n = version.split(".")
    new = f"{year}.{month}.{int(n) + 1}"
    site.write_text(site.read_text().replace(f"version: {version}", f"version: {new}"))
    standards = project / "data" / "standards.yaml"
    text = standards.read_text()
    old = "statement: You should judge risk"
    assert old in text
    start = text.index("- id: RAS-01")
    hist = text.index("history:", start)
    line_end = text.index("\n", hist)
    indent = " " * (len(text[text.rindex("\n", 0, hist) + 1:hist]) + 2)
    entry = f"\n{indent}- {{version: {new}, date: 2026-12-02, normative: true, change: Reworded.}}"
    text = text[:line_end] + entry + text[line_end:]
    standards.write_text(text.replace(old, "statement: You should always judge risk", 1))
    proc = subprocess.run([sys.executable, str(project / "scripts" / "update_register.py")], cwd=project,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    entry = {e["id"]: e for e in yaml.safe_load((project / "data" / "id-register.yaml").read_text())}["RAS-01"]
    assert entry["earlier"][-1]["until"] == new
    assert "You should judge risk" in entry["earlier"][-1]["wording"]
    assert "always judge" in entry["wording"]
