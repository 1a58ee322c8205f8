"""Readers: turn a file (or stdin) into a ``Document`` of located blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import DocumentError
from .base import Block, Document, Segment
from .markdown import read_markdown
from .text import read_text

__all__ = ["Block", "Document", "Segment", "read_document", "parse_text", "TEXT_FORMATS", "format_for"]

TextReader = Callable[[str], list[Block]]
TEXT_FORMATS: dict[str, TextReader] = {"markdown": read_markdown, "text": read_text}
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text"}

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def format_for(path: str) -> str:
    return _EXTENSIONS.get(Path(path).suffix.lower(), "text")


def decode(data: bytes, path: str) -> tuple[str, str | None]:
    """Text from bytes: UTF-8 (with or without BOM), then cp1252. Returns (text, encoding-if-not-utf8)."""
    if b"\x00" in data[:8192]:
        raise DocumentError("binary file, not text (skipped)", path)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise DocumentError("not valid UTF-8 or cp1252 text", path) from None


def parse_text(text: str, path: str, fmt: str) -> Document:
    return Document(path=path, blocks=TEXT_FORMATS[fmt](text), format=fmt)


def read_document(path: str, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and parse one file. Raises ``DocumentError`` with a one-line reason."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"file is {size // (1024 * 1024)} MB, over the {max_bytes // (1024 * 1024)} MB limit", path)
        data = file.read_bytes()
    except DocumentError:
        raise
    except IsADirectoryError:
        raise DocumentError("is a directory", path) from None
    except PermissionError:
        raise DocumentError("permission denied", path) from None
    except FileNotFoundError:
        raise DocumentError("no such file", path) from None
    except OSError as exc:
        raise DocumentError(exc.strerror or "cannot be read", path) from None
    text, encoding = decode(data, path)
    document = parse_text(text, path, fmt or format_for(path))
    document.encoding = encoding
    return document
