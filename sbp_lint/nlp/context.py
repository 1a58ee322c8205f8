"""A sentence and where it sits: its block, the person's own (quoted) words, its words and syllables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..documents.base import Block
from .syllables import syllables

_QUOTES = re.compile(
    r"\u201c[^\u201d]*\u201d"  # “...”
    r'|"[^"\n]*"'  # "..."
    r"|(?<![\w])\u2018.*?\u2019(?![\w])"  # ‘...’ (apostrophes inside are fine)
    r"|(?<![\w])'(?=\w).*?(?<=[\w.!?,])'(?![\w])"  # '...' not an apostrophe
)


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # verbs with a tense of their own


def quote_ranges(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTES.finditer(text)]


_HYPHENS = ("-", "\u2010", "\u2011")


class _once:
    """A property worked out on first use and then stored on the instance.

    functools.cached_property takes a lock on every first use in Python 3.11, which cost more than
    the work for most sentences.
    """

    def __init__(self, compute):
        self.compute = compute
        self.name = compute.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass
class SentenceContext:
    """A sentence (a spaCy Span) with what the rules need to know about its place.

    Its tokens, text, words and syllables are worked out once here and shared by every check:
    a Span makes new Token objects on each walk, and Span.text joins them again each time.
    """

    sent: object  # spacy.tokens.Span
    block: Block
    quotes: list[tuple[int, int]] = field(default_factory=list)
    tokens: list = None  # the sentence's Tokens (the engine slices them from one list per Doc)
    memo: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.tokens is None:
            self.tokens = list(self.sent) if self.sent is not None else []

    @_once
    def text(self) -> str:
        # A Doc is parsed from its block's text, so character offsets are the block's.
        return self.block.text[self.sent.start_char:self.sent.end_char]

    @_once
    def words(self) -> list:
        """Alphabetic tokens ("two-bedroom" gives two: "two" and "bedroom")."""
        return [t for t in self.tokens if t.is_alpha]

    @_once
    def word_count(self) -> int:
        """Words as a reader counts them: "two-bedroom" is one word, though spaCy makes three tokens of it."""
        if not any(h in self.text for h in _HYPHENS):
            return len(self.words)  # most sentences: no hyphen to join words
        tokens = self.tokens
        joined = sum(1 for before, hyphen, after in zip(tokens, tokens[1:], tokens[2:])
                     if hyphen.text in _HYPHENS and not hyphen.whitespace_ and after.is_alpha
                     and before.is_alpha and not before.whitespace_)
        return len(self.words) - joined

    @_once
    def syllables(self) -> int:
        return sum(syllables(t.lower_) for t in self.words)

    def shared(self, key, compute):
        """``compute(self)``, worked out once for this sentence for every check that asks with ``key``."""
        if key not in self.memo:
            self.memo[key] = compute(self)
        return self.memo[key]

    @property
    def outcome(self) -> bool:
        start = self.block.outcome_start
        return start is not None and self.sent.end_char > start

    def in_outcome(self, start_char: int) -> bool:
        return self.block.outcome_start is not None and start_char >= self.block.outcome_start

    def quoted(self, start: int, end: int) -> bool:
        return self.block.quoted or any(qs <= start and end <= qe for qs, qe in self.quotes)

    def skipped(self, start: int, end: int) -> bool:
        return any(start < se and ss < end for ss, se in self.block.skip)
