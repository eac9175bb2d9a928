"""Build and page-weight benchmark. Prints a table (Markdown) and writes bench-results.json.

Usage: python scripts/bench.py [--scales 1,10,100] [--engines mkdocs,zensical,plain] [--project DIR] [--quick]
                               [--no-lanes] [--out bench-results.json]

Measures, on this machine:
- for the real site (or the project given with --project, such as the fixture project tests/fixtures/project,
  which tests/test_make_bench.py runs at x1 and x2) and synthetic data at x10 and x100 tools (records copied with new ids, through the
  same data path): generation (check + the source tree, scripts/generate.py), then the build of that
  tree by each engine (MkDocs with Material, Zensical), each with its time and peak memory, and
  generation's share of the whole;
- the same pages built by MkDocs as plain Markdown (the generated tree without our plugin and without
  the page-HTML pass) as the baseline, and the ratio;
- live reload on both engines (x1): from saving a one-line edit to one record to the changed page being
  served, with its phases (scripts/bench_reload.py; also run on its own);
- HTML bytes per page (median and largest), search index size, total site size, and the longest field of
  Zensical's search index against its limit (scripts/bench_site.py);
- time to check every link and anchor of the real site (linkchecker over HTTP, AnchorCheck on, as the test suite
  runs it: scripts/outside_linkcheck.py);
- time from page load to the first search answer in chromium (typed into the search box; the
  index is fetched and built on the first search), and the search index size against its target.
- the offline pack (`make offline`, of this checkout, so only when the project is this one): zip size against the
  online site, build time against `make build`;
- the two test lanes, `make test-fast` and `make test` (scripts/bench_lanes.py; --no-lanes leaves them out).
--engines leaves builds out (and, without mkdocs, the figures taken of the MkDocs site). Targets are printed
next to each figure (scripts/bench_report.py). This is not a test: it never fails on a slow machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_lanes import lane_arguments, lane_seconds
from bench_reload import describe, reload_runs
from bench_report import NAN, print_report
from bench_site import fast_link_check_seconds, first_search_seconds, largest_search_field, link_check, page_weights

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
ENGINES = ("mkdocs", "zensical", "plain")

MEASURE = r"""
import resource, sys, time, os, logging
from mkdocs.config import load_config
from mkdocs.commands.build import build
logging.disable(logging.WARNING)
t = time.perf_counter()
cfg = load_config(config_file=sys.argv[1], site_dir=sys.argv[2], strict=True)
build(cfg)
print(f"{time.perf_counter() - t:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
"""


def timed_build(project: Path, out: Path, env: dict | None = None, config: str = "mkdocs.yml") -> tuple[float, float]:
    """(seconds, peak MB) of one `mkdocs build --strict` in a fresh process."""
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run([PY, "-c", MEASURE, str(project / config), str(out)], cwd=project,
                          capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})))
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    secs, mb = proc.stdout.strip().splitlines()[-1].split()
    return float(secs), float(mb)


def copy_project(source: Path, dest: Path) -> Path:
    """A copy of the project to scale and build: its data, pages, kept editions and reader text; its code,
    configuration, theme additions, scripts and assets, or this checkout's where it has none (as
    tests/conftest.py's buildable() makes the fixture project buildable)."""
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("data", "docs", "editions", "reader-text"):
        shutil.copytree(source / name, dest / name, ignore=ignore)
    for name in ("guidance", "overrides", "scripts", "docs/assets"):
        if not (dest / name).exists():
            shutil.copytree(source / name if (source / name).exists() else ROOT / name, dest / name, ignore=ignore)
    shutil.copy(source / "mkdocs.yml" if (source / "mkdocs.yml").exists() else ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def scale_tools(project: Path, factor: int) -> int:
    """Copy every tool record factor-1 times with new ids (TOOL-X -> TOOL-X-K2 ...). Returns tool count.
    The copies are new records as the release rules see them: first published in the edition being prepared
    (one history entry naming it), in a project where one is being prepared (make next-edition, when its
    version is already released). The id register stays, so every real id keeps its checks."""
    tools = sorted((project / "data" / "tools").glob("*.yaml"))
    if factor > 1:
        version, day = draft_edition(project)
        first = f"history:\n  - {{version: {version}, date: {day}, change: First published.}}\n"
    for k in range(2, factor + 1):
        for path in tools:
            text = path.read_text(encoding="utf-8")
            tid = "TOOL-" + path.stem.upper()
            text = text.replace(f"id: {tid}\n", f"id: {tid}-K{k}\n", 1)
            text = re.sub(r"(\n  - id: )([a-z0-9-]+)", lambda mt, k=k: f"{mt.group(1)}{mt.group(2)}-k{k}", text)
            text = re.sub(r"(\n    figure: )([a-z0-9-]+)", lambda mt, k=k: f"{mt.group(1)}{mt.group(2)}-k{k}", text)
            text = re.sub(r"(?ms)^history:\n(?:[ -].*?\n|\n)*(?=^\S|\Z)", first, text)
            (path.parent / f"{path.stem}-k{k}.yaml").write_text(text, encoding="utf-8")
    if factor > 1:
        copy_reviewed_hits(project, [p.stem for p in tools], factor)
    return len(tools) * factor


def copy_reviewed_hits(project: Path, stems: list[str], factor: int) -> None:
    """A copied tool's pages say what its original's say: the known, reviewed faults of the original's pages
    (reader-text/reviewed-hits.yaml, as the fixture project keeps some on purpose) are known of the copy's."""
    import yaml

    path = project / "reader-text" / "reviewed-hits.yaml"
    hits = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    if not hits:
        return
    own = re.compile(rf"^(tools|bench-notes)/({'|'.join(map(re.escape, stems))})\.md$")
    copies = [{**hit, "page": own.sub(rf"\1/\2-k{k}.md", hit["page"])} for k in range(2, factor + 1)
              for hit in hits if own.match(hit["page"])]
    path.write_text(yaml.safe_dump(hits + copies, sort_keys=False, allow_unicode=True), encoding="utf-8")


def draft_edition(project: Path) -> tuple[str, str]:
    """(version, date) of the edition being prepared in the copy, started with make next-edition if needed."""
    import yaml

    site = yaml.safe_load((project / "data" / "site.yaml").read_text(encoding="utf-8"))
    kept = yaml.safe_load((project / "data" / "editions.yaml").read_text(encoding="utf-8")) or []
    if str(site["version"]) in {str(e["version"]) for e in kept}:
        day = dt.date.fromisoformat(str(site["version_date"])) + dt.timedelta(days=1)
        subprocess.run([PY, str(project / "scripts" / "next_edition.py"), str(project), "--date", day.isoformat()],
                       cwd=project, check=True, capture_output=True)
        site = yaml.safe_load((project / "data" / "site.yaml").read_text(encoding="utf-8"))
    return str(site["version"]), str(site["version_date"])


GENERATE = r"""
import resource, sys, time
from pathlib import Path
from guidance.check import check_project
from guidance.site.source_tree import write_tree
t = time.perf_counter()
data, problems = check_project(Path(sys.argv[1]))
errors = [p for p in problems if not p.warning]
assert data is not None and not errors, errors[:5]
write_tree(data, Path(sys.argv[1]), Path(sys.argv[2]))
print(f"{time.perf_counter() - t:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
"""

CHILD = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(f"{time.perf_counter() - t:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.1f} {rc}")
"""


def generate_tree(project: Path) -> tuple[float, float, Path]:
    """(seconds, peak MB, tree) of the generation step in a fresh process."""
    tree = project / "build" / "src"
    proc = subprocess.run([PY, "-c", GENERATE, str(project), str(tree)], cwd=project, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"generation failed in {project}:\n{proc.stderr[-3000:]}")
    secs, mb = proc.stdout.strip().splitlines()[-1].split()
    return float(secs), float(mb), tree


def zensical_build(tree: Path, out: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, "") of one Zensical build of the tree; when Zensical refuses the tree, (nan, nan, its
    error line, else its last): a limit of the engine at that scale is a figure of the bench, and the other figures still come."""
    zen = str(Path(PY).parent / "zensical")
    shutil.rmtree(tree / "site", ignore_errors=True)
    proc = subprocess.run([PY, "-c", CHILD, zen, "build", "--clean", "-f", str(tree / "zensical.yml")], cwd=tree,
                          capture_output=True, text=True)
    secs, mb, rc = proc.stdout.strip().splitlines()[-1].split()
    if rc != "0":
        lines = proc.stderr.strip().splitlines() or ["no message"]
        reason = next((x for x in lines if x.startswith("Error")), lines[-1])
        print(f"zensical build failed in {tree}: {reason}", flush=True)
        return float("nan"), float("nan"), reason
    shutil.rmtree(out, ignore_errors=True)
    shutil.move(str(tree / "site"), str(out))
    return float(secs), float(mb), ""


def plain_twin(tree: Path) -> Path:
    """The generated tree as plain Markdown for MkDocs: no guidance plugin, no page-HTML pass."""
    import yaml

    cfg = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["plugins"] = [p for p in cfg["plugins"] if (p if isinstance(p, str) else next(iter(p))) != "guidance"]
    cfg["markdown_extensions"] = [e for e in cfg["markdown_extensions"] if not (isinstance(e, str) and e.startswith("guidance."))]
    (tree / "plain.yml").write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return tree


def offline_pack_figures(work: Path) -> dict:
    """`make offline` against `make build`: zip size and online site size (HTML and assets, no PDFs), wall times."""
    t = time.perf_counter()
    subprocess.run([PY, str(ROOT / "scripts" / "build.py"), "--site", str(work / "make-build")], cwd=ROOT,
                   capture_output=True, check=True)
    build_s = time.perf_counter() - t
    stats_file = work / "offline.json"
    t = time.perf_counter()
    subprocess.run([PY, str(ROOT / "scripts" / "offline.py"), "--out", str(work / "dist"), "--no-pdf",
                    "--built", "2000-01-01T00:00:00Z", "--stats", str(stats_file)], cwd=ROOT, capture_output=True, check=True)
    pack_s = time.perf_counter() - t
    stats = json.loads(stats_file.read_text())
    return {"zip_mb": stats["zip_bytes"] / 1024 / 1024, "online_mb": stats["online_bytes"] / 1024 / 1024,
            "make_build_s": build_s, "make_offline_s": pack_s}


def editions_figures(project: Path, site: Path) -> dict:
    """Time and size of the kept editions: unpacking and marking every older edition into a built site.

    While the data's own version is the newest kept edition there is no older one yet; the figure is then
    taken as the next release will see it (the site one version on, every kept edition older).
    """
    from dataclasses import replace

    from guidance.data.editions import editions
    from guidance.data.loader import load_site
    from guidance.engines.output.editions import add_editions

    data = load_site(project)
    eds = editions(data)
    if eds and eds[-1].version == data.site.version:
        y, mo, n = (int(x) for x in data.site.version.split("."))
        later = data.site.model_copy(update={"version": f"{y}.{mo}.{n + 1}",
                                             "version_date": data.site.version_date + dt.timedelta(days=1)})
        data = replace(data, site=later)  # a new data set: its derived values are computed afresh
    t = time.perf_counter()
    reports = add_editions(site, data)
    secs = time.perf_counter() - t
    return {"editions_kept": len(eds), "editions_s": secs,
            "editions_archive_mb": sum((project / e.archive).stat().st_size for e in eds) / 1e6,
            "editions_unpacked_mb": sum(r.bytes_on_disk for r in reports) / 1e6,
            "editions_pages": sum(r.pages for r in reports)}


def check_seconds(project: Path = ROOT, runs: int = 3) -> dict:
    """`make check` on the project's data: wall clock (best and worst of a few runs) and CPU time of one run."""
    walls, cpu = [], 0.0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.run([PY, str(ROOT / "scripts" / "check_data.py"), str(project)], capture_output=True, text=True)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
    return {"check_best_s": min(walls), "check_worst_s": max(walls), "check_cpu_s": cpu}


def measure_scale(source: Path, work: Path, n: int, engines: set[str]) -> dict:
    """One scale: the project copied (its tools x n), generated, then built by each engine asked for."""
    from guidance.data.loader import load_site
    from guidance.engines.output.postbuild import finish_site

    project = copy_project(source, work / f"x{n}")
    tools = scale_tools(project, n) if n > 1 else len(list((project / "data" / "tools").glob("*.yaml")))
    gsecs, gmb, tree = generate_tree(project)
    r = {"tools": tools, "generate_s": gsecs, "generate_peak_mb": gmb}
    if "mkdocs" in engines:
        secs, mb = timed_build(tree, work / f"x{n}-site")
        finish_site(load_site(project), work / f"x{n}-site", "mkdocs")  # as scripts/build.py does after the engine
        r.update(mkdocs_s=secs, build_s=gsecs + secs, peak_mb=max(mb, gmb), share_mkdocs=gsecs / (gsecs + secs),
                 **page_weights(work / f"x{n}-site"))
    if "zensical" in engines:
        zsecs, zmb, zfailed = zensical_build(tree, work / f"x{n}-zen")
        r.update(zensical_s=zsecs, zensical_peak_mb=max(zmb, gmb), zensical_build_s=gsecs + zsecs,
                 share_zensical=gsecs / (gsecs + zsecs), zensical_failed=zfailed)
        if not zfailed:
            r.update(largest_search_field(work / f"x{n}-zen"))
            if "mkdocs" not in engines:  # the page weights of the one site built
                r.update(page_weights(work / f"x{n}-zen", "search.json"))
    if "plain" in engines:
        tsecs, tmb = timed_build(plain_twin(tree), work / f"x{n}-twin-site", config="plain.yml")
        r.update(plain_build_s=tsecs, plain_peak_mb=tmb, ratio=(gsecs + r.get("mkdocs_s", NAN)) / tsecs)
    print(f"x{n}: {tools} tools, {r.get('pages', 0)} pages, generation {gsecs:.2f} s ({gmb:.0f} MB), MkDocs "
          f"{r.get('mkdocs_s', NAN):.2f} s ({r.get('peak_mb', NAN):.0f} MB), Zensical {r.get('zensical_s', NAN):.2f} s "
          f"({r.get('zensical_peak_mb', NAN):.0f} MB), plain MkDocs {r.get('plain_build_s', NAN):.2f} s, "
          f"site {r.get('site_mb', NAN):.1f} MB", flush=True)
    return r


def options() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,10,100", help="the scales, by how many times each tool is there (default 1,10,100)")
    ap.add_argument("--engines", default=",".join(ENGINES),
                    help="the builds of each scale's tree (default: all): mkdocs (with the post-build step, and the "
                         "figures taken of its site: page weights, editions, link checks, search, offline pack), "
                         "zensical, plain (MkDocs without our plugin, the baseline). Example: --scales 100 "
                         "--engines zensical --quick")
    ap.add_argument("--project", default=str(ROOT),
                    help="the project to scale (default: this checkout); a folder with data/, docs/, editions/ and "
                         "reader-text/, such as tests/fixtures/project (this checkout's code, configuration, theme "
                         "and scripts where it has none). The offline pack is of this checkout, so only taken for it")
    ap.add_argument("--quick", action="store_true", help="skip the live reload, browser, linkchecker and test-lane figures")
    ap.add_argument("--no-lanes", action="store_true", help="skip the test lanes (make test-fast, make test)")
    ap.add_argument("--out", default=str(ROOT / "bench-results.json"), help="where the figures go (JSON)")
    args = ap.parse_args()
    args.engines = set(args.engines.split(","))
    if args.engines - set(ENGINES):
        ap.error(f"--engines: {', '.join(sorted(args.engines - set(ENGINES)))} is not one of {', '.join(ENGINES)}")
    args.project = Path(args.project).resolve()
    args.scales = [int(x) for x in args.scales.split(",")]
    return args


def main() -> int:  # long: one figure after another, each printed as it comes
    args = options()
    scales, engines, source = args.scales, args.engines, args.project
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    results = {"project": str(source), "engines": sorted(engines), "check": check_seconds(source)}
    print("make check: best {check_best_s:.2f} s, worst {check_worst_s:.2f} s, CPU {check_cpu_s:.2f} s"
          .format(**results["check"]), flush=True)
    for n in scales:
        results[n] = measure_scale(source, work, n, engines)
    first = work / f"x{scales[0]}"
    if not args.quick:
        for engine in sorted(engines & {"mkdocs", "zensical"}):
            results[f"reload_{engine}"] = reload_runs(first, engine)  # seconds by phase
            results[f"reload_{engine}_s"] = [r["total"] for r in results[f"reload_{engine}"]]
            print(f"reload ({engine}): {describe(results[f'reload_{engine}'])}", flush=True)
    if "mkdocs" in engines:
        results[scales[0]].update(editions_figures(first, work / f"x{scales[0]}-site"))
        for n in scales:
            results[n]["fast_link_check_s"], results[n]["links"] = fast_link_check_seconds(work / f"x{n}-site")
        if source == ROOT:
            results["offline"] = offline_pack_figures(work)
        if not args.quick:
            results.update(link_check(work / f"x{scales[0]}-site"))
            results["first_search_s"] = first_search_seconds(work / f"x{scales[0]}-site")
    if not (args.quick or args.no_lanes):
        results["lanes"] = lane_seconds(lane_arguments())
    print_report(results, scales, engines)
    Path(args.out).write_text(json.dumps(results, indent=2, default=str))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
