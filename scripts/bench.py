"""Build and page-weight benchmark. Prints a table (Markdown) and writes bench-results.json.

Usage: python scripts/bench.py [--scales 1,10,100] [--quick] [--no-lanes] [--out bench-results.json]

Measures, on this machine:
- for the real site and synthetic data at x10 and x100 tools (records copied with new ids, through the
  same data path): generation (check + the source tree, scripts/generate.py), then the build of that
  tree by each engine (MkDocs with Material, Zensical), each with its time and peak memory, and
  generation's share of the whole;
- the same pages built by MkDocs as plain Markdown (the generated tree without our plugin and without
  the page-HTML pass) as the baseline, and the ratio;
- live reload on both engines (x1): from saving a one-line edit to one record to the changed page being
  served, with its phases (scripts/bench_reload.py; also run on its own);
- HTML bytes per page (median and largest), search index size, total site size;
- time to check every link and anchor of the real site (linkchecker over HTTP, AnchorCheck on);
- time from page load to the first search answer in chromium (typed into the search box; the
  index is fetched and built on the first search), and the search index size against its target.
- the offline pack (`make offline`): zip size against the online site, build time against `make build`;
- the two test lanes, `make test-fast` and `make test` (scripts/bench_lanes.py; --no-lanes leaves them out).
Targets are printed next to each figure. This is not a test: it never fails on a slow machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_lanes import lane_arguments, lane_seconds
from bench_reload import describe, reload_runs

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
INDEX_BEFORE_KB = 800_241 / 1024  # search/search_index.json before issue #13 ("781 KB")

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


def copy_project(dest: Path) -> Path:
    for name in ("data", "docs", "editions", "guidance", "overrides", "scripts", "reader-text"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
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
    return len(tools) * factor


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
assert data is not None and not [p for p in problems if not p.warning], problems[:3]
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
    last line): a limit of the engine at that scale is a figure of the bench, and the other figures still come."""
    zen = str(Path(PY).parent / "zensical")
    shutil.rmtree(tree / "site", ignore_errors=True)
    proc = subprocess.run([PY, "-c", CHILD, zen, "build", "--clean", "-f", str(tree / "zensical.yml")], cwd=tree,
                          capture_output=True, text=True)
    secs, mb, rc = proc.stdout.strip().splitlines()[-1].split()
    if rc != "0":
        reason = (proc.stderr.strip().splitlines() or ["no message"])[-1]
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


def fast_link_check_seconds(site: Path) -> tuple[float, int]:
    from guidance.engines.output.linkcheck import check

    t = time.perf_counter()
    _pages, links, broken = check(site)
    return time.perf_counter() - t, links


