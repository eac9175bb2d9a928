"""How each engine builds and serves the generated tree (build/src/, see guidance/site/source_tree.py)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ENGINES = ("mkdocs", "zensical")


def _bin(name: str) -> str:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


def build(engine: str, tree: Path, dest: Path, quiet: bool = False) -> int:
    """Build the tree with one engine into dest (a new folder). Returns the engine's exit code."""
    tree = Path(tree).resolve()
    no_note = ["env", "NO_MKDOCS_2_WARNING=1"]  # Material's note on MkDocs 2, added to the inherited environment
    out = subprocess.DEVNULL if quiet else None
    if engine == "mkdocs":
        # never pass -v: in MkDocs 1.6 it switches off anchor validation
        cmd = [*no_note, sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(tree / "mkdocs.yml"),
               "-d", str(dest)]
        return subprocess.run(cmd, cwd=tree, stdout=out, stderr=out).returncode
    if engine == "zensical":
        built = tree / "site"  # Zensical builds inside its project folder only
        shutil.rmtree(built, ignore_errors=True)
        cmd = [_bin("zensical"), "build", "--clean", "-f", str(tree / "zensical.yml")]
        rc = subprocess.run(cmd, cwd=tree, stdout=out, stderr=out).returncode
        if rc == 0:
            shutil.rmtree(dest, ignore_errors=True)
            shutil.move(str(built), str(dest))
        return rc
    raise ValueError(f"unknown engine '{engine}': choose one of {', '.join(ENGINES)}")


def serve_command(engine: str, tree: Path, address: str) -> list[str]:
    tree = Path(tree).resolve()
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "serve", "-f", str(tree / "mkdocs.yml"), "-a", address, "--livereload",
                "--dirty"]  # only the pages whose source changed (guidance/engines/mkdocs_dirty.py)
    if engine == "zensical":
        return [_bin("zensical"), "serve", "-f", str(tree / "zensical.yml"), "-a", address]
    raise ValueError(f"unknown engine '{engine}': choose one of {', '.join(ENGINES)}")
