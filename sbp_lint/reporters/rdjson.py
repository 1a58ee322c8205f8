"""reviewdog's Diagnostic Format (rdjson) for review comments on pull requests.

reviewdog counts lines from 1 and columns in UTF-8 BYTES from 1 (end
exclusive), so each text file is read again to convert our character columns.
Only findings with a safe one-for-one fix carry ``suggestions`` (they become
"suggested changes" a reviewer can accept); other suggestions stay in the message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from .. import fastjson

from ..documents import decode
from ..documents.base import split_lines
from ..errors import DocumentError
from ..findings import FileResult, Finding, Severity
from .common import is_binary, message_text, relative_path

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.SUGGESTION: "INFO"}


class ByteColumns:
    """Character columns to UTF-8 byte columns for one file; unchanged when the source is unknown."""

    def __init__(self, path: str):
        self.lines: list[str] | None = None
        if path == "-" or is_binary(path):
            return  # standard input is gone; a Word file's "line" is a paragraph number
        try:
            text, _ = decode(Path(path).read_bytes(), path)
        except (OSError, DocumentError):
            return
        self.lines = split_lines(text)  # the same line breaks the readers count

    def column(self, line: int, column: int) -> int:
        if self.lines is None or not 1 <= line <= len(self.lines):
            return column
        return len(self.lines[line - 1][: max(column - 1, 0)].encode("utf-8")) + 1


def _range(finding: Finding, columns: ByteColumns) -> dict:
    end_line = max(finding.end_line, finding.line)
    return {
        "start": {"line": finding.line, "column": columns.column(finding.line, finding.column)},
        "end": {"line": end_line, "column": columns.column(end_line, finding.end_column)},
    }


def diagnostic(path: str, finding: Finding, columns: ByteColumns) -> dict:
    where = _range(finding, columns)
    item = {
        "message": message_text(finding),
        "location": {"path": path, "range": where},
        "severity": SEVERITIES[finding.severity],
        "code": {"value": finding.rule},
    }
    if finding.fix is not None:
        item["suggestions"] = [{"range": where, "text": finding.fix}]
    return item


def as_dict(results: list[FileResult]) -> dict:
    diagnostics = []
    for result in results:
        path = relative_path(result.path)
        if result.error:
            diagnostics.append({"message": f"{path}: {result.error}", "location": {"path": path},
                                "severity": "ERROR", "code": {"value": "sbp-lint.unreadable"}})
            continue
        columns = ByteColumns(result.file) if result.findings else None
        diagnostics += [diagnostic(path, finding, columns) for finding in result.findings]
    return {"source": {"name": "sbp-lint"}, "diagnostics": diagnostics}


def report(results, rules, out: TextIO) -> None:
    out.write(fastjson.dumps_indented(as_dict(results)))  # strict JSON: never NaN
    out.write("\n")
