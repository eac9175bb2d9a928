"""Serve dist/site/ through nginx with deploy/nginx/ (make preview): see guidance/engines/output/nginx_preview.py.

The port comes from --port (the Makefile gives PORT, 8080 unless set) or PORT, read here."""
import os
import sys

from guidance.engines.output.nginx_preview import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--port" not in args and os.environ.get("PORT"):
        args += ["--port", os.environ["PORT"]]
    sys.exit(main(args))
