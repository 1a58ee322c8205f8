"""Readability measures, kept offline.

textstat 0.7.13 counts English syllables with NLTK's cmudict and downloads it
on first use. sbp-lint never opens a network connection, so syllables come from
hyphenation points in pyphen's bundled British English dictionary instead:
textstat's own fallback (``len(positions) + 1``). The checks count them here
with Liang's algorithm over the same dictionary, because pyphen's loader took a
tenth of a second of every start and textstat imports NLTK (a third of a
second); the library report grades whole documents with textstat, patched to
the same offline fallback. ``tests/test_offline.py`` holds all three together.
"""

from __future__ import annotations

import functools
import re

_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_DIGIT = re.compile(r"\d")
LEFT = RIGHT = 2  # pyphen's defaults: no break within two letters of either end


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, str], int]:
    """pyphen's en_GB hyphenation patterns, letters -> the pattern line, and the longest pattern.

    Lines are parsed when a word first needs them (``_values``): parsing all 14,000 up front
    took as long as pyphen's own loader.
    """
    from importlib import resources

    text = resources.files("pyphen.dictionaries").joinpath("hyph_en_GB.dic").read_text("utf-8")
    lines = [line.strip() for line in text.split("\n")[1:]]  # the first line names the encoding
    lines = [line for line in lines if line and not line.startswith(_IGNORED)]
    letters = _DIGIT.sub("", "\n".join(lines)).split("\n")
    return dict(zip(letters, lines)), max(map(len, letters))


@functools.lru_cache(maxsize=None)
def _values(line: str) -> tuple[int, list[int]] | None:
    """"1ab4c" -> (offset of the first non-zero value, the values from there): values[k] is the digit before letter k."""
    digits = [(m.start() - n, int(m.group())) for n, m in enumerate(_DIGIT.finditer(line))]
    digits = [(k, v) for k, v in digits if v]
    if not digits:
        return None
    start = digits[0][0]
    values = [0] * (digits[-1][0] + 1 - start)
    for k, v in digits:
        values[k - start] = v
    return start, values


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of a word: its hyphenation points plus one. Cached, because records repeat their words."""
    if not word:
        return 0
    patterns, longest = _patterns()
    pointed = f".{word.lower()}."
    points = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):
        for j in range(i + 1, min(i + longest, len(pointed)) + 1):
            line = patterns.get(pointed[i:j])
            pattern = _values(line) if line else None
            if pattern:
                offset, values = pattern
                for k, value in enumerate(values, i + offset):
                    if value > points[k]:
                        points[k] = value
    breaks = [k - 1 for k, value in enumerate(points) if value % 2]
    return 1 + sum(1 for b in breaks if LEFT <= b <= len(word) - RIGHT)


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
