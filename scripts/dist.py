"""Write dist/site/, the publishable site with its downloads: see guidance/engines/output/dist.py.

The public address comes from PUBLIC_URL (or --public-url), the offline pack's build time from --built or
OFFLINE_BUILT: read here, in the command-line layer (scripts/build_options.py), and passed down."""
import sys

from build_options import split_options

from guidance.engines.output.dist import main

if __name__ == "__main__":
    options, rest = split_options()
    sys.exit(2 if options is None else main(rest, options))
