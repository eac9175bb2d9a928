"""Shared fixtures: one real build of the site per test session, a local static server, project copies."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def release_date() -> str:
    """The site's own release date (data/site.yaml version_date), read, never typed into a test."""
    return str(yaml.safe_load((ROOT / "data" / "site.yaml").read_text(encoding="utf-8"))["version_date"])


# "Today" for every build and check the tests run is the release date, whatever the machine's clock
# says: no test expires. Tests of overdue reviews set a later SITE_TODAY themselves.
SITE_TODAY = release_date()
os.environ["SITE_TODAY"] = SITE_TODAY

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def data():
    from macros.data.loader import load_site

    return load_site(ROOT)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """Build the real site once, through the same script as `make build`."""
    out = tmp_path_factory.mktemp("built") / "site"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--site", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (ARTIFACTS).mkdir(exist_ok=True)
    (ARTIFACTS / "build-log.txt").write_text(proc.stdout + proc.stderr)
    # linkchecker drops root privileges to 'nobody': make the tree readable
    os.chmod(out.parent, 0o755)
    for p in [out, *out.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(site_dir):
    """The built site on a plain static HTTP server bound to 127.0.0.1."""
    from macros.site.serve import make_server

    port = _free_port()
    srv = make_server(str(site_dir), port)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{port}/"
    srv.shutdown()


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project (data, docs, macros, config) to break on purpose."""
    for name in ("data", "docs", "editions", "macros", "overrides", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def html_pages(site: Path) -> list[Path]:
    """Every real HTML page of the current edition (not permalink stubs, not kept editions: tests/test_editions.py)."""
    return sorted(p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in ("id", "editions"))
