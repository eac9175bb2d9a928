"""Print the PDFs (whole guidance, bench notes, training handouts): see guidance/engines/output/pdfs.py.

The public address the PDFs name comes from PUBLIC_URL (or --public-url), read here (scripts/build_options.py)."""
import argparse
import sys

from build_options import add_arguments, options_or_none

from guidance.engines.output.pdfs import main

if __name__ == "__main__":
    ap = argparse.ArgumentParser(add_help=False)
    add_arguments(ap, tree=False)
    ours, rest = ap.parse_known_args()
    options = options_or_none(ours)
    sys.exit(1 if options is None else main(rest, options))
