"""Serve dist/site/ through nginx with deploy/nginx/ (make preview): see macros/site/nginx_preview.py."""
import sys

from macros.site.nginx_preview import main

if __name__ == "__main__":
    sys.exit(main())
