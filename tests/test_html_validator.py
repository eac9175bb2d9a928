"""The Nu HTML Checker (npm vnu-jar, run on the machine's Java) over the built site's current edition.

Errors from our own templates and generated HTML fail the test. Errors that come from the
Material theme's own markup or the print-site plugin are listed below with the reason they
are accepted; the test reports how many of those it saw.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import ARTIFACTS, ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# message pattern -> why it is accepted (all come from Material for MkDocs or mkdocs-print-site markup)
THEME_FINDINGS = {
    r"^Bad value “” for attribute “tabindex” on element “label”": "Material's header and sidebar labels (theme markup).",
    r"^Attribute “autocomplete” is only allowed when the input type is": "Material's palette and drawer toggles (theme markup).",
    r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control": "Material's drawer and search toggles point at hidden checkboxes by design.",
    r"^Attribute “heading-number” not allowed on element “section”": "mkdocs-print-site numbers sections on the print page.",
    r"^A “style” element in “body” must be the first child of its parent": "mkdocs-print-site puts its style element inside the print page body.",
}


@pytest.mark.node
def test_no_html_errors_from_our_templates(site_dir):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker (installed by make test)"
    assert VNU.exists(), "vnu-jar is installed by npm ci (make test)"
    # the current edition's pages and permanent-link stubs: the kept editions are frozen copies of earlier builds,
    # which no change here can alter
    pages = sorted(str(p) for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] != "editions")
    assert len(pages) > 100
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", *pages],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or "{}").get("messages", [])
    ours, theirs = [], 0
    for m in messages:
        if any(re.search(p, m["message"]) for p in THEME_FINDINGS):
            theirs += 1
            continue
        where = m.get("url", "").replace(f"file:{site_dir}/", "")
        ours.append(f"{where}: {m['message']} [{m.get('extract', '').strip()[:80]}]")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "vnu-report.txt").write_text(
        f"{len(ours)} errors from our templates; {theirs} accepted theme findings\n" + "\n".join(ours))
    assert not ours, "\n".join(ours[:25])
