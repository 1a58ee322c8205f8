"""What the text report shows, before how it looks: findings grouped by sentence, repeats folded,
and the few kinds of finding to fix first.

A practitioner reading 30 findings a page stops reading. So each sentence is shown once with all its
findings under it; the third and later findings of the same rule on the same words in a file are
folded into "and 5 more like this"; a rule's suggestions are shown the first time it appears in a
file; and the report ends with the handful of problems that matter most. Nothing is dropped from the
counts, the exit code or the other formats: JSON still lists every finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..findings import FileResult, Finding, Severity
from .common import is_binary

SHOWN_PER_PHRASE = 2  # findings of one rule on the same words shown in full in a file; later ones are folded
DEFAULT_TOP = 5  # kinds of finding in "Fix these first"

# Within one severity, what to fix first: safeguarding wording, then blame, labels, hidden actors and
# outcomes, service jargon, everyday-word swaps, readability.
WEIGHTS = {"safeguarding": 7, "deficit": 6, "label": 5, "passive": 4, "service_as_outcome": 4,
           "missing_first_person": 4, "structure": 4, "jargon": 3, "plain_language": 2, "readability": 1}


def rewrite_text(finding: Finding) -> str | None:
    """The sentence as rewritten, when the linter has a rewrite for it (``finding.rewrite``, issue 14)."""
    rewrite = getattr(finding, "rewrite", None)
    if rewrite is None:
        return None
    text = rewrite.get("text") if isinstance(rewrite, dict) else getattr(rewrite, "text", None)
    return " ".join(text.split()) if isinstance(text, str) and text.strip() else None


def phrase_key(finding: Finding) -> str:
    """The flagged words, as a reader would say they are "the same": case and spacing ignored."""
    return " ".join(finding.text.split()).casefold()


def says_its_fix(finding: Finding) -> bool:
    """The message already quotes the first suggestion ("Use 'start' instead of 'commence'"): no "Try:" line needed."""
    first = finding.suggestions[0] if finding.suggestions else ""
    return bool(first) and f"'{first}'" in finding.message


@dataclass
class Shown:
    """One finding as the report shows it."""

    finding: Finding
    with_suggestions: bool = True  # false after the rule's first appearance in the file
    folded: list[Finding] = field(default_factory=list)  # later findings like it, not shown in full


@dataclass
class SentenceGroup:
    """A sentence, shown once, with the findings in it."""

    sentence: str
    shown: list[Shown]
    rewrite: str | None = None

    @property
    def first(self) -> Finding:
        return self.shown[0].finding

    def spans(self) -> list[tuple[int, int, Finding]]:
        """Where each shown finding's words are in the (one-line) sentence; whole-sentence findings unmarked."""
        flat = " ".join(self.sentence.split())
        found = []
        for shown in self.shown:
            span = span_in_sentence(shown.finding, self.sentence)
            if span is not None and not (span[0] == 0 and span[1] >= len(flat)):
                found.append((*span, shown.finding))
        return found


def span_in_sentence(finding: Finding, sentence: str) -> tuple[int, int] | None:
    """The finding's words in ``" ".join(sentence.split())``: by position when known, else by search."""
    start = -1
    if finding.block_span is not None:
        offset = finding.block_span[1] - finding.block_span[3]
        if 0 <= offset and sentence[offset:offset + len(finding.text)] == finding.text:
            start = offset
    if start < 0:
        start = sentence.find(finding.text) if finding.text else -1
    if start < 0:
        return None
    # Map the position in the sentence as written to the sentence with its spaces collapsed.
    before = sentence[:start]
    begin = len(" ".join(before.split())) + (1 if before.strip() and before[-1].isspace() else 0)
    return begin, begin + len(" ".join(finding.text.split()))


def _group_key(finding: Finding) -> tuple:
    if finding.block_span is not None:
        block, _, _, sentence_start, sentence_end = finding.block_span
        return ("block", block, sentence_start, sentence_end)
    return ("line", finding.line, finding.sentence)


