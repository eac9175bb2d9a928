"""Write dist/mappa-guidance-<version>-offline.zip: see guidance/engines/output/offline_pack.py.

The public address (PUBLIC_URL or --public-url) and the build time (--built or OFFLINE_BUILT) are read here,
in the command-line layer (scripts/build_options.py), and passed down."""
import sys

from build_options import split_options

from guidance.engines.output.offline_pack import main

if __name__ == "__main__":
    options, rest = split_options()
    sys.exit(2 if options is None else main(rest, options.public_url))
