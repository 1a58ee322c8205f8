"""Readability measures from textstat, kept offline.

textstat 0.7.13 counts English syllables with NLTK's cmudict and downloads it
on first use. sbp-lint never opens a network connection, so syllables come
from pyphen (bundled dictionaries) instead: textstat's own fallback path.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def textstat():
    import textstat as _textstat
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    def no_cmudict(lang: str) -> None:
        return None

    _count_syllables.get_cmudict = no_cmudict
    _get_cmudict.get_cmudict = no_cmudict
    _textstat.set_lang("en_GB")
    return _textstat


def syllables(word: str) -> int:
    return textstat().syllable_count(word)


def grade(text: str) -> float:
    """Flesch-Kincaid grade level."""
    return textstat().flesch_kincaid_grade(text)


def reading_ease(text: str) -> float:
    return textstat().flesch_reading_ease(text)
