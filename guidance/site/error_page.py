"""The page a browser shows while the data is broken: the check's own messages, not a stalled load.

Engine-neutral: given the problems `make check` found, `error_page` returns one complete HTML page (every
message escaped, no external file) that checks every 1.5 seconds whether the site is back and reloads
itself when it is, or when the list of problems changes. Whatever serves the preview (today
scripts/serve.py around `mkdocs serve`) answers every request with this page, sends the header
ERROR_HEADER with `digest(problems)`, and answers the live-reload poll (/livereload/...) with a number
larger than any epoch, so that an open page reloads into it.
"""
from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable

ERROR_HEADER = "X-Guidance-Problems"
RELOAD_NOW = b"99999999999999999999"  # answer to the live-reload poll: newer than any epoch, so the page reloads


def _lines(problems: Iterable[object]) -> list[str]:
    return [str(p) for p in problems]


def digest(problems: Iterable[object]) -> str:
    return hashlib.sha256("\n".join(_lines(problems)).encode("utf-8")).hexdigest()[:16]


def error_page(problems: Iterable[object], command: str = "make check") -> str:
    """A full HTML page listing every problem, as the terminal does."""
    problems = list(problems)
    lines = _lines(problems)
    n = sum(1 for p in problems if not getattr(p, "warning", False))
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    key = digest(lines)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>The data has {n} problem{'s' if n != 1 else ''}: nothing was built</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 1rem; color: #1a1a1a; background: #fff; }}
main {{ max-width: 60rem; margin: 0 auto; }}
h1 {{ font-size: 1.4rem; color: #a00; }}
ol {{ padding-left: 1.5rem; }}
li {{ margin: 0 0 .8rem; }}
code {{ white-space: pre-wrap; overflow-wrap: anywhere; font-size: .95rem; }}
.waiting {{ color: #444; }}
</style>
</head>
<body data-problems="{key}">
<main>
<h1>The data has {n} problem{'s' if n != 1 else ''}. Nothing was built.</h1>
<p>These are the messages of <code>{html.escape(command)}</code>, in the same order. Fix them from the top
(one mistake can cause the ones after it) and save the file. This page checks again by itself and shows the
site as soon as the data is right.</p>
<ol>
{items}
</ol>
<p class="waiting" role="status">Waiting for the files to be fixed.</p>
</main>
<script>
(function () {{
  var key = document.body.getAttribute("data-problems");
  function poll() {{
    fetch(location.href, {{cache: "no-store"}}).then(function (r) {{
      var now = r.headers.get("{ERROR_HEADER}");
      if (now !== key) {{ location.reload(); return; }}
      setTimeout(poll, 1500);
    }}).catch(function () {{ setTimeout(poll, 1500); }});
  }}
  setTimeout(poll, 1500);
}})();
</script>
<noscript><p>Reload this page after fixing the files.</p></noscript>
</body>
</html>
"""
