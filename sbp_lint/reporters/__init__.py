"""Reporters: findings to text, JSON and the formats CI systems read."""

from __future__ import annotations

from typing import Callable, TextIO

from ..findings import FileResult
from ..packs import Rule
from . import github, gitlab, json_report, junit, rdjson, sarif, text

Reporter = Callable[[list[FileResult], list[Rule], TextIO], None]
REPORTERS: dict[str, Reporter] = {
    "text": text.report,
    "json": json_report.report,
    "sarif": sarif.report,  # GitHub code scanning
    "github": github.report,  # GitHub Actions annotations
    "gitlab": gitlab.report,  # GitLab Code Quality
    "junit": junit.report,  # test reports (GitLab, Jenkins)
    "rdjson": rdjson.report,  # reviewdog
}


def summary(results: list[FileResult]) -> dict:
    by_category: dict[str, int] = {}
    by_severity: dict[str, int] = {}
    for result in results:
        for finding in result.findings:
            by_category[finding.category] = by_category.get(finding.category, 0) + 1
            by_severity[str(finding.severity)] = by_severity.get(str(finding.severity), 0) + 1
    return {
        "files": len(results),
        "findings": sum(len(r.findings) for r in results),
        "errors": sum(1 for r in results if r.error),
        "by_category": dict(sorted(by_category.items())),
        "by_severity": by_severity,
    }
