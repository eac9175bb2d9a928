"""Write dist/site/, the publishable site with its downloads: see macros/site/dist.py."""
import sys

from macros.site.dist import main

if __name__ == "__main__":
    sys.exit(main())
