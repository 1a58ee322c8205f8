"""``--redact``: findings without document text, for CI logs and code-scanning uploads.

The flagged words, their sentence and its rewrite become the rule id, the category and a short
hash; messages and suggestions are rendered again with that token in place of the
words. Positions, counts and fingerprints (taken from the real sentence first) stay,
so baselines and SARIF alerts keep working.

``--redact-paths`` also replaces each file's path (file names often hold a person's
name) with a stable pseudonym: ``file-`` and the first 8 hex digits of the sha256 of its
path relative to the working folder, then its extension (``file-3f9a2c1e.md``). The
same file gets the same pseudonym on every run from the same folder, so GitLab
fingerprints and trends keep working; baselines are matched on the real paths before
anything is redacted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import PurePath

from ..findings import FileResult, Finding, Rewrite
from ..identity import finding_hash
from ..packs import Rule, templates
from .common import relative_path

PSEUDONYM = re.compile(r"^file-[0-9a-f]{8}(\.[A-Za-z0-9]{1,8})?$")
_EXTENSION = re.compile(r"^\.[A-Za-z0-9]{1,8}$")


def token(finding: Finding, text: str) -> str:
    digest = hashlib.sha256(f"{finding.rule}\0{text}".encode("utf-8")).hexdigest()[:8]
    return f"[{finding.rule} {finding.category} {digest}]"


def redact_finding(finding: Finding, rules: dict[str, Rule]) -> Finding:
    words = token(finding, finding.text)
    # A rewrite is the sentence again: it becomes a token too, and its placeholders (which may quote it) go.
    rewrite = finding.rewrite and Rewrite(token(finding, finding.rewrite.text), finding.rewrite.safe, [])
    redacted = dataclasses.replace(
        finding, text=words, sentence=token(finding, finding.sentence), fix=None, block_span=None,
        details={**finding.details, "sentence_hash": finding_hash(finding)}, rewrite=rewrite, recipe=None, edits=None,
    )
    rule = rules.get(finding.rule)
    if rule is not None:
        templates.render(redacted, rule, match=words)
    else:  # a finding about sbp-lint's own comments quotes none of the document
        redacted.message = finding.message
    return redacted


def pseudonym(path: str) -> str:
    """``file-<8 hex>.ext`` for a file, from its path relative to the working folder; '-' and '<text>' stay."""
    if path == "-" or path.startswith("<"):
        return path
    relative = relative_path(path)
    digest = hashlib.sha256(relative.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    suffix = PurePath(relative).suffix
    return f"file-{digest}{suffix if _EXTENSION.match(suffix) else ''}"


def redact_results(results: list[FileResult], rules: dict[str, Rule], paths: bool = False) -> list[FileResult]:
    """Findings without document text; with ``paths``, files named by their pseudonyms too."""
    redacted = []
    for result in results:
        changes = {"findings": [redact_finding(f, rules) for f in result.findings]}
        if paths and result.path != pseudonym(result.path):
            changes.update(path=pseudonym(result.file), origin=result.file)
        redacted.append(dataclasses.replace(result, **changes))
    return redacted
