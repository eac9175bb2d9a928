"""Run linkchecker, the outside HTTP link and anchor check, over a site served on 127.0.0.1 (scripts/bench.py, tests/conftest.py,
fixture `linkchecker_run`, and tests/test_links.py over a small tree with faults in it).

linkchecker starts from every page given (so pages no link leads to, such as the print page and the permanent
links /id/..., are checked too), follows every link on the same host, checks every URL over HTTP, and with
AnchorCheck on it checks every URL#fragment on its own: that the page answers and that it has an element with
that id (or an <a> with that name). A missing page is an error and a missing anchor a warning; both make it exit
1. The plugin in linkchecker_plugins/ (SharedPage) lets links to one page that differ only by their fragment
share one parse of the same bytes, instead of parsing the 1 MB print page again for each of its 600 fragments;
links are followed from each page's own URL, not again from each of its URL#fragments (--no-follow-url).

The result keeps every URL linkchecker checked (its CSV output, one row each), so that a test can show that every
page was reached.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PLUGIN = Path(__file__).resolve().parent / "linkchecker_plugins" / "shared_page.py"
CONFIG = ("[checking]\n"
          "maxrequestspersecond=1000\n"  # the server sends 'LinkChecker: allow', so no throttling
          "threads={threads}\n"
          "maxfilesizeparse=20000000\n"  # linkchecker follows no link of a page over 1 MB: the print page is more
          "maxfilesizedownload=20000000\n"
          "[AnchorCheck]\n"  # no command-line flag turns it on
          "[SharedPage]\n")


@dataclass
class LinkcheckerRun:
    returncode: int
    rows: list[dict]  # one per URL checked: url, parentname, result, warningstring, valid, ...
    stderr: str

    def faults(self) -> list[str]:
        """The URLs linkchecker found broken (errors) or with a warning (a missing anchor), with where and why."""
        return [f"{r['url']} (linked from {r['parentname']}): {r['result']} {r['warningstring']}".strip()
                for r in self.rows if r["valid"] != "True" or r["warningstring"]]

    def pages_reached(self) -> set[str]:
        """The URLs without a fragment that linkchecker fetched (their links followed) and found valid."""
        return {r["url"] for r in self.rows if "#" not in r["url"] and r["valid"] == "True"
                and r["result"].startswith("200")}


def current_pages(site_dir: Path, server: str) -> list[str]:
    """The URL of every page of the current edition (each folder with an index.html, but the kept editions)."""
    folders = {p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")}
    return sorted(server if f == "." else f"{server}{f}/" for f in folders if f.split("/")[0] != "editions")


def _fragments_here(url: str) -> str:
    """A pattern for the URL#fragments on the host of `url`: linkchecker checks them but follows no link out of
    them (their page's own URL does). On other hosts, a link is only checked for its syntax, fragment or not: a
    `--no-follow-url` pattern that matched them too would make linkchecker fetch them from the network."""
    parts = urlsplit(url)
    return f"^{re.escape(f'{parts.scheme}://{parts.netloc}/')}[^#]*#"


def _readable_workdir() -> Path:
    """linkchecker run as root drops to 'nobody': a folder it can write its output to, with the plugin folder
    (which must not be world-writable, or linkchecker refuses to load from it) inside."""
    workdir = Path(tempfile.mkdtemp())
    os.chmod(workdir, 0o777)
    plugins = workdir / "data" / "linkchecker" / "plugins"
    plugins.mkdir(parents=True)
    for folder in (workdir / "data", workdir / "data" / "linkchecker", plugins):
        os.chmod(folder, 0o755)
    shutil.copy(PLUGIN, plugins / PLUGIN.name)
    os.chmod(plugins / PLUGIN.name, 0o644)
    return workdir


def run_linkchecker(urls: list[str], *args: str, threads: int = 8, timeout: int = 900) -> LinkcheckerRun:
    """linkchecker over `urls` and everything they link to on the same host; `args` are more command-line options."""
    exe = Path(sys.executable).parent / "linkchecker"
    assert exe.exists(), "linkchecker is installed by make setup"
    workdir = _readable_workdir()
    cfg = workdir / "linkcheckerrc"
    cfg.write_text(CONFIG.format(threads=threads))
    os.chmod(cfg, 0o644)
    env = {**os.environ, "XDG_DATA_HOME": str(workdir / "data")}
    try:
        proc = subprocess.run([str(exe), "--no-status", "--no-robots", f"--no-follow-url={_fragments_here(urls[0])}",
                               "--verbose", "-o", "csv", "-f", str(cfg), *args, "--stdin"], input="\n".join(urls), capture_output=True,
                              text=True, timeout=timeout, env=env)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return LinkcheckerRun(proc.returncode, _rows(proc.stdout), proc.stderr)


def _rows(out: str) -> list[dict]:
    """The CSV rows as dicts; its comment lines (which start with '#', as a link's own text may) have one field."""
    table = list(csv.reader(io.StringIO(out), delimiter=";"))
    at = next((i for i, row in enumerate(table) if row[:2] == ["urlname", "parentname"]), None)
    if at is None:  # no output: linkchecker failed before checking (its stderr says why)
        return []
    # a start URL's row has no line and column: the fields from there on shift, but url, result and valid hold
    return [dict(zip(table[at], row, strict=False)) for row in table[at + 1:] if len(row) > table[at].index("url")]