def file_groups(findings: Iterable[Finding]) -> list[SentenceGroup]:
    """One file's findings as sentence groups, in order, with repeats folded."""
    groups: dict[tuple, SentenceGroup] = {}
    seen_phrase: dict[tuple[str, str], list[Shown]] = {}
    seen_rule: set[str] = set()
    for finding in findings:
        shown_before = seen_phrase.setdefault((finding.rule, phrase_key(finding)), [])
        if len(shown_before) >= SHOWN_PER_PHRASE:
            shown_before[-1].folded.append(finding)
            continue
        shown = Shown(finding, with_suggestions=finding.rule not in seen_rule and not says_its_fix(finding))
        seen_rule.add(finding.rule)
        shown_before.append(shown)
        group = groups.setdefault(_group_key(finding), SentenceGroup(finding.sentence, []))
        group.shown.append(shown)
        group.rewrite = group.rewrite or rewrite_text(finding)
    for group in groups.values():
        if group.rewrite and " ".join(group.sentence.split()) == group.rewrite:
            group.rewrite = None  # a rewrite that changes nothing is not worth a line
        # Findings on words first, left to right; those about the whole sentence (readability) after them.
        marked = {id(finding) for _, _, finding in group.spans()}
        group.shown.sort(key=lambda shown: id(shown.finding) not in marked)
    return list(groups.values())


def places(path: str, findings: list[Finding], limit: int = 8) -> str:
    """'lines 40, 52 and 61' (paragraphs in Word and ODT, pages in PDF), at most ``limit`` numbers."""
    unit = "pages" if path.lower().endswith(".pdf") else "paragraphs" if is_binary(path) else "lines"
    numbers = list(dict.fromkeys(f.line for f in findings))
    shown = ", ".join(str(n) for n in numbers[:limit])
    if len(numbers) > limit:
        shown += ", …"
    return f"{unit if len(numbers) != 1 else unit[:-1]} {shown}"


# -- Fix these first --------------------------------------------------------------------------------

def weight_class(finding: Finding) -> str:
    """Its category, except that deficit wording at error level is a safeguarding matter."""
    if finding.category == "deficit" and finding.severity >= Severity.ERROR:
        return "safeguarding"
    return finding.category


@dataclass
class Priority:
    """One kind of finding (a rule on the same words) across the run."""

    rule: str
    words: str  # the flagged words as first written ("" for whole-sentence findings)
    severity: Severity
    weight: int
    where: list[tuple[str, Finding]] = field(default_factory=list)  # (path, finding)

    @property
    def count(self) -> int:
        return len(self.where)


def priorities(results: list[FileResult], top: int = DEFAULT_TOP) -> list[Priority]:
    """The ``top`` kinds of finding to fix first: by severity, then category weight, then how often."""
    kinds: dict[tuple[str, str], Priority] = {}
    for result in results:
        for finding in result.findings:
            whole = not finding.text or " ".join(finding.text.split()) == " ".join(finding.sentence.split())
            key = (finding.rule, "" if whole else phrase_key(finding))
            if key not in kinds:
                kinds[key] = Priority(finding.rule, "" if whole else " ".join(finding.text.split()),
                                      finding.severity, WEIGHTS.get(weight_class(finding), 0))
            kind = kinds[key]
            kind.severity = max(kind.severity, finding.severity)
            kind.where.append((result.path, finding))
    ranked = sorted(kinds.values(), key=lambda k: (-k.severity, -k.weight, -k.count))  # stable: first seen first
    return ranked[:max(0, top)]


def priority_places(priority: Priority, limit: int = 5) -> str:
    """'notes.md:12, 30; plan.md:3' for the first ``limit`` places."""
    by_path: dict[str, list[int]] = {}
    for path, finding in priority.where[:limit]:
        by_path.setdefault(path, []).append(finding.line)
    text = "; ".join(f"{path}:{', '.join(str(n) for n in dict.fromkeys(lines))}" for path, lines in by_path.items())
    return text + ("; …" if priority.count > limit else "")
