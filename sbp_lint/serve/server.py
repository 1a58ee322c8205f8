"""Start-up: load the linter once, bind the socket, run uvicorn until Ctrl+C."""

from __future__ import annotations

import logging
import socket
import sys
import threading
import time
import webbrowser
from pathlib import Path
from typing import Iterable

import uvicorn

from ..config import resolve_config
from ..errors import SbpError
from ..linter import Linter
from .app import create_app
from .guard import is_loopback

MAX_CONNECTIONS = 32  # a page for one practitioner; more at once is answered 503


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, made here so a busy port is one clear line, and port 0 picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family)
    except OSError as exc:
        raise SbpError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def exposure_warning(host: str) -> str | None:
    """One line when the page is reachable from other computers, None when only this one can reach it."""
    if is_loopback(host):
        return None
    return (f"sbp-lint: warning: listening on {host}, not only on this computer: anyone who can reach it can send it "
            "documents (there is no login); name the host it is opened by with --allow-host")


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def build_server(linter, sock: socket.socket, host: str, allow_hosts: Iterable[str] = (),
                 max_bytes: int | None = None) -> "uvicorn.Server":
    """A uvicorn server for the page on an already bound socket (``server.run(sockets=[sock])`` starts it)."""
    app = create_app(linter, host=host, port=sock.getsockname()[1], allow_hosts=allow_hosts, max_bytes=max_bytes)
    # No access log (ours in guard.py names paths only) and no Server header.
    return uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                                         lifespan="off", limit_concurrency=MAX_CONNECTIONS))


def run(host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False, config_file: str | None = None,
        allow_hosts: Iterable[str] = ()) -> None:
    config = resolve_config(config_file, Path.cwd())
    sock = bind(host, port)  # before the slow part: a busy port fails at once
    print("sbp-lint: loading the language pipeline…", file=sys.stderr, flush=True)
    server = build_server(Linter(config), sock, host, allow_hosts)
    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    url = url_for(host, sock.getsockname()[1])
    logging.basicConfig(level=logging.INFO, format="sbp-lint: %(message)s", stream=sys.stderr)
    print(f"sbp-lint: serving on {url} (Ctrl+C to stop)", flush=True)
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(server, url), daemon=True).start()
    server.run(sockets=[sock])


def _open_when_ready(server: "uvicorn.Server", url: str) -> None:
    for _ in range(100):
        if server.started:
            webbrowser.open(url)
            return
        time.sleep(0.1)
