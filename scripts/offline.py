"""Write dist/mappa-guidance-<version>-offline.zip: see guidance/site/offline_pack.py.

The public address (PUBLIC_URL or --public-url) and the build time (--built or OFFLINE_BUILT) are read here,
in the command-line layer (scripts/build_options.py), and passed down."""
import argparse
import os
import sys

from build_options import add_arguments, options_or_none

from guidance.site.offline_pack import main

if __name__ == "__main__":
    ap = argparse.ArgumentParser(add_help=False)
    add_arguments(ap, tree=False)
    ours, rest = ap.parse_known_args()
    options = options_or_none(ours)
    if options is None:
        sys.exit(2)
    if os.environ.get("OFFLINE_BUILT") and "--built" not in rest:
        rest += ["--built", os.environ["OFFLINE_BUILT"]]
    sys.exit(main(rest, options.public_url))
