"""Word lists as regular expressions: any of some phrases, as whole words, in any letter case.

Glossaries, rule exceptions and the named checks all look for listed phrases in text;
they differ only in what may touch a match, how words are spaced and whether a plural
ending counts, which ``phrase_regex`` takes as arguments.
"""

from __future__ import annotations

import re
from typing import Iterable


def phrase_regex(phrases: Iterable[str], *, edge: str = r"\w", gap: str | None = None,
                 suffix: str = "", edge_after: str | None = None) -> re.Pattern | None:
    """A case-insensitive regex for any of ``phrases``, longest first; None when there are none.

    ``edge``: a character class body that may not touch a match on either side.
    ``gap``: a regex for the space between words (None: the phrase's own spacing).
    ``suffix``: an optional ending after any phrase (a plural, say).
    ``edge_after``: what may not follow a match, when it differs from ``edge``.
    """
    alternatives = []
    for phrase in sorted({p for p in phrases if p.strip()}, key=len, reverse=True):
        if gap is None:
            alternatives.append(re.escape(phrase))
        else:
            alternatives.append(gap.join(re.escape(w) for w in re.split(r"[\s-]+" if "-" in gap else r"\s+", phrase.strip()) if w))
    if not alternatives:
        return None
    after = edge if edge_after is None else edge_after
    return re.compile(rf"(?<![{edge}])(?:{'|'.join(alternatives)}){suffix}(?![{after}])", re.IGNORECASE)


class Phrases:
    """``phrase_regex`` with a cheaper test first: text that holds none of the phrases' longest
    words cannot match (three times faster on a miss, and most sentences miss)."""

    def __init__(self, words: Iterable[str], **options):
        words = [w for w in words if w.split()]
        self.regex = phrase_regex(words, **options)
        self.keys = {max(w.lower().split(), key=len) for w in words}

    def __bool__(self) -> bool:
        return self.regex is not None

    def _may_match(self, text: str) -> bool:
        if self.regex is None:
            return False
        if not text.isascii():
            return True  # case-insensitive matching of other scripts is not the same as str.lower()
        lower = text.lower()
        return any(key in lower for key in self.keys)

    def search(self, text: str) -> re.Match | None:
        return self.regex.search(text) if self._may_match(text) else None

    def finditer(self, text: str):
        return self.regex.finditer(text) if self._may_match(text) else iter(())


def phrase_variants(phrase: str) -> set[str]:
    """'wheelchair-bound' also as 'wheelchair bound' (and back), so one entry covers both."""
    phrase = " ".join(phrase.split())
    return {phrase, phrase.replace("-", " "), phrase.replace(" - ", "-").replace(" ", "-")} - {""}
