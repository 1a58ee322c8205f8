"""Helpers shared by the CI reporters: paths as CI systems expect them, and message text."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ..errors import printable
from ..findings import FileResult, Finding

BINARY_SUFFIXES = (".docx", ".odt", ".pdf")  # formats whose "line" is a paragraph number


def relative_path(path: str, base: str | None = None) -> str:
    """``path`` relative to ``base`` (default: the working directory) with forward slashes.

    CI systems match findings to files in the repository by this path. A path
    outside ``base`` (or standard input's name) is kept as given.
    """
    if path == "-" or path.startswith("<"):
        return path
    root = Path(base or os.getcwd()).resolve()
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def shown_results(results: list[FileResult]) -> list[FileResult]:
    """Results whose paths every report can show and encode: a name's line breaks, terminal escapes and
    bytes that are not UTF-8 become visible escapes (``Ca\\xe9.md``); ``origin`` keeps the real file."""
    return [r if printable(r.path) == r.path else dataclasses.replace(r, path=printable(r.path), origin=r.file)
            for r in results]


def is_binary(path: str) -> bool:
    return path.lower().endswith(BINARY_SUFFIXES)


def message_text(finding: Finding, with_sentence: bool = False) -> str:
    """The message, where it is (for table cells) and the suggestions, as one plain string.

    ``with_sentence`` adds the sentence for formats whose viewer cannot show
    the source (a Word document in GitHub code scanning).
    """
    text = finding.message
    if finding.location:
        text += f" ({finding.location})"
    if with_sentence and finding.sentence:
        text += f' In: "{" ".join(finding.sentence.split())}"'
    if finding.suggestions:
        text += " Try: " + "; ".join(finding.suggestions)
    return text
