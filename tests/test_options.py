"""Explicit build options (guidance/options.py): made once by the command line (scripts/build_options.py), passed
down in the data set; nothing under guidance/ reads the environment; each build writes its own source tree, so two
builds with different public addresses run at once from one checkout without touching each other's files."""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guidance.options import BuildOptions
from guidance.public_url import PublicUrlError

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"

# reading the environment: os.environ (any use), os.getenv, environ.get/[...], os.getenvb, os.environb
ENV_READ = re.compile(r"\bos\s*\.\s*(?:environb?|getenvb?)\b|\bgetenv\s*\(|\benviron\s*(?:\.\s*get\s*\(|\[)|from\s+os\s+import[^\n]*\b(?:environ|getenv)\b")


def env_reads(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return [f"{name}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}" for m in ENV_READ.finditer(text)]


def test_no_module_below_the_command_line_reads_the_environment():
    found = [hit for p in sorted((ROOT / "guidance").rglob("*.py")) for hit in env_reads(p)]
    assert not found, "read the environment in scripts/build_options.py and pass BuildOptions down:\n" + "\n".join(found)


@pytest.mark.parametrize("line", [
    "x = os.environ.get('PUBLIC_URL')", "x = os.environ['A']", "env = dict(os.environ, A='1')", "os.getenv('A')",
    "from os import environ", "from os import getenv as g", "value = environ.get('A')", "os . environ",
])
def test_the_scan_finds_every_way_to_read_the_environment(line, tmp_path):
    path = tmp_path / "planted.py"
    path.write_text(line + "\n", encoding="utf-8")
    assert env_reads(path), line


def test_the_scan_leaves_other_words_alone():
    assert not ENV_READ.search("environment = 1\ndef _environment():\n# reads the environ of the build\n")


def _args(**kw) -> argparse.Namespace:
    return argparse.Namespace(**{"public_url": None, "today": None, "release": False, "engine": None, "tree": None, **kw})


def test_the_command_line_makes_the_options_once():
    sys.path.insert(0, str(SCRIPTS))
    try:
        from build_options import from_args
    finally:
        sys.path.remove(str(SCRIPTS))
    env = {"PUBLIC_URL": "https://guidance.test", "SITE_TODAY": "2026-12-06", "ENGINE": "zensical"}
    got = from_args(_args(), env)
    assert got == BuildOptions(public_url="https://guidance.test/", today=dt.date(2026, 12, 6), engine="zensical")
    # arguments win over the environment
    mine = from_args(_args(public_url="https://other.example.scot/x", engine="mkdocs", release=True, tree="t"), env)
    assert (mine.public_url, mine.engine, mine.release, mine.tree) == (
        "https://other.example.scot/x/", "mkdocs", True, Path("t").resolve())
    assert from_args(_args(), {}).public_url is None
    with pytest.raises(PublicUrlError):
        from_args(_args(), {"PUBLIC_URL": "https://guidance.example.invalid/"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.public_url = "https://elsewhere.example.scot/"


def test_the_data_set_carries_its_options(data):
    from guidance.data.loader import load_site

    public = load_site(ROOT, BuildOptions(public_url="https://guidance.test/"))
    assert public.options.public_url == "https://guidance.test/" and data.options.public_url is None
    assert public is not data and load_site(ROOT, BuildOptions(public_url="https://guidance.test/")) is public


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if p.is_file()}


def test_two_generations_with_different_addresses_run_at_once(tmp_path):
    """Each writes its own tree, names its own address, and neither touches the checkout's build/src/."""
    before = _snapshot(ROOT / "build" / "src")
    runs = {}
    for name, url in (("a", "https://a.guidance.test/"), ("b", "https://b.guidance.test/")):
        runs[name] = (url, subprocess.Popen(
            [sys.executable, str(SCRIPTS / "generate.py"), "--tree", str(tmp_path / name), "--public-url", url],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for name, (url, proc) in runs.items():
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, out + err
        assert f"Public address: {url}" in out
        config = (tmp_path / name / "mkdocs.yml").read_text(encoding="utf-8")
        assert f"site_url: {url}" in config
        other = runs["b" if name == "a" else "a"][0]
        assert other not in config
    assert _snapshot(ROOT / "build" / "src") == before


@pytest.mark.slow
def test_two_builds_with_different_addresses_run_at_once(small_buildable, tmp_path):
    """Two whole builds (engine, post-build step, editions, link check) at once from one checkout (the small
    fixture project: the real one's generation is the test above): each site names its own address, and the
    checkout's own build/src/ and site/ are left as they were."""
    checkout = small_buildable
    for folder, name in (("build/src", "index.md"), ("site", "index.html")):  # what an earlier `make build` left
        (checkout / folder).mkdir(parents=True)
        (checkout / folder / name).write_text("left by an earlier build\n", encoding="utf-8")
    before = {d: _snapshot(checkout / d) for d in ("build/src", "site")}
    procs = {}
    for name in ("a", "b"):
        url = f"https://{name}.guidance.test/"
        procs[name] = (url, subprocess.Popen(
            [sys.executable, str(checkout / "scripts" / "build.py"), "--site", str(tmp_path / name / "site"),
             "--public-url", url], cwd=checkout, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for name, (url, proc) in procs.items():
        out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, out + err
        sitemap = (tmp_path / name / "site" / "sitemap.xml").read_text(encoding="utf-8")
        assert url in sitemap and ("b" if name == "a" else "a") + ".guidance.test" not in sitemap
        assert not [p for p in (tmp_path / name).iterdir() if p.name != "site"]  # its own tree, removed after
    assert {d: _snapshot(checkout / d) for d in ("build/src", "site")} == before
