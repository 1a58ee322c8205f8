"""``--redact``: findings without document text, for CI logs and code-scanning uploads.

The flagged words, their sentence and its rewrite become the rule id, the category and a short
hash; messages and suggestions are rendered again with that token in place of the
words. Positions, counts and fingerprints (taken from the real sentence first) stay,
so baselines and SARIF alerts keep working.
"""

from __future__ import annotations

import dataclasses
import hashlib

from ..findings import FileResult, Finding, Rewrite
from ..identity import finding_hash
from ..packs import Rule, templates


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


def redact_results(results: list[FileResult], rules: dict[str, Rule]) -> list[FileResult]:
    return [dataclasses.replace(r, findings=[redact_finding(f, rules) for f in r.findings]) for r in results]
