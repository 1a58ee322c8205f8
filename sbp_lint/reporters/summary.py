"""Counts of a run's findings, by category and severity, for every report that ends with a summary."""

from __future__ import annotations

from ..findings import FileResult


def summary(results: list[FileResult]) -> dict:
    by_category: dict[str, int] = {}
    by_severity: dict[str, int] = {}
    by_language: dict[str, int] = {}
    for result in results:
        for finding in result.findings:
            by_category[finding.category] = by_category.get(finding.category, 0) + 1
            by_severity[str(finding.severity)] = by_severity.get(str(finding.severity), 0) + 1
            by_language[finding.language] = by_language.get(finding.language, 0) + 1
    return {
        "files": len(results),
        "findings": sum(len(r.findings) for r in results),
        "errors": sum(1 for r in results if r.error),
        "by_category": dict(sorted(by_category.items())),
        "by_severity": by_severity,
        "by_language": dict(sorted(by_language.items())),  # en | cy: the language of the sentence flagged
    }
