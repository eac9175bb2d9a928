"""Cut a release: freeze the built site as a kept edition (editions/<version>.zip + data/editions.yaml).

Usage: make release SUMMARY="One line for readers: what changed in this edition"
   or: python scripts/release.py --summary "..."
Before: start the edition with `make next-edition` (it raises version and version_date in data/site.yaml and
marks every build a draft), and give every item you changed a history entry naming that version
(kind: wording or kind: meaning). This script then
1. refuses if data/editions.yaml already has this version, or a newer one;
2. records new ids and changed wordings in data/id-register.yaml (scripts/update_register.py), so the
   kept edition shows each rule's earlier wording;
3. builds the whole site afresh (scripts/build.py: strict, link-checked, the kept editions' frozen pages
   included: --check-editions) into a temporary folder;
4. zips that build as editions/<version>.zip (deflate; source maps, root 404 page and site maps left out);
5. adds the edition to data/editions.yaml;
6. keeps the edition's reader text (editions/<version>-reader-text.zip) and writes "What changed", every
   sentence changed since the previous edition (editions/<version>-what-changed.txt, guidance/engines/output/edition_text.py),
   then writes reader-text/ as the released pages read (no draft notice).
It refuses while reader-text/ differs from the words the data would publish (`make check` shows them; read
them, then `make accept`): every sentence released has been read first.
Commit editions/<version>.zip, the two editions/<version>-* files, data/editions.yaml and reader-text/. From then on every build shows the
previous edition under /editions/<previous>/, marked as no longer current.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from guidance.check import reader_text_changes, report, template_leftovers
from guidance.data.editions import EDITIONS_FILE, load_editions, version_key
from guidance.data.loader import DataErrors, load_site
from guidance.engines.output.edition_text import edition_text, text_archive, unread, what_changed, write_text_archive
from guidance.engines.output.editions import freeze
from guidance.site.reader_text import committed, reader_pages, write_reader_text

ROOT = Path(__file__).resolve().parents[1]


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--summary", required=True, help="one line for readers: what changed in this edition")
    args = ap.parse_args()
    summary = " ".join(args.summary.split())
    if not summary:
        print("Give a one-line summary of what changed: make release SUMMARY=\"...\"", file=sys.stderr)
        return 2
    try:
        data = load_site(ROOT)
        eds = load_editions(ROOT, data.site)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    site = data.site
    leftovers = template_leftovers(ROOT)
    if leftovers:
        print(report(leftovers) + "\nWrite the real words first: nothing was released.", file=sys.stderr)
        return 1
    if eds and version_key(eds[-1].version) >= version_key(site.version):
        print(f"Edition {eds[-1].version} is already kept. Set a new version and version_date in data/site.yaml "
              "first (calendar versioning, YYYY.M.N).", file=sys.stderr)
        return 1
    if eds and site.version_date <= eds[-1].date:
        print(f"version_date in data/site.yaml ({site.version_date}) must be later than the date of edition "
              f"{eds[-1].version} ({eds[-1].date}).", file=sys.stderr)
        return 1
    if unread_sentences(data):
        return 1
    if subprocess.run([sys.executable, str(ROOT / "scripts" / "update_register.py")], cwd=ROOT).returncode:
        print("The id register could not be updated: nothing was released.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix=".release-", dir=ROOT) as tmp:
        built = Path(tmp) / "site"
        # --release: the build being frozen is the edition, not a draft (scripts/build_options.py)
        if subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--site", str(built), "--release",
                           "--check-editions"],
                          cwd=ROOT).returncode:
            print("The build failed: nothing was released.", file=sys.stderr)
            return 1
        archive = f"editions/{site.version}.zip"
        files, size = freeze(built, ROOT / archive)
    path = ROOT / EDITIONS_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else "# Every released edition, oldest first.\n"
    if not text.endswith("\n"):
        text += "\n"
    text += (f"- version: {site.version}\n  date: {site.version_date.isoformat()}\n"
             f"  summary: {_yaml_str(summary)}\n  archive: {archive}\n")
    path.write_text(text, encoding="utf-8")
    try:
        load_editions(ROOT, site)
        released = load_site(ROOT)  # now with this edition kept: the pages read as released, not as a draft
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    changes = keep_reader_text(released, eds[-1] if eds else None)
    print(f"Edition {site.version} kept: {archive} ({files} files, {size / 1e6:.1f} MB) and {EDITIONS_FILE} updated.\n"
          f"What changed, sentence by sentence: {changes}.\n"
          "Commit them with reader-text/. Run `make build` to see the previous edition under editions/.")
    return 0


def unread_sentences(data) -> list:
    """The pages whose sentences differ from reader-text/ (the edition's own furniture aside), each shown."""
    pages = reader_pages(data, ROOT)
    pending = unread(committed(ROOT) or {}, {k: pg.text for k, pg in pages.items()})
    found = [p for p in reader_text_changes(ROOT, pages) if p.record in pending]
    if found:
        print(report(found) + "\nRead these sentences and run `make accept` first: nothing was released.", file=sys.stderr)
    return found


def keep_reader_text(data, previous) -> str:
    """Keep this edition's reader text, write what changed since `previous`, and write reader-text/."""
    pages = reader_pages(data, ROOT)
    texts = {page_id: page.text for page_id, page in pages.items()}
    version = data.site.version
    write_text_archive(texts, ROOT / text_archive(version))
    write_reader_text(ROOT, pages)
    out = ROOT / "editions" / f"{version}-what-changed.txt"
    if previous is None:
        out.write_text(f"Edition {version} is the first: every sentence is new.\n", encoding="utf-8")
    else:
        before = edition_text(ROOT, previous.version, previous.archive)
        out.write_text(what_changed(before, texts, previous.version, version), encoding="utf-8")
    return out.relative_to(ROOT).as_posix()


if __name__ == "__main__":
    sys.exit(main())
