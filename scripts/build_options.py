"""The command line's front door to a build's options: the one place that reads the environment.

Every script that builds, checks or publishes makes one `BuildOptions` (guidance/options.py) here, from its
arguments first and the environment second, and passes it down (the data set carries it as `data.options`);
nothing under guidance/ reads the environment (tests/test_options.py).

    --public-url URL   or PUBLIC_URL   the address readers use (make dist needs it); none: pages name paths
    --today YYYY-MM-DD or SITE_TODAY   the build date (default: the machine's date)
    --release                          the build `make release` freezes: the edition itself, not a draft
    --engine NAME      or ENGINE       mkdocs (default) or zensical
    --tree DIR                         where the generated source tree is written
    --built TIME       or OFFLINE_BUILT the offline pack's build time (make dist, make offline: see split_options)
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from guidance.options import ENGINES, BuildOptions
from guidance.public_url import PublicUrlError, public_url


def add_arguments(ap: argparse.ArgumentParser, tree: bool = True) -> None:
    ap.add_argument("--public-url", help="the address readers use (default: $PUBLIC_URL; none: pages name paths)")
    ap.add_argument("--today", help="the build date, YYYY-MM-DD (default: $SITE_TODAY, else the machine's date)")
    ap.add_argument("--release", action="store_true", help="the build make release freezes (not a draft)")
    ap.add_argument("--engine", choices=ENGINES, help="mkdocs (default) or zensical (default: $ENGINE)")
    if tree:
        ap.add_argument("--tree", help="the generated source tree (default: build/src/ for the default site folder, "
                                       "else a folder of its own beside the site)")


def from_args(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> BuildOptions:
    """The options of this run. Raises PublicUrlError (a malformed address) or ValueError (a bad date)."""
    public = args.public_url if getattr(args, "public_url", None) else public_url(environ)
    day = getattr(args, "today", None) or environ.get("SITE_TODAY")
    tree = getattr(args, "tree", None)
    return BuildOptions(
        public_url=public or None,
        release=bool(getattr(args, "release", False)),
        engine=getattr(args, "engine", None) or environ.get("ENGINE") or "mkdocs",
        tree=Path(tree).resolve() if tree else None,
        **({"today": dt.date.fromisoformat(day)} if day else {}),
    )


def options_or_none(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> BuildOptions | None:
    """from_args, or None after saying what is wrong with the address or the date."""
    try:
        return from_args(args, environ)
    except PublicUrlError as exc:
        print(str(exc), file=sys.stderr)
    except ValueError as exc:
        print(f"Build options: {exc}", file=sys.stderr)
    return None


def split_options(argv: list[str] | None = None, environ: Mapping[str, str] = os.environ
                  ) -> tuple[BuildOptions | None, list[str]]:
    """The build options of a command that also takes arguments of its own (make dist, make offline), and those
    other arguments, with `--built` from OFFLINE_BUILT when it is set and not given. Options None: something was
    wrong with the address or the date, and has been said."""
    ap = argparse.ArgumentParser(add_help=False)
    add_arguments(ap, tree=False)
    ours, rest = ap.parse_known_args(argv)
    if environ.get("OFFLINE_BUILT") and "--built" not in rest:
        rest += ["--built", environ["OFFLINE_BUILT"]]
    return options_or_none(ours, environ), rest


def today(explicit: str | None = None, environ: Mapping[str, str] = os.environ) -> dt.date:
    """The day a command acts on: the one given, else SITE_TODAY, else the machine's date. ValueError: not a date."""
    day = explicit or environ.get("SITE_TODAY")
    return dt.date.fromisoformat(day) if day else dt.date.today()