def link_check_seconds(site: Path) -> float:
    from guidance.site.serve import make_server

    srv = make_server(str(site), 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/"
    work = Path(tempfile.mkdtemp())
    os.chmod(work, 0o777)
    for p in [site, *site.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    cfg = work / "lc.ini"
    cfg.write_text("[checking]\nmaxrequestspersecond=1000\nthreads=10\n[AnchorCheck]\n")
    os.chmod(cfg, 0o644)
    t = time.perf_counter()
    proc = subprocess.run([str(Path(PY).parent / "linkchecker"), "--no-status", "--no-robots", "-f", str(cfg), url],
                          capture_output=True, text=True)
    secs = time.perf_counter() - t
    srv.shutdown()
    if proc.returncode != 0:
        print(proc.stdout[-2000:], file=sys.stderr)
    return secs


def first_search_seconds(site: Path, query: str = "restricted patients") -> float:
    from playwright.sync_api import sync_playwright

    from guidance.site.serve import make_server

    srv = make_server(str(site), 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/"
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
    """`make check` on the real data: wall clock (best and worst of a few runs) and CPU time of one run."""
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


def main() -> int:  # long: the options, then one figure after another, each printed as it comes
    from guidance.data.loader import load_site
    from guidance.engines.output.postbuild import finish_site

    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--quick", action="store_true", help="skip the browser, link-check and test-lane figures")
    ap.add_argument("--no-lanes", action="store_true", help="skip the test lanes (make test-fast, make test)")
    ap.add_argument("--out", default=str(ROOT / "bench-results.json"), help="where the figures go (JSON)")
    args = ap.parse_args()
    scales = [int(x) for x in args.scales.split(",")]
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    rows, results = [], {}
    results["check"] = check_seconds()
    print("make check (real data): best {check_best_s:.2f} s, worst {check_worst_s:.2f} s, CPU {check_cpu_s:.2f} s"
          .format(**results["check"]), flush=True)
    for n in scales:
        project = copy_project(work / f"x{n}")
        tools = scale_tools(project, n) if n > 1 else len(list((project / "data" / "tools").glob("*.yaml")))
        gsecs, gmb, tree = generate_tree(project)
        secs, mb = timed_build(tree, work / f"x{n}-site")
        finish_site(load_site(project), work / f"x{n}-site", "mkdocs")  # as scripts/build.py does after the engine
        weights = page_weights(work / f"x{n}-site")
        zsecs, zmb, zfailed = zensical_build(tree, work / f"x{n}-zen")
        tsecs, tmb = timed_build(plain_twin(tree), work / f"x{n}-twin-site", config="plain.yml")
        results[n] = {"tools": tools, "generate_s": gsecs, "generate_peak_mb": gmb, "build_s": gsecs + secs,
                      "mkdocs_s": secs, "peak_mb": max(mb, gmb), "zensical_s": zsecs, "zensical_peak_mb": max(zmb, gmb),
                      "zensical_build_s": gsecs + zsecs, "plain_build_s": tsecs, "plain_peak_mb": tmb,
                      "ratio": (gsecs + secs) / tsecs, "share_mkdocs": gsecs / (gsecs + secs),
                      "share_zensical": gsecs / (gsecs + zsecs), "zensical_failed": zfailed, **weights}
        print(f"x{n}: {tools} tools, {weights['pages']} pages, generation {gsecs:.2f} s ({gmb:.0f} MB), MkDocs {secs:.2f} s "
              f"({mb:.0f} MB), Zensical {zsecs:.2f} s ({zmb:.0f} MB), plain MkDocs {tsecs:.2f} s, "
              f"site {weights['site_mb']:.1f} MB", flush=True)
    if not args.quick:
        for engine in ("mkdocs", "zensical"):
            results[f"reload_{engine}"] = reload_runs(work / f"x{scales[0]}", engine)  # seconds by phase
            results[f"reload_{engine}_s"] = [r["total"] for r in results[f"reload_{engine}"]]
            print(f"reload ({engine}): {describe(results[f'reload_{engine}'])}", flush=True)
    real = results[scales[0]]
    real.update(editions_figures(work / f"x{scales[0]}", work / f"x{scales[0]}-site"))
    for n in scales:
        results[n]["fast_link_check_s"], results[n]["links"] = fast_link_check_seconds(work / f"x{n}-site")
    results["offline"] = offline_pack_figures(work)
    if not args.quick:
        results["link_check_s"] = link_check_seconds(work / f"x{scales[0]}-site")
        results["first_search_s"] = first_search_seconds(work / f"x{scales[0]}-site")
    if not (args.quick or args.no_lanes):
        results["lanes"] = lane_seconds(lane_arguments())
    base_html = real["html_median_kb"]
    rows.append("| Scale | Tools | Pages | Generation (s) | MkDocs build (s) | Zensical build (s) | Plain Markdown "
                "build, MkDocs (s) | Ratio (generation + MkDocs / plain) | Generation's share, MkDocs / Zensical | "
                "Peak memory, MkDocs / Zensical (MB) | HTML per page, median / largest (KB) | Search index (KB) | Site (MB) |")
    rows.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in scales:
        r = results[n]
        rows.append(f"| x{n} | {r['tools']} | {r['pages']} | {r['generate_s']:.2f} | {r['mkdocs_s']:.2f} | {r['zensical_s']:.2f} | "
                    f"{r['plain_build_s']:.2f} | {r['ratio']:.2f} | {r['share_mkdocs']:.0%} / {r['share_zensical']:.0%} | "
                    f"{r['peak_mb']:.0f} / {r['zensical_peak_mb']:.0f} | {r['html_median_kb']:.1f} / {r['html_largest_kb']:.1f} | "
                    f"{r['search_index_kb']:.0f} | {r['site_mb']:.1f} |")
    print("\n" + "\n".join(rows))
    for n in scales:
        if results[n]["zensical_failed"]:
            print(f"x{n}: Zensical refused the tree: {results[n]['zensical_failed']}")
    print("\nTargets:")
    big = results[scales[-1]]
    print("- make check <= 3 s: best {check_best_s:.2f} s, worst {check_worst_s:.2f} s (CPU {check_cpu_s:.2f} s)"
          .format(**results["check"]))
    print(f"- real site build <= 3 s: {real['build_s']:.2f} s")
    print(f"- x{scales[-1]} build <= 15 s and <= 60 MB site: {big['build_s']:.2f} s, {big['site_mb']:.1f} MB")
    print("- data-driven overhead <= 1.15x plain: " + ", ".join(f"x{n} {results[n]['ratio']:.2f}" for n in scales))
    print(f"- HTML per page flat within 10 %: median x1 {base_html:.1f} KB -> x{scales[-1]} {big['html_median_kb']:.1f} KB "
          f"({(big['html_median_kb'] / base_html - 1) * 100:+.1f} %)")
    print(f"- kept editions: {real['editions_kept']} archived ({real['editions_archive_mb']:.1f} MB in git); unpacking and "
          f"marking the older ones: {real['editions_s']:.2f} s, {real['editions_pages']} pages, "
          f"{real['editions_unpacked_mb']:.1f} MB in the built site")
    print("- full link and anchor check <= 5 s (guidance/engines/output/linkcheck.py): " + ", ".join(
        f"x{n} {results[n]['fast_link_check_s']:.2f} s ({results[n]['links']} links)" for n in scales))
    off = results["offline"]
    print(f"- offline pack <= 2x the online site (HTML and assets, no PDFs): zip {off['zip_mb']:.1f} MB, site "
          f"{off['online_mb']:.1f} MB ({off['zip_mb'] / off['online_mb']:.2f}x)")
    print(f"- offline pack builds in < 2x `make build`: {off['make_offline_s']:.1f} s against {off['make_build_s']:.1f} s "
          f"({off['make_offline_s'] / off['make_build_s']:.2f}x)")
    print(f"- search index <= 60 % of {INDEX_BEFORE_KB:.0f} KB ({0.6 * INDEX_BEFORE_KB:.0f} KB): "
          f"{real['search_index_kb']:.0f} KB ({real['search_index_kb'] / INDEX_BEFORE_KB:.0%})")
    if not args.quick:
        print(f"- the same check with linkchecker over HTTP, AnchorCheck on (real site): {results['link_check_s']:.2f} s")
        print(f"- first search answer <= 1.5 s (index fetched on the first search): {results['first_search_s']:.2f} s")
        for engine in ("mkdocs", "zensical"):
            print(f"- live reload <= 1 s ({engine}, a one-line edit to one record -> changed page served, "
                  f"scripts/bench_reload.py): {describe(results[f'reload_{engine}'])}")
    for lane, got in results.get("lanes", {}).items():
        print(f"- make {lane} (its pytest run): {got['seconds']:.0f} s, {got['summary']}")
    Path(args.out).write_text(json.dumps(results, indent=2, default=str))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
