"""Readability measures, kept offline.

textstat 0.7.13 counts English syllables with NLTK's cmudict and downloads it
on first use. sbp-lint never opens a network connection, so syllables come from
pyphen's bundled British English dictionary instead: textstat's own fallback
(``len(positions) + 1``). The checks count syllables per word here, without
importing textstat (it imports NLTK, which took a third of a second of every
start); the library report grades whole documents with textstat, patched to
the same offline fallback (``tests/test_offline.py`` holds the two together).
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _hyphenator():
    from pyphen import Pyphen

    return Pyphen(lang="en_GB")


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of a lower-case word; cached because records repeat the same words."""
    return len(_hyphenator().positions(word)) + 1 if word else 0


def fk_grade(words: int, sentences: int, syllable_count: int) -> float:
    """Flesch-Kincaid grade level (the formula textstat uses)."""
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


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


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of a whole text (textstat's word and sentence counts)."""
    return textstat().flesch_kincaid_grade(text)
