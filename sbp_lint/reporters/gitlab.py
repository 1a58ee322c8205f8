"""GitLab Code Quality: a JSON array of issues shown in merge requests.

GitLab shows only the first issue of a repeated fingerprint, so every
fingerprint is unique: path + rule + sentence hash + occurrence (stable when
lines move, so GitLab can tell new issues from old). Paths are relative to
``CI_PROJECT_DIR`` when GitLab sets it.
"""

from __future__ import annotations

import hashlib
import os
from typing import TextIO

from .. import fastjson

from ..findings import FileResult, Severity
from ..identity import fingerprints
from .common import message_text, relative_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.SUGGESTION: "info"}


def as_list(results: list[FileResult]) -> list[dict]:
    base = os.environ.get("CI_PROJECT_DIR") or None
    issues = []
    used: set[str] = set()
    for result in results:
        path = relative_path(result.path, base)
        if result.error:
            issues.append(_issue(f"sbp-lint: {result.error}", "sbp-lint.unreadable", "blocker", path, 1, 1,
                                 _unique(f"{path}\0unreadable", used)))
            continue
        for finding, fingerprint in zip(result.findings, fingerprints(result.findings)):
            # GitLab does not display check_name, so the description starts with the rule.
            issues.append(_issue(f"{finding.rule}: {message_text(finding)}", finding.rule, SEVERITIES[finding.severity],
                                 path, finding.line, max(finding.end_line, finding.line),
                                 _unique(f"{path}\0{finding.rule}\0{fingerprint}", used)))
    return issues


def _unique(key: str, used: set[str]) -> str:
    fingerprint = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    salt = 0
    while fingerprint in used:  # the same file given twice on the command line
        salt += 1
        fingerprint = hashlib.sha256(f"{key}\0{salt}".encode("utf-8")).hexdigest()[:32]
    used.add(fingerprint)
    return fingerprint


def _issue(description: str, check: str, severity: str, path: str, begin: int, end: int, fingerprint: str) -> dict:
    return {
        "type": "issue",
        "description": description,
        "check_name": check,
        "categories": ["Style"],
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {"path": path, "lines": {"begin": begin, "end": end}},
    }


def report(results, rules, out: TextIO) -> None:
    out.write(fastjson.dumps_indented(as_list(results)))  # strict JSON: never NaN
    out.write("\n")
