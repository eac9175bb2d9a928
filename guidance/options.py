"""The options of one build, made once by the command line (scripts/build_options.py reads the environment
and the arguments) and passed down inside the data set (`data.options`): no module of guidance/ reads the
environment (tests/test_options.py greps for it).

- `public_url`: the address readers use, normalised to end with / (guidance/public_url.py), or None: pages then
  name paths, never a host;
- `today`: the build date (review dates, "checked on");
- `release`: True only for the build `make release` freezes: that build is the edition, not a draft;
- `engine`: the site engine (mkdocs or zensical);
- `tree`: the folder the generated source tree is written to (None: build/src/ of the project).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .public_url import normalise

ENGINES = ("mkdocs", "zensical")


def _today() -> dt.date:
    """The machine's date: the default of `BuildOptions.today` (the tests pin it in tests/conftest.py)."""
    return dt.date.today()


@dataclass(frozen=True)
class BuildOptions:
    public_url: str | None = None
    today: dt.date = field(default_factory=lambda: _today())
    release: bool = False
    engine: str = "mkdocs"
    tree: Path | None = None

    def __post_init__(self) -> None:
        if self.public_url is not None:
            object.__setattr__(self, "public_url", normalise(self.public_url))
        if self.engine not in ENGINES:
            raise ValueError(f"unknown engine '{self.engine}': choose one of {', '.join(ENGINES)}")
