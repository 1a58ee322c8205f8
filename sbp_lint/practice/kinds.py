"""What kind of document it is: a care and support plan, a Signs of Safety assessment, an assessment, a
case note, a review, a letter, or unknown. (Not to be confused with ``packs.kinds``, the kinds of rule.)

The kind decides which practice model's structure a document is checked against (``rules/structure-*.yaml``).
The configuration can say (``kind:``, per glob in ``overrides``); otherwise the document's title, headings,
words and, for letters, its shape decide, by a score that can be explained in one line: each cue found adds
its points to its kind (``kinds.yaml``), and the kind with most points wins when it reaches the threshold.
Cues are labels, never the document's words, so they may be shown or kept without personal details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..documents.base import Block
from ..errors import PackError
from .data import DataFile

KINDS = ("care_and_support_plan", "signs_of_safety", "assessment", "case_note", "review", "letter")
UNKNOWN = "unknown"
SETTINGS = ("auto", *KINDS, UNKNOWN)  # what a configuration may say
TITLE_WORDS = 14  # a first line this short, before any heading, is the document's title

_NUMBERING = re.compile(r"^\s*(?:(?:section|part|step|rhan|adran)\s+)?(?:\d+(?:\.\d+)*|[a-h])?[.):\-\u2013]?\s+", re.IGNORECASE)
# "My", "Nesta's", not "What's".
_POSSESSIVE = re.compile(r"^(?:my|our|your|fy|ein|eich|(?!(?:what|it|that|there|here|who|let|where)['\u2019]s\b)[a-z][\w-]*['\u2019]s?)\s+",
                         re.IGNORECASE)
_PARTS = re.compile(r"\s+[/|]\s+")


@dataclass(frozen=True)
class DocumentKind:
    value: str  # one of KINDS, or unknown
    source: str = "detected"  # detected | configuration
    score: int = 0  # the winning kind's points
    cues: tuple[str, ...] = ()  # "title 'care and support plan' +6", "heading 'personal outcomes' +2"

    def describe(self) -> str:
        """One line: the kind and why."""
        if self.source == "configuration":
            return f"kind {self.value} (set in the configuration)"
        if not self.cues:
            return f"kind {self.value} (no cues found)"
        return f"kind {self.value} (score {self.score}: {', '.join(self.cues)})"


@dataclass(frozen=True)
class _Kind:
    name: str
    title: tuple[re.Pattern, ...]
    headings: tuple[tuple[str, re.Pattern], ...]
    words: tuple[tuple[str, re.Pattern, frozenset[str]], ...]  # phrase, pattern, the whole words it needs


@dataclass(frozen=True)
class KindCues:
    kinds: tuple[_Kind, ...]
    points: dict[str, int]
    threshold: int
    letter_lines: tuple[tuple[str, re.Pattern, int], ...]


def _phrase(phrase: str) -> re.Pattern:
    words = [r"\S+" if w == "*" else re.escape(w) for w in normal(phrase).split()]
    return re.compile(r"(?<![\w'])" + r"\s+".join(words) + r"(?![\w'])")


@lru_cache(maxsize=1)
def load_cues() -> KindCues:
    data = DataFile("kinds.yaml")
    data.check_keys({"points", "threshold", "kinds", "letter_lines"})
    points = data.mapping("points")
    if set(points) != {"title_first", "title", "heading", "words"} or not all(isinstance(v, int) for v in points.values()):
        raise PackError("'points' must give whole numbers for title_first, title, heading and words", data.where, data.line_of("points"))
    threshold = data.data.get("threshold")
    if not isinstance(threshold, int) or threshold < 1:
        raise PackError("'threshold' must be a whole number above 0", data.where, data.line_of("threshold"))
    data.check_keys(set(KINDS), "kinds")
    kinds = []
    for name in KINDS:
        data.check_keys({"title", "headings", "words"}, "kinds", name)
        kinds.append(_Kind(
            name,
            tuple(_phrase(p) for p in sorted(data.words("kinds", name, "title"), key=len, reverse=True)),
            tuple((p, _phrase(p)) for p in sorted(data.words("kinds", name, "headings"))),
            tuple((p, _phrase(p), _whole_words(p)) for p in sorted(data.words("kinds", name, "words"))),
        ))
    lines = []
    for label, spec in data.mapping("letter_lines").items():
        if not isinstance(spec, dict) or not isinstance(spec.get("pattern"), str) or not isinstance(spec.get("points"), int):
            raise PackError(f"letter_lines.{label} must have a 'pattern' and whole-number 'points'", data.where,
                            data.mapping("letter_lines").line_of(label))
        try:
            lines.append((label, re.compile(spec["pattern"], re.IGNORECASE | re.MULTILINE), spec["points"]))
        except re.error as exc:
            raise PackError(f"letter_lines.{label}: invalid pattern ({exc})", data.where, data.mapping("letter_lines").line_of(label)) from None
    return KindCues(tuple(kinds), dict(points), threshold, tuple(lines))


def normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s'&*:]", " ", text.lower().replace("\u2019", "'")).split())


def heading_parts(heading: str) -> list[str]:
    """A heading's parts (bilingual headings have two), each without numbering and whose it is."""
    parts = []
    for part in _PARTS.split(heading):
        part = _NUMBERING.sub("", part, count=1).strip()
        parts.append(normal(_POSSESSIVE.sub("", part, count=1)))
    return [p for p in parts if p]


