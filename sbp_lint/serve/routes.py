"""The page and the API: ``GET /``, ``POST /api/check``, ``POST /api/annotate``.

Every check runs on one worker thread: the linter (one spaCy pipeline, loaded once) is not safe to
use from two threads at once, and one thread also keeps the event loop free to answer while a
document is checked. Document text never reaches a log: errors are answered with the linter's own
one-line reason and logged by exception type only.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import SbpError
from . import payload
from .guard import BodyTooLarge, too_large

log = logging.getLogger("sbp_lint.serve")
STATIC = {"/": ("index.html", "text/html; charset=utf-8"),
          "/static/app.css": ("app.css", "text/css; charset=utf-8"),
          "/static/app.js": ("app.js", "text/javascript; charset=utf-8")}
MAX_PARTS = 8  # a form with a file and a field or two; more is not a form this page sends
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ApiError(Exception):
    """An answer of ``{"error": message}`` with this status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def load_static() -> dict[str, tuple[bytes, str]]:
    """The page's three files, read once from the package."""
    folder = resources.files("sbp_lint.serve") / "static"
    return {path: ((folder / name).read_bytes(), media) for path, (name, media) in STATIC.items()}


class Api:
    """The handlers, around one linter and one worker thread."""

    def __init__(self, linter, max_bytes: int, timeout: float | None):
        self.linter = linter
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sbp-lint-check")
        self.static = load_static()

    async def page(self, request: Request) -> Response:
        body, media = self.static[request.url.path]
        return Response(body, media_type=media)

    async def check(self, request: Request) -> Response:
        return await self.answer(request, self._check)

    async def annotate(self, request: Request) -> Response:
        return await self.answer(request, self._annotate)

    async def answer(self, request: Request, handler) -> Response:
        """Run a handler; every failure becomes a JSON error and the server goes on serving."""
        try:
            return await handler(request)
        except ApiError as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        except BodyTooLarge:
            return JSONResponse({"error": too_large(self.max_bytes)}, status_code=413)
        except Exception as exc:  # never a traceback with document text in it, never a dead server
            log.error("%s failed: %s", request.url.path, type(exc).__name__)
            return JSONResponse({"error": "the server could not check this document"}, status_code=500)

    async def _check(self, request: Request) -> Response:
        kind = content_type(request)
        body = await request.body()
        if kind == "application/json":
            text, filename = json_text(body)
            work = functools.partial(payload.check_text, self.linter, text, filename)
        elif kind == "multipart/form-data":
            filename, data = uploaded_file(body, request.headers["content-type"])
            name = payload.clean_name(filename, "document.txt")
            self.accept_format(name)
            work = functools.partial(payload.check_upload, self.linter, data, name)
        else:
            raise ApiError(415, "send JSON {\"text\": ..., \"filename\": ...} or a multipart form with a 'file'")
        return JSONResponse(await self.run(work))

    async def _annotate(self, request: Request) -> Response:
        if content_type(request) != "multipart/form-data":
            raise ApiError(415, "send a multipart form with a Word .docx 'file'")
        filename, data = uploaded_file(await request.body(), request.headers["content-type"])
        name = payload.clean_name(filename, "document.docx")
        if Path(name).suffix.lower() != ".docx":
            raise ApiError(415, f"{name}: a reviewed copy with comments can be made only of a Word .docx file")
        reviewed, comments, findings = await self.run(functools.partial(annotate_bytes, self.linter, data, name))
        download = f"{Path(name).stem}.reviewed.docx"
        return Response(reviewed, media_type=DOCX_TYPE, headers={
            "content-disposition": content_disposition(download),
            "x-sbp-lint-comments": str(comments), "x-sbp-lint-findings": str(findings)})

    def accept_format(self, filename: str) -> None:
        try:
            payload.upload_format(filename)
        except payload.UnsupportedFile as exc:
            raise ApiError(415, str(exc)) from None

    async def run(self, work: Callable):
        """``work()`` on the worker thread, within the configured time; the linter's errors become 422."""
        future = asyncio.get_running_loop().run_in_executor(self.worker, work)
        try:
            return await asyncio.wait_for(future, self.timeout)
        except asyncio.TimeoutError:
            raise ApiError(504, f"the check took longer than {self.timeout:g} seconds (timeout)") from None
        except payload.UnsupportedFile as exc:
            raise ApiError(415, str(exc)) from None
        except SbpError as exc:
            raise ApiError(422, f"{exc.path}: {exc.reason}" if exc.path else exc.reason) from None


def content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def json_text(body: bytes) -> tuple[str, str | None]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "the body is not valid JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ApiError(400, "send {\"text\": \"...\"} (and optionally \"filename\")")
    filename = data.get("filename")
    if filename is not None and not isinstance(filename, str):
        raise ApiError(400, "\"filename\" must be a string")
    return data["text"], filename


def uploaded_file(body: bytes, header: str) -> tuple[str, bytes]:
    """The form's ``file`` part (name, bytes), parsed in memory: nothing is spooled to disk."""
    _, params = parse_options_header(header)
    boundary = params.get(b"boundary")
    if not boundary:
        raise ApiError(400, "the multipart form has no boundary")
    parts: list[dict] = []
    current: dict = {}
    header_name: list[bytes] = []
    header_value: list[bytes] = []

    def on_part_begin():
        current.clear()
        current.update(headers={}, data=[])
        if len(parts) >= MAX_PARTS:
            raise ApiError(400, "too many parts in the form")

    def on_header_end():
        current["headers"][b"".join(header_name).lower()] = b"".join(header_value)
        header_name.clear()
        header_value.clear()

    callbacks = {
        "on_part_begin": on_part_begin,
        "on_part_data": lambda data, start, end: current["data"].append(data[start:end]),
        "on_part_end": lambda: parts.append(dict(current)),
        "on_header_field": lambda data, start, end: header_name.append(data[start:end]),
        "on_header_value": lambda data, start, end: header_value.append(data[start:end]),
        "on_header_end": on_header_end,
    }
    try:
        parser = MultipartParser(boundary, callbacks)
        parser.write(body)
        parser.finalize()
    except ApiError:
        raise
    except Exception:
        raise ApiError(400, "the multipart form could not be read") from None
    for part in parts:
        _, disposition = parse_options_header(part["headers"].get(b"content-disposition", b"").decode("latin-1"))
        if disposition.get(b"name") == b"file":
            filename = disposition.get(b"filename", b"").decode("utf-8", errors="replace")
            return filename, b"".join(part["data"])
    raise ApiError(400, "the form has no 'file' field")


def annotate_bytes(linter, data: bytes, name: str) -> tuple[bytes, int, int]:
    """``sbp_lint.commands.annotate`` on a copy in a private temporary folder, removed before the answer is sent."""
    from ..commands.annotate import annotate_file

    folder = Path(tempfile.mkdtemp(prefix="sbp-lint-serve-"))  # mode 0700: only this user can read it
    try:
        source, output = folder / "document.docx", folder / "document.reviewed.docx"
        source.write_bytes(data)
        try:
            result = annotate_file(linter, str(source), str(output))
        except SbpError as exc:
            raise SbpError(exc.reason, name) from None  # the temporary path means nothing to the user
        return output.read_bytes(), result.comments, len(result.findings)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def content_disposition(filename: str) -> str:
    """An attachment name every browser reads: an ASCII fallback and the UTF-8 name (RFC 6266)."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
