"""`make preview`: serve dist/site/ through nginx with the production configuration in deploy/nginx/.

Usage: python scripts/preview.py [--site dist/site] [--port 8080]
Writes a small nginx.conf into a temporary prefix (its own pid file, logs and temp folders, so it needs no
root and touches nothing in /etc/nginx), with one server on 127.0.0.1:PORT whose body is
deploy/nginx/guidance-site.conf, exactly as the production server block includes it. Runs nginx in the
foreground until Ctrl-C. Installs Debian's nginx with apt-get when it is missing and the user is root.
tests/test_dist.py starts the same configuration.
"""
from __future__ import annotations

import argparse
import base64
import ctypes
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ...site.serve import port_in_use

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy" / "nginx"
SNIPPETS = ("guidance-site.conf", "guidance-headers.conf")


def find_nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def ensure_nginx() -> str:
    """The nginx binary; installed with apt-get (Debian's nginx) when missing and we are root."""
    exe = find_nginx()
    if exe:
        return exe
    if os.geteuid() != 0:
        raise SystemExit("nginx is missing. Install it with: sudo apt-get install -y nginx")
    print("Installing nginx with apt-get ...", flush=True)
    quiet = ["env", "DEBIAN_FRONTEND=noninteractive"]  # added to the environment apt-get inherits
    subprocess.run([*quiet, "apt-get", "update", "-qq"], check=True)
    subprocess.run([*quiet, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"], check=True)
    exe = find_nginx()
    if not exe:
        raise SystemExit("apt-get ran but nginx is still missing.")
    return exe


def mime_types() -> str:
    for p in ("/etc/nginx/mime.types",):
        if Path(p).exists():
            return p
    raise SystemExit("/etc/nginx/mime.types is missing: reinstall Debian's nginx-common.")


def write_config(prefix: Path, site: Path, port: int, host: str = "127.0.0.1") -> Path:
    """nginx.conf in prefix, serving site on host:port with deploy/nginx/ (foreground, no root needed)."""
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "snippets").mkdir(exist_ok=True)
    for name in SNIPPETS:
        shutil.copy2(DEPLOY / name, prefix / "snippets" / name)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"):
        (prefix / sub).mkdir(exist_ok=True)
    conf = prefix / "nginx.conf"
    # started as root, nginx runs its workers as 'nobody', who may not read a build in a private folder:
    # this local server runs them as the user who started it (a production server keeps its own user)
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(f"""# written by guidance/engines/output/nginx_preview.py: a private nginx for make preview and tests
daemon off;
{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 128; }}
http {{
    include {mime_types()};
    default_type application/octet-stream;
    access_log {prefix}/logs/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    sendfile on;
    server {{
        listen {host}:{port};
        server_name localhost;
        root {site.resolve()};
        include snippets/guidance-site.conf;
    }}
}}
""", encoding="utf-8")
    return conf


def command(exe: str, prefix: Path, conf: Path) -> list[str]:
    return [exe, "-p", str(prefix), "-c", str(conf)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default=str(ROOT / "dist" / "site"))
    ap.add_argument("--port", type=int, default=8080)
    args = ap.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").exists():
        print(f"No site in {site}: run `make dist PUBLIC_URL=https://...` first.", file=sys.stderr)
        return 2
    exe = ensure_nginx()
    prefix = Path(tempfile.mkdtemp(prefix="guidance-nginx-"))
    conf = write_config(prefix, site, args.port)
    test = subprocess.run(command(exe, prefix, conf) + ["-t", "-q"])
    if test.returncode:
        return test.returncode
    busy = port_in_use(args.port)
    if busy:
        print(busy.replace("make serve", "make preview"), file=sys.stderr)
        return 2
    print(f"Serving {site} with deploy/nginx/ on http://127.0.0.1:{args.port}/ (Ctrl-C stops it)", flush=True)
    return run_until_stopped(command(exe, prefix, conf), prefix)


def _stop(_signum, _frame):
    raise KeyboardInterrupt


def _die_with_parent() -> None:
    """In nginx's process, before it starts: stop when this Python process ends, however it ends (Linux)."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def run_until_stopped(cmd: list[str], prefix: Path) -> int:
    """Run nginx in the foreground; stop it however this process is ended (Ctrl-C, SIGTERM, SIGHUP, killed)."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)
    # Ctrl-C stops it even when it was started from a shell that ignores SIGINT (a job started with '&'
    # inherits that, and Python then leaves SIGINT ignored)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    proc = subprocess.Popen(cmd, preexec_fn=_die_with_parent)  # noqa: PLW1509 - only sets the parent-death signal
    try:
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if proc.poll() is None:
            proc.terminate()  # nginx: fast shutdown, workers too
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(prefix, ignore_errors=True)


# ---------------------------------------------------------------- the content security policy and the pages
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def csp_script_hashes() -> set[str]:
    """The 'sha256-...' sources allowed by the policy in deploy/nginx/guidance-headers.conf."""
    text = (DEPLOY / "guidance-headers.conf").read_text(encoding="utf-8")
    policy = re.search(r'Content-Security-Policy "([^"]+)"', text).group(1)
    script = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    return set(re.findall(r"'(sha256-[A-Za-z0-9+/=]+)'", script))


def inline_scripts(site: Path) -> dict[str, str]:
    """'sha256-...' of every inline script a browser would run, in every page -> one page that has it."""
    out: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        for m in _INLINE.finditer(page.read_text(encoding="utf-8")):
            kind = re.search(r'type="([^"]+)"', m.group("attrs"))
            if kind and "javascript" not in kind.group(1) and kind.group(1) != "module":
                continue  # data blocks (the theme's JSON settings) are not run
            digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode()
            out.setdefault(f"sha256-{digest}", page.relative_to(site).as_posix())
    return out


def csp_problems(site: Path) -> list[str]:
    allowed = csp_script_hashes()
    return [f"{page}: an inline script the policy would block; add '{h}' to script-src in "
            "deploy/nginx/guidance-headers.conf if it is the theme's own" for h, page in inline_scripts(site).items()
            if h not in allowed]
