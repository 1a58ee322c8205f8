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
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")


class PackError(SbpError):
    """A rule pack that cannot be loaded."""


class ConfigError(SbpError):
    """A configuration file or option that cannot be used."""


class DocumentError(SbpError):
    """A document that cannot be read; the run goes on with the other files."""


class PipelineError(SbpError):
    """No usable spaCy pipeline."""


def one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception's text on one line, cut to ``limit`` characters; its type's name when it has none."""
    text = " ".join(str(exc).split())
    return text[:limit] if text else type(exc).__name__
