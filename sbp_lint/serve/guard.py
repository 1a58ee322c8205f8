"""The ASGI layer in front of the page and the API: what every request must pass, what every answer carries.

- Host must name this server (localhost, 127.0.0.1, the bound host or an --allow-host name, with the
  port): a page on another site cannot reach it through DNS rebinding.
- Origin, on anything but GET and HEAD, must be this server; a browser's cross-site POST is refused
  (clients without a browser, such as curl or a case-management system, send no Origin).
- Bodies are capped from Content-Length and again while they stream (413 JSON above the cap).
- Every answer carries a strict Content-Security-Policy, nosniff, no referrer and no caching.
- One log line per answer: method, path (never the query), status and time to answer. Never a body.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import time
from typing import Awaitable, Callable, Iterable

Scope = dict
Message = dict
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]
SAFE_METHODS = ("GET", "HEAD")
log = logging.getLogger("sbp_lint.serve")


class BodyTooLarge(Exception):
    """The request body went past the cap while it streamed in."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """Every Host header value that names this server: name:port (and the bare name on port 80)."""
    names = {"localhost", "127.0.0.1", "[::1]", *extra}
    if host not in ("0.0.0.0", "::", ""):  # a wildcard address is never what a browser sends
        names.add(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    values = {f"{name.lower()}:{port}" for name in names}
    if port == 80:
        values |= {name.lower() for name in names}
    return frozenset(values)


class Guard:
    """Wraps the Starlette app; see the module docstring."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str], max_bytes: int):
        self.app = app
        self.hosts = hosts
        self.origins = frozenset(f"http://{h}" for h in hosts)
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                message["headers"] = [h for h in message.get("headers", []) if h[0].lower() not in names] + SECURITY_HEADERS
                log.info("%s %s %s (%.2f s)", scope["method"], scope["path"], message["status"], time.monotonic() - started)
            await send(message)

        refusal = self.refuse(scope)
        if refusal:
            await send_error(send_with_headers, *refusal)
        else:
            await self.app(scope, self.capped(receive), send_with_headers)

    def refuse(self, scope: Scope) -> tuple[int, str] | None:
        """Why this request is refused before it reaches the app (status, message), or None."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "").lower() not in self.hosts:
            return 403, "this server answers only requests addressed to it (Host header)"
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is not None and origin.lower() not in self.origins:
                return 403, "requests from other sites are refused (Origin header)"
            if headers.get("sec-fetch-site") == "cross-site":
                return 403, "requests from other sites are refused"
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            return 413, too_large(self.max_bytes)
        return None

    def capped(self, receive: Receive) -> Receive:
        """``receive`` that raises ``BodyTooLarge`` once more than the cap has arrived (Content-Length may lie or be absent)."""
        seen = 0

        async def receive_capped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge()
            return message

        return receive_capped


def too_large(max_bytes: int) -> str:
    return f"the document is over the {max_bytes / (1024 * 1024):g} MB limit (max_file_size_mb)"


async def send_error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
