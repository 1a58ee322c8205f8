"""The one exception type users see: a one-line message naming the file and the problem."""

from __future__ import annotations


class SbpError(Exception):
    """A usage, configuration or input error. ``str()`` is the whole one-line message."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = ""
        if path:
            shown = printable(str(path))  # a file name may hold a line break or a terminal escape
            where = f"{shown}:{line}: " if line else f"{shown}: "
        super().__init__(f"{where}{message}")


class PackError(SbpError):
    """A rule pack that cannot be loaded."""


class ConfigError(SbpError):
    """A configuration file or option that cannot be used."""


class DocumentError(SbpError):
    """A document that cannot be read; the run goes on with the other files."""


class UsageError(SbpError):
    """Command-line options that do not go together."""


class PipelineError(SbpError):
    """No usable spaCy pipeline."""


def one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception's text on one line, cut to ``limit`` characters; its type's name when it has none."""
    text = " ".join(str(exc).split())
    return text[:limit] if text else type(exc).__name__


def printable(text: str) -> str:
    """``text`` with anything a terminal would act on shown as an escape: ``\\n``, ``\\x1b``, ``\\u2028``.

    A file name is chosen by whoever made the file: a line break in it would forge a second line of
    output, an ESC sequence would drive the user's terminal. Bytes that are not UTF-8 (which Python
    keeps as lone surrogates, ``\\udce9``) are shown as the byte they were (``\\xe9``), so the result
    can always be written as UTF-8.
    """
    if text.isprintable():
        return text
    return "".join(_escape(c) for c in text)


def _escape(char: str) -> str:
    if char.isprintable():
        return char
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the surrogateescape error handler
        return f"\\x{code - 0xDC00:02x}"
    return ascii(char)[1:-1]  # \n, \x1b, \x85, \u2028, \ud800 ...
