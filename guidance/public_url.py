"""The site's public address: a deployment setting, never data.

`PUBLIC_URL` (read by the command line, scripts/build_options.py, into `BuildOptions.public_url`; or
`make dist PUBLIC_URL=...`) is the address readers use, for example
https://guidance.example.scot/ or https://www.example.gov.scot/mappa/. Citations, the change feed,
the sitemap, PDFs and the offline pack's "check for a newer edition" name it. A build without it
(`make build`, `make serve`, the tests) names no host at all: pages give paths, and the copy buttons
copy the address of the page where the reader is (docs/assets/site.js).
"""
from __future__ import annotations

import re
from collections.abc import Mapping

ENV = "PUBLIC_URL"

# https, a host name with a dot (or localhost), an optional port, an optional path; no query or fragment
_SHAPE = re.compile(r"(?P<scheme>https?)://(?P<host>[A-Za-z0-9.-]+)(?::\d{1,5})?(?P<path>/[^\s?#]*)?")
_LOCAL = ("localhost", "127.0.0.1")


class PublicUrlError(ValueError):
    pass


def normalise(value: str) -> str:
    """The address as every link uses it: scheme, host, path, always ending with one /."""
    v = value.strip()
    m = _SHAPE.fullmatch(v)
    if not m:
        raise PublicUrlError(
            f"{ENV}={value!r} is not a web address. Give the site's full public address, "
            "for example PUBLIC_URL=https://guidance.example.scot/ or https://www.example.gov.scot/mappa/")
    host = m.group("host").lower()
    if "." not in host and host not in _LOCAL:
        raise PublicUrlError(f"{ENV}={value!r}: '{host}' is not a full host name (it needs a dot, as in example.scot)")
    if host.endswith((".invalid", ".example")):
        raise PublicUrlError(f"{ENV}={value!r} is a placeholder host: give the address readers will use")
    if m.group("scheme") == "http" and host not in _LOCAL:
        raise PublicUrlError(f"{ENV}={value!r}: a public address must use https://")
    return v.rstrip("/") + "/"


def public_url(settings: Mapping[str, str]) -> str | None:
    """The public address from PUBLIC_URL in `settings` (ending with /), or None when it is not set. Only the
    command line passes its environment here (scripts/build_options.py)."""
    value = settings.get(ENV, "").strip()
    return normalise(value) if value else None