def title_of(blocks: list[Block]) -> str | None:
    """The document's title: its first block when that is a heading or a short line."""
    first = next((b for b in blocks if b.text.strip() and b.kind != "directive"), None)
    if first is None:
        return None
    if first.kind == "heading" or len(first.text.split()) <= TITLE_WORDS:
        return first.text.strip()
    return None


def detect(blocks: list[Block], cues: KindCues | None = None) -> DocumentKind:
    """The kind of the document whose blocks these are."""
    cues = cues or load_cues()
    title = title_of(blocks)
    headings = [b.text for b in blocks if b.kind == "heading" and b.text.strip()]
    if title is not None and headings and headings[0].strip() == title:
        headings = headings[1:]
    body = "\n".join(b.text for b in blocks if b.kind not in ("heading", "directive") and b.text.strip())
    text = _Text(body, [heading_parts(h) for h in headings])
    scores: dict[str, int] = {}
    found: dict[str, list[str]] = {}
    for kind in cues.kinds:
        for label, points in _kind_cues(kind, cues, title, text):
            scores[kind.name] = scores.get(kind.name, 0) + points
            found.setdefault(kind.name, []).append(f"{label} +{points}")
    for label, pattern, points in cues.letter_lines:
        if pattern.search(body):
            scores["letter"] = scores.get("letter", 0) + points
            found.setdefault("letter", []).append(f"letter {label} +{points}")
    best = max(KINDS, key=lambda k: (scores.get(k, 0), -KINDS.index(k)))
    score = scores.get(best, 0)
    if score < cues.threshold:
        return DocumentKind(UNKNOWN, "detected", score, tuple(c for k in KINDS for c in found.get(k, ())))
    return DocumentKind(best, "detected", score, tuple(found[best]))


class _Text:
    """A document's body and headings, normalised once for all kinds (a long record's body is searched
    for every kind's words: each search costs a pass over it, so phrases with a word the body lacks are
    not searched at all)."""

    def __init__(self, body: str, heading_parts: list[list[str]]):
        self.lower = normal(body)
        self.words = frozenset(_WORD.findall(self.lower))
        self.heading_parts = heading_parts

    def has(self, pattern: re.Pattern, needs: frozenset[str]) -> bool:
        return needs <= self.words and pattern.search(self.lower) is not None


_WORD = re.compile(r"[\w']+")


def _whole_words(phrase: str) -> frozenset[str]:
    """The phrase's words made only of word characters and apostrophes: a body the phrase's pattern matches in
    holds each as a whole run of such characters (``_WORD``), so a body without one cannot match."""
    return frozenset(w for w in normal(phrase).split() if _WORD.fullmatch(w))


def _kind_cues(kind: _Kind, cues: KindCues, title: str | None, text: _Text) -> Iterable[tuple[str, int]]:
    points = cues.points
    if title:
        parts = heading_parts(title)
        for part in parts:
            hits = [(m.start(), -len(m.group(0)), m.group(0)) for pattern in kind.title for m in [pattern.search(part)] if m]
            if hits:
                start, _, words = min(hits)
                yield f"title '{words}'", points["title_first"] if start == 0 else points["title"]
                break
    seen: set[str] = set()
    for parts in text.heading_parts:
        for part in parts:
            for phrase, pattern in kind.headings:
                match = pattern.match(part)
                if phrase not in seen and match:
                    seen.add(phrase)
                    yield f"heading '{phrase}'", points["heading"]
    for phrase, pattern, needs in kind.words:
        if text.has(pattern, needs):
            yield f"words '{phrase}'", points["words"]


def configured(setting: str) -> DocumentKind | None:
    """The kind a configuration fixes, or None for ``auto``."""
    return DocumentKind(setting, "configuration") if setting in (*KINDS, UNKNOWN) else None
