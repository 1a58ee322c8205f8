"""GitHub Actions workflow commands: findings as annotations on the pull request.

``::warning file=F,line=L,endLine=E,col=C,endColumn=D,title=T::message``.
GitHub shows at most 10 annotations of each level per step and drops the rest
silently, so the first 10 of each level become annotations, every other
finding is printed as a plain log line, and one ``::notice::`` says how many
were not annotated.
"""

from __future__ import annotations

from typing import TextIO

from ..findings import FileResult, Finding, Severity
from .common import message_text, relative_path

LIMIT = 10  # annotations GitHub shows per level per step
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(value: str) -> str:
    """As actions/toolkit ``escapeData``: the message after ``::``."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """As actions/toolkit ``escapeProperty``: property values also escape ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding) -> str:
    properties = {
        "file": path,
        "line": finding.line,
        "endLine": max(finding.end_line, finding.line),
        "col": finding.column,
        "endColumn": finding.end_column,
        "title": f"sbp-lint {finding.rule}",
    }
    if properties["endLine"] != finding.line:
        del properties["col"], properties["endColumn"]  # GitHub ignores columns on multi-line spans
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(message_text(finding))}"


def plain_line(path: str, finding: Finding) -> str:
    return f"{path}:{finding.line}:{finding.column}: {finding.severity} {finding.rule}: {message_text(finding)}"


def _limits(counts: dict[str, int]) -> dict[str, int]:
    """How many of each level to annotate; keep one notice free for the summary if anything overflows."""
    limits = {level: LIMIT for level in COMMANDS.values()}
    if any(n > LIMIT for n in counts.values()) and counts.get("notice", 0) >= LIMIT:
        limits["notice"] = LIMIT - 1
    return limits


def report(results: list[FileResult], rules, out: TextIO) -> None:
    items = [(relative_path(r.path), f) for r in results for f in r.findings]
    errors = [(relative_path(r.path), r.error) for r in results if r.error]
    counts: dict[str, int] = {"error": len(errors)}
    for _, finding in items:
        counts[COMMANDS[finding.severity]] = counts.get(COMMANDS[finding.severity], 0) + 1
    limits = _limits(counts)
    # Files that could not be read come first: they are what most needs seeing.
    shown: dict[str, int] = {"error": len(errors)}
    for path, error in errors:
        out.write(f"::error file={escape_property(path)},title=sbp-lint::{escape_data(f'{path}: {error}')}\n")
    not_annotated = 0
    for path, finding in items:
        level = COMMANDS[finding.severity]
        if shown.get(level, 0) < limits[level]:
            shown[level] = shown.get(level, 0) + 1
            out.write(annotation(path, finding) + "\n")
        else:
            not_annotated += 1
            out.write(plain_line(path, finding) + "\n")
    if not_annotated:
        out.write(f"::notice title=sbp-lint::{not_annotated} more finding{'s' if not_annotated != 1 else ''} "
                  f"not shown as annotations (GitHub shows {LIMIT} per level); see the log above or upload SARIF\n")
