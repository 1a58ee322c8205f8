"""The web application: routes (``routes.Api``) behind the request guard (``guard.Guard``)."""

from __future__ import annotations

from typing import Iterable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .guard import Guard, allowed_hosts
from .routes import STATIC, Api


def create_app(linter, *, host: str = "127.0.0.1", port: int = 8765, allow_hosts: Iterable[str] = (),
               max_bytes: int | None = None, timeout: float | None = None) -> Guard:
    """An ASGI app around a loaded ``Linter``; ``host`` and ``port`` are where it listens (for the Host check)."""
    config = linter.config
    limit = max_bytes if max_bytes is not None else config.max_bytes
    api = Api(linter, limit, timeout if timeout is not None else config.timeout)
    routes = [Route(path, api.page, methods=["GET"]) for path in STATIC]
    routes += [Route("/api/check", api.check, methods=["POST"]),
               Route("/api/annotate", api.annotate, methods=["POST"])]
    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed})
    app.state.api = api
    return Guard(app, allowed_hosts(host, port, allow_hosts), limit)


async def not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": "not found"}, status_code=404)


async def not_allowed(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": "method not allowed"}, status_code=405)
