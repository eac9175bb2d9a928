"""Write the list of macros a page can use into CONTRIBUTING.md (`make macro-list`), from the macros themselves.

The list sits between two marker lines in CONTRIBUTING.md; everything else in the file is left as it is.
tests/test_editor_hints.py fails when the list there is not the one this script would write.
"""
from __future__ import annotations

import sys
from pathlib import Path

from guidance.docs_check import MACRO_LIST_END, MACRO_LIST_START, macro_reference

ROOT = Path(__file__).resolve().parents[1]
FILE = ROOT / "CONTRIBUTING.md"


def with_list(text: str) -> str:
    start, end = text.index(MACRO_LIST_START), text.index(MACRO_LIST_END) + len(MACRO_LIST_END)
    return text[:start] + macro_reference() + text[end:]


def main() -> int:
    text = FILE.read_text(encoding="utf-8")
    new = with_list(text)
    if new != text:
        FILE.write_text(new, encoding="utf-8")
        print("CONTRIBUTING.md: the list of macros was brought up to date.")
    else:
        print("CONTRIBUTING.md: the list of macros is up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
