"""Write dist/mappa-guidance-<version>-offline.zip: see macros/site/offline_pack.py."""
import sys

from macros.site.offline_pack import main

if __name__ == "__main__":
    sys.exit(main())
