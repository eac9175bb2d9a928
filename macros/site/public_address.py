"""MkDocs side of the public address (macros/public_url.py): the sitemap and canonical links use it."""
from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from ..public_url import ENV, PublicUrlError, public_url

log = logging.getLogger("mkdocs.plugins.guidance")


def configure(config) -> str | None:
    """Set MkDocs' site_url from PUBLIC_URL (sitemap, canonical links); without it, no host is named."""
    try:
        url = public_url()
    except PublicUrlError as exc:
        raise PluginError(str(exc)) from None
    config.site_url = url
    if url:
        log.info("Public address: %s", url)
    else:
        log.info("No public address (%s is not set): pages name paths, not a host. `make dist` needs it.", ENV)
    return url
