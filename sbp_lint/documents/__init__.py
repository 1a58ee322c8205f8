"""Readers: turn a file (or stdin) into a ``Document`` of located blocks."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Callable

from ..errors import DocumentError
from .base import Block, Document, Segment
from .html import read_html
from .markdown import read_markdown
from .text import read_text

__all__ = ["Block", "Document", "Segment", "read_document", "read_file_bytes", "parse_text", "parse_bytes", "TEXT_FORMATS",
           "BINARY_FORMATS", "REWRITABLE_FORMATS", "BOMS", "decode", "format_for"]

TextReader = Callable[[str], list[Block]]
BinaryReader = Callable[[bytes, str], list[Block]]
TEXT_FORMATS: dict[str, TextReader] = {"markdown": read_markdown, "text": read_text, "html": read_html}


def _docx(data: bytes, path: str) -> list[Block]:
    from .docx import read_docx  # lxml and the zip guards load only when a document needs them

    return read_docx(data, path)


def _odt(data: bytes, path: str) -> list[Block]:
    from .odt import read_odt

    return read_odt(data, path)


def _pdf(data: bytes, path: str) -> list[Block]:
    from .pdf import read_pdf

    return read_pdf(data, path)


def _doc(data: bytes, path: str) -> list[Block]:
    raise DocumentError("an old Word .doc file: open it in Word or LibreOffice and save it as .docx", path)


BINARY_FORMATS: dict[str, BinaryReader] = {"docx": _docx, "odt": _odt, "pdf": _pdf, "doc": _doc}
# Only these are ever rewritten (by --fix); Word, ODT, HTML and PDF documents never are.
REWRITABLE_FORMATS = ("markdown", "text")
_EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".dotm": "docx",
    ".odt": "odt", ".ott": "odt", ".pdf": "pdf", ".doc": "doc", ".dot": "doc",
}

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def format_for(path: str) -> str:
    return _EXTENSIONS.get(Path(path).suffix.lower(), "text")


# Byte order marks, longest first (a UTF-32 LE mark begins with the UTF-16 LE one). A file that starts with
# one is Unicode text in that encoding: Windows saves "Unicode" text as UTF-16 LE with a mark. Such a file
# is written back (--fix) in the same encoding, mark first.
BOMS = (("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),
        ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"))


def decode(data: bytes, path: str) -> tuple[str, str | None]:
    """Text from bytes: UTF-16/UTF-32 with a byte order mark, UTF-8 (with or without BOM), then cp1252.

    Returns (text, encoding-if-not-utf8); the encoding names one of ``BOMS`` for marked Unicode text."""
    for encoding, mark in BOMS:
        if data.startswith(mark):
            try:
                return data[len(mark):].decode(encoding), encoding
            except UnicodeDecodeError:
                raise DocumentError(f"not valid {encoding[:6].upper()} text, though it starts with "
                                    f"a {encoding[:6].upper()} byte order mark", path) from None
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


def parse_bytes(data: bytes, path: str, fmt: str) -> Document:
    """A document from a file's bytes: binary formats by their reader, text formats decoded first."""
    if fmt in BINARY_FORMATS:
        return Document(path=path, blocks=BINARY_FORMATS[fmt](data, path), format=fmt)
    text, encoding = decode(data, path)
    document = parse_text(text, path, fmt)
    document.encoding = encoding
    return document


def read_document(path: str, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and parse one file. Raises ``DocumentError`` with a one-line reason."""
    return parse_bytes(read_file_bytes(path, max_bytes), path, fmt or format_for(path))


def read_file_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, at most ``max_bytes``. Raises ``DocumentError`` with a one-line reason."""
    file = Path(path)
    try:
        info = file.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError("is a directory", path)
        if not stat.S_ISREG(info.st_mode):
            # Opening a named pipe waits for a writer (for ever, if none comes); a device may never end.
            raise DocumentError("not a regular file (a pipe, socket or device): give its text on standard input "
                                "with '-'", path)
        size = info.st_size
        if size > max_bytes:
            raise DocumentError(f"file is {_megabytes(size)} MB, over the {_megabytes(max_bytes)} MB limit (max_file_size_mb)", path)
        with file.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # bounded even if the file grows after stat()
        if len(data) > max_bytes:
            raise DocumentError(f"file is over the {_megabytes(max_bytes)} MB limit (max_file_size_mb)", path)
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
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g}"
