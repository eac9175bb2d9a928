"""Keep the words readers will see: write reader-text/ (one file per page) from the data as it is now.

Run it after reading the changed sentences `make check` shows; then commit reader-text/ with the data.
Usage: python scripts/accept.py [project-root]
"""
from __future__ import annotations

import sys
from pathlib import Path

from guidance.check import check_and_render, report
from guidance.site.reader_text import READER_TEXT, reader_pages, write_reader_text

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]


def main() -> int:
    data, problems, rendering = check_and_render(ROOT)  # the pages the check read are the pages kept
    if data is None or rendering is None or any(not p.warning for p in problems):
        print(report(problems), file=sys.stderr)
        print("Nothing was accepted: fix these first, so that the text kept is the text the site would publish.",
              file=sys.stderr)
        return 1
    changed = write_reader_text(ROOT, reader_pages(data, ROOT, rendering))
    if not changed:
        print(f"{READER_TEXT}/ already holds the words of every page: nothing to accept.")
        return 0
    print(f"Accepted the words of {len(changed)} page{'s' if len(changed) != 1 else ''}:")
    print("\n".join(f"  {name}" for name in changed))
    print(f"Commit {READER_TEXT}/ with the change that made them (git add {READER_TEXT}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
