"""The table and the targets `make bench` (scripts/bench.py) prints from its figures. A figure the run did not
take (an engine left out with --engines, or one that refused the tree) prints as "nan"."""
from __future__ import annotations

from bench_reload import describe
from bench_site import ZENSICAL_FIELD_LIMIT

INDEX_BEFORE_KB = 800_241 / 1024  # search/search_index.json before issue #13 ("781 KB")
NAN = float("nan")

HEAD = ("| Scale | Tools | Pages | Generation (s) | MkDocs build (s) | Zensical build (s) | Plain Markdown build, MkDocs (s) | "
        "Ratio (generation + MkDocs / plain) | Generation's share, MkDocs / Zensical | Peak memory, MkDocs / Zensical (MB) | "
        "HTML per page, median / largest (KB) | Search index (KB) | Site (MB) |")


def table(results: dict, scales: list[int]) -> list[str]:
    rows = [HEAD, "|---" * HEAD.count("|", 1) + "|"]
    for n in scales:
        r = {"pages": 0, **{k: NAN for k in ("mkdocs_s", "zensical_s", "plain_build_s", "ratio", "share_mkdocs",
                                            "share_zensical", "peak_mb", "zensical_peak_mb", "html_median_kb",
                                            "html_largest_kb", "search_index_kb", "site_mb")}, **results[n]}
        rows.append(f"| x{n} | {r['tools']} | {r['pages']} | {r['generate_s']:.2f} | {r['mkdocs_s']:.2f} | {r['zensical_s']:.2f} | "
                    f"{r['plain_build_s']:.2f} | {r['ratio']:.2f} | {r['share_mkdocs']:.0%} / {r['share_zensical']:.0%} | "
                    f"{r['peak_mb']:.0f} / {r['zensical_peak_mb']:.0f} | {r['html_median_kb']:.1f} / {r['html_largest_kb']:.1f} | "
                    f"{r['search_index_kb']:.0f} | {r['site_mb']:.1f} |")
    return rows


def print_report(results: dict, scales: list[int], engines: set[str]) -> None:
    print("\n" + "\n".join(table(results, scales)))
    for n in scales:
        if results[n].get("zensical_failed"):
            print(f"x{n}: Zensical refused the tree: {results[n]['zensical_failed']}")
    print("\nTargets:")
    print("- make check <= 3 s: best {check_best_s:.2f} s, worst {check_worst_s:.2f} s (CPU {check_cpu_s:.2f} s)"
          .format(**results["check"]))
    if "zensical" in engines:
        print(f"- Zensical's longest search field <= {ZENSICAL_FIELD_LIMIT:,} bytes: " + ", ".join(
            f"x{n} {results[n]['search_field_largest_bytes']:,} ({results[n]['search_field_largest_at']})"
            if "search_field_largest_bytes" in results[n] else f"x{n} refused (above)" for n in scales))
    if "mkdocs" in engines:
        _mkdocs_targets(results, scales, engines)
    off = results.get("offline")
    if off:
        print(f"- offline pack <= 2x the online site (HTML and assets, no PDFs): zip {off['zip_mb']:.1f} MB, site "
              f"{off['online_mb']:.1f} MB ({off['zip_mb'] / off['online_mb']:.2f}x)")
        print(f"- offline pack builds in < 2x `make build`: {off['make_offline_s']:.1f} s against {off['make_build_s']:.1f} s "
              f"({off['make_offline_s'] / off['make_build_s']:.2f}x)")
    if "link_check_s" in results:
        print(f"- the same check with linkchecker over HTTP, AnchorCheck on, as `make test` runs it "
              f"(scripts/outside_linkcheck.py; x{scales[0]}, kept editions left out): {results['link_check_s']:.2f} s, "
              f"{results['link_check_urls']} URLs, {results['link_check_pages']} pages reached, "
              f"{results['link_check_faults']} faults")
    if "first_search_s" in results:
        print(f"- first search answer <= 1.5 s (index fetched on the first search): {results['first_search_s']:.2f} s")
    for engine in ("mkdocs", "zensical"):
        if f"reload_{engine}" in results:
            print(f"- live reload <= 1 s ({engine}, a one-line edit to one record -> changed page served, "
                  f"scripts/bench_reload.py): {describe(results[f'reload_{engine}'])}")
    for lane, got in results.get("lanes", {}).items():
        print(f"- make {lane} (its pytest run): {got['seconds']:.0f} s, {got['summary']}")


def _mkdocs_targets(results: dict, scales: list[int], engines: set[str]) -> None:
    real, big = results[scales[0]], results[scales[-1]]
    base_html = real["html_median_kb"]
    print(f"- x{scales[0]} site build <= 3 s: {real['build_s']:.2f} s")
    print(f"- x{scales[-1]} build <= 15 s and <= 60 MB site: {big['build_s']:.2f} s, {big['site_mb']:.1f} MB")
    if "plain" in engines:
        print("- data-driven overhead <= 1.15x plain: " + ", ".join(f"x{n} {results[n]['ratio']:.2f}" for n in scales))
    print(f"- HTML per page flat within 10 %: median x{scales[0]} {base_html:.1f} KB -> x{scales[-1]} "
          f"{big['html_median_kb']:.1f} KB ({(big['html_median_kb'] / base_html - 1) * 100:+.1f} %)")
    print(f"- kept editions: {real['editions_kept']} archived ({real['editions_archive_mb']:.1f} MB in git); unpacking and "
          f"marking the older ones: {real['editions_s']:.2f} s, {real['editions_pages']} pages, "
          f"{real['editions_unpacked_mb']:.1f} MB in the built site")
    print("- full link and anchor check <= 5 s (guidance/engines/output/linkcheck.py): " + ", ".join(
        f"x{n} {results[n]['fast_link_check_s']:.2f} s ({results[n]['links']} links)" for n in scales))
    print(f"- search index <= 60 % of {INDEX_BEFORE_KB:.0f} KB ({0.6 * INDEX_BEFORE_KB:.0f} KB): "
          f"{real['search_index_kb']:.0f} KB ({real['search_index_kb'] / INDEX_BEFORE_KB:.0%})")
