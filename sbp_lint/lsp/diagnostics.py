"""Findings as LSP diagnostics, and the hover text for a flagged span.

A diagnostic's ``data`` carries what the quick fixes need (the flagged words,
the safe replacement, the rewrite, the sentence), because the client sends the
diagnostics back with a codeAction request and the document may have changed
since they were made.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any

from lsprotocol import types

from ..findings import Finding, Severity
from .positions import UTF16, LineIndex

SOURCE = "sbp-lint"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    # Information, not Hint: editors list hints nowhere (VS Code draws three faint dots).
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}
# ``allow:`` silences any finding whose words contain an allowed phrase; for readability and
# structure findings the words are a whole sentence or heading, so "add to the allow list" is not offered.
NOT_ALLOWABLE = ("readability", "structure")


def to_range(index: LineIndex, finding: Finding, encoding: str = UTF16) -> types.Range:
    start, end = index.finding_range(finding.line, finding.column, finding.end_line, finding.end_column, encoding)
    return types.Range(types.Position(start.line, start.character), types.Position(end.line, end.character))


def rewrite_of(finding: Finding) -> dict | None:
    """The finding's sentence rewrite as a dict (text, safe, placeholders), when the linter made one.

    ``Finding.rewrite`` is being added by other work: a ``Rewrite`` dataclass, or None."""
    rewrite = getattr(finding, "rewrite", None)
    if rewrite is None:
        return None
    if is_dataclass(rewrite):
        rewrite = asdict(rewrite)
    if not isinstance(rewrite, dict) or not isinstance(rewrite.get("text"), str) or not rewrite["text"].strip():
        return None
    return {"text": rewrite["text"], "safe": bool(rewrite.get("safe")),
            "placeholders": [str(p) for p in rewrite.get("placeholders") or []]}


def message_of(finding: Finding) -> str:
    """The message and the suggestions, as the text report prints them ("Try: a; b")."""
    message = finding.message.strip()
    if finding.suggestions:
        message += f"\nTry: {'; '.join(finding.suggestions)}"
    return message


def to_diagnostic(index: LineIndex, finding: Finding, rule: Any = None, encoding: str = UTF16) -> types.Diagnostic:
    data = {
        "rule": finding.rule,
        "text": finding.text,
        "fix": finding.fix,
        "rewrite": rewrite_of(finding),
        "sentence": finding.sentence,
        "allow": finding.category not in NOT_ALLOWABLE,
    }
    return types.Diagnostic(
        range=to_range(index, finding, encoding),
        message=message_of(finding),
        severity=SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule,
        source=SOURCE,
        data=data,
    )


def error_diagnostic(index: LineIndex, message: str, encoding: str = UTF16) -> types.Diagnostic:
    """A problem that stops the check (a broken configuration), shown on the first line."""
    first = index.line_text(0)
    end = index.position(len(first), encoding)
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(end.line, end.character)),
        message=f"sbp-lint could not check this document: {message}",
        severity=types.DiagnosticSeverity.Error,
        code="configuration",
        source=SOURCE,
    )


def hover_markdown(finding: Finding, rule: Any = None) -> str:
    """What the rule says, why, and its better example, for a hover over the flagged words."""
    parts = [f"**{finding.rule}** ({finding.severity}, {finding.category})", finding.message.strip()]
    why = getattr(finding, "why", None) or getattr(rule, "why", "")
    if why:
        parts.append(f"**Why:** {why.strip()}")
    if finding.suggestions:
        parts.append(f"**Try:** {'; '.join(finding.suggestions)}")
    if finding.fix:
        parts.append(f"**Safe fix:** {finding.text} → {finding.fix}")
    rewrite = rewrite_of(finding)
    if rewrite:
        parts.append(f"**Rewrite:** {rewrite['text']}")
    better = getattr(rule, "better", "")
    if better:
        parts.append(f"**Better:** {better.strip()}")
    return "\n\n".join(parts)
