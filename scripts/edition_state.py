"""The project's data and whether its edition is a draft, for the commands that start things (make new-tool,
make next-edition): loaded once, or every problem said with what was therefore not done."""
from __future__ import annotations

import sys
from pathlib import Path

from guidance.data.editions import is_draft
from guidance.data.loader import DataErrors, SiteData, load_site


def load_with_draft(root: Path, not_done: str) -> tuple[SiteData, bool] | None:
    """The data set and whether its edition is still a draft; None after listing the data's problems, followed
    by `not_done` (what the command did not do because of them)."""
    try:
        data = load_site(root)
        return data, is_draft(data)
    except DataErrors as exc:
        print(f"{exc.report()}\nFix these first: {not_done}.", file=sys.stderr)
        return None
