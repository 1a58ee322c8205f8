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
