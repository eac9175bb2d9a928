"""Validate data/ and page front matter without building the site.

Usage: python scripts/check_data.py [project-root]
Exit 0 and one line when the data is good; exit 1 with every problem listed otherwise.
"""
from __future__ import annotations

import sys
from pathlib import Path

from macros.data.loader import DataErrors, load_site

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]



def main() -> int:
    try:
        data = load_site(ROOT)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(
        f"Data OK: {len(data.recs)} recommendations, {len(data.sources)} sources, {len(data.steps)} MAPPA steps, "
        f"{len(data.standards)} standards, {len(data.tools)} tools, {len(data.terms)} glossary terms, "
        f"{len(data.pages)} pages."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
