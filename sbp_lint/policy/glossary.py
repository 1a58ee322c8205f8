"""An organisation's glossary (``allow:`` in the configuration): words a team has agreed are fine.

A finding is allowed when an allowed phrase appears in its matched words, as
whole words, in any letter case: ``allow: [contact]`` silences "contact",
"supervised contact" and "contact with his dad" alike, because rules often
match a longer phrase around the term a team wants to keep. Hyphens count as
spaces, so "double handed" also allows "double-handed".
"""

from __future__ import annotations

from typing import Iterable

from ..phrases import phrase_regex


def normalise(phrase: str) -> str:
    """Lower case, hyphens as spaces, single spaces."""
    return " ".join(phrase.lower().replace("-", " ").split())


class Glossary:
    def __init__(self, phrases: Iterable[str] = ()):
        self.phrases = frozenset(n for n in (normalise(p) for p in phrases) if n)
        self._pattern = phrase_regex(self.phrases)

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def allows(self, text: str) -> bool:
        """True if ``text`` (a finding's matched words) contains an allowed phrase."""
        return self._pattern is not None and self._pattern.search(normalise(text)) is not None
