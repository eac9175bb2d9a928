"""Serve a built folder on 127.0.0.1 (a plain static server), adding a `LinkChecker: allow` header
so that linkchecker does not throttle itself. Used by tests and the benchmark.

Usage: python -m guidance.site.serve DIR PORT
"""
from __future__ import annotations

import functools
import http.server
import socket
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def log_message(self, *args):  # quiet
        pass


def make_server(directory: str, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=directory)
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


if __name__ == "__main__":
    srv = make_server(sys.argv[1], int(sys.argv[2]))
    print(f"Serving {sys.argv[1]} on http://127.0.0.1:{sys.argv[2]}/", flush=True)
    srv.serve_forever()


def port_in_use(port: int, host: str = "127.0.0.1") -> str | None:
    """None when the port is free; else what to do, in a reader's words ("use PORT=...")."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return (f"Port {port} is already in use (another `make serve` or `make preview`, or another program). "
                    f"Stop it, or use another port: PORT={port + 1}, for example `make serve PORT={port + 1}`.")
    return None
