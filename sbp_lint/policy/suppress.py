"""Inline suppression comments in Markdown and HTML, applied after findings are made.

    <!-- sbp-lint disable deficit.refuses -->   from this line on (no names: every rule)
    <!-- sbp-lint enable deficit.refuses -->    from this line on, report it again
    <!-- sbp-lint disable-next-line label -->   only the next line that has text

Names are rule ids, id prefixes, packs or categories, separated by commas or
spaces; anything after `` -- `` is a reason for the reader. The readers record
comments as ``Block.directives`` (line, text); this module needs nothing else
from them. A later comment overrides an earlier one for the rules it names,
so "disable" then "enable jargon" leaves every rule but jargon off.

With ``report_unused`` a disable comment (or a name in it) that suppressed
nothing becomes a finding of ``structure.unused-suppression``, like ruff's
RUF100, so stale comments do not hide future problems. Such a finding quotes
the directive as sbp-lint understood it (action and rule names), never the
comment as written: the reason after `` -- `` often names a person or a court
order, and the finding is kept in the cache and shown under ``--redact``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable

from ..documents.base import Document
from ..findings import Finding, Severity
from ..packs import Example, Rule, selects
from ..packs.kinds import CheckSpec

_DIRECTIVE = re.compile(r"^sbp-lint\b:?\s*(?P<action>[a-z-]*)(?P<rest>.*)$", re.I | re.S)
ACTIONS = ("disable", "enable", "disable-next-line")
UNUSED_ID = "structure.unused-suppression"

UNUSED_RULE = Rule(
    id=UNUSED_ID, pack="sbp-lint", category="structure", severity=Severity.WARNING,
    message="'{match}' suppresses nothing: remove it.",
    why="A suppression comment that matches no finding is stale: the text changed or the rule name is wrong. "
        "Left in place it would hide a future problem in the same place.",
    suggestions=("remove the comment, or the rule names in it that matched nothing",),
    flag_examples=(Example("<!-- sbp-lint disable-next-line deficit.refuses -->\nShe chose not to go out."),),
    pass_examples=(Example("<!-- sbp-lint disable-next-line deficit.refuses -->\nShe refuses to go out."),),
    better="She chose not to go out.   (the comment removed: the sentence no longer needs it)",
    spec=CheckSpec(check="unused_suppression"),
)
META_RULES = {UNUSED_ID: UNUSED_RULE}  # rules the reporters may meet that no pack defines


@dataclass
class Directive:
    line: int
    action: str  # disable | enable | disable-next-line | "" (not understood)
    names: tuple[str, ...]  # empty: every rule
    shown: str  # how the unused report quotes it: "sbp-lint ACTION NAMES", never the reason after "--"
    target: int | None = None  # disable-next-line: the line it covers
    used: set[str] = field(default_factory=set)  # names that suppressed something ("" for "every rule")


def parse(line: int, comment: str) -> Directive | None:
    """A directive from a comment's text, or None when the comment is not for sbp-lint."""
    match = _DIRECTIVE.match(comment.strip())
    if not match:
        return None
    action = match.group("action").lower().lstrip("-")  # also "sbp-lint-disable", as markdownlint spells it
    rest = match.group("rest").split("--", 1)[0] if action in ACTIONS else ""  # "-- reason" is for people
    names = tuple(n for n in re.split(r"[\s,]+", rest.strip()) if n)
    shown = " ".join(["sbp-lint", action[:40], *names]) if action else "sbp-lint"
    return Directive(line, action if action in ACTIONS else "", names, shown)


def directives(document: Document) -> list[Directive]:
    found = [d for block in document.blocks for line, text in block.directives if (d := parse(line, text))]
    found.sort(key=lambda d: d.line)
    text_lines = sorted({s.line for block in document.blocks if block.text.strip() for s in block.segments})
    for directive in found:
        if directive.action == "disable-next-line":
            i = bisect.bisect_right(text_lines, directive.line)
            directive.target = text_lines[i] if i < len(text_lines) else None
    return found


class Suppressor:
    """Decides, for each finding of one document, whether a comment turns it off."""

    def __init__(self, found: list[Directive], rules: dict[str, Rule]):
        self.directives = found
        self.rules = rules
        self.ranges = [d for d in found if d.action in ("disable", "enable")]
        self.next_line = [d for d in found if d.action == "disable-next-line"]

    def _names_matching(self, directive: Directive, finding: Finding) -> list[str]:
        if not directive.names:
            return [""]
        rule = self.rules.get(finding.rule)
        return [n for n in directive.names if (rule.selected_by(n) if rule else selects(n, finding.rule, "", finding.category))]

    def suppressed(self, finding: Finding) -> bool:
        for directive in self.next_line:
            if directive.target == finding.line and (names := self._names_matching(directive, finding)):
                directive.used.update(names)
                return True
        state: tuple[Directive, list[str]] | None = None
        for directive in self.ranges:
            if directive.line > finding.line:
                break
            names = self._names_matching(directive, finding)
            if names:
                state = (directive, names) if directive.action == "disable" else None
        if state is None:
            return False
        state[0].used.update(state[1])
        return True


def apply(document: Document, findings: list[Finding], rules: dict[str, Rule],
          report_unused: bool = False, active: Iterable[str] = ()) -> list[Finding]:
    """``findings`` without the suppressed ones; with ``report_unused``, plus the unused suppressions.

    ``rules`` are all known rules (to resolve packs and categories); ``active``
    the ids checked in this document: a name whose rules were not checked
    cannot be judged unused.
    """
    found = directives(document)
    if not found:
        return findings
    suppressor = Suppressor(found, rules)
    kept = [f for f in findings if not suppressor.suppressed(f)]
    if report_unused:
        kept += unused(found, rules, set(active))
    return kept


def unused(found: list[Directive], rules: dict[str, Rule], active: set[str]) -> list[Finding]:
    results = []
    for directive in found:
        if not directive.action:
            results.append(_finding(directive, f"'{directive.shown}' is not an sbp-lint directive "
                                               f"(use {', '.join(ACTIONS)}), so it suppresses nothing: fix or remove it."))
            continue
        if directive.action == "enable":
            continue
        if not directive.names:
            if "" not in directive.used:
                results.append(_finding(directive, f"'{directive.shown}' suppresses nothing: remove it."))
            continue
        for name in directive.names:
            if name in directive.used:
                continue
            named = [r for r in rules.values() if r.selected_by(name)]
            if not named:
                results.append(_finding(directive, f"'{name}' in '{directive.shown}' names no rule, pack or category."))
            elif any(r.id in active for r in named):
                results.append(_finding(directive, f"'{name}' in '{directive.shown}' suppresses nothing: remove it."))
    return results


def _finding(directive: Directive, message: str) -> Finding:
    return Finding(
        rule=UNUSED_ID, category=UNUSED_RULE.category, severity=UNUSED_RULE.severity,
        line=directive.line, column=1, end_line=directive.line, end_column=1,
        text=directive.shown, message=message, sentence=directive.shown,
        suggestions=list(UNUSED_RULE.suggestions),
    )
