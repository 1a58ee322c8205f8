"""lemminflect's two lookup tables, read as words are looked up instead of all at once.

lemminflect builds a dictionary of every English word form (80,676 lines for lemmas, 40,450 for
inflections) the first time a word is looked up, a line at a time through ``gzip``: 0.35-0.4 s,
a fifth of a cold one-page check, for the few dozen words a page's rewrites need. Here the same
files are decompressed and their lines indexed by word in one go (a few hundredths of a second), and
a word's lines are parsed by lemminflect's own codec, and merged as its loader merges them, when the
word is first asked for. The answers are the same, key for key (``tests/test_lookup_tables.py``
compares every word with lemminflect's own loader).

``install`` puts the tables where lemminflect's classes look for their loaded dictionaries; when
lemminflect is not laid out as expected it installs nothing and lemminflect loads its own tables.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable
from pathlib import Path

_MISSING = object()


class LazyTable:
    """A read-only stand-in for one of lemminflect's lookup dictionaries (word -> its entry).

    ``merge`` turns a word's lines, in file order, into its entry exactly as the library's loader
    would; ``fixed`` holds entries the loader sets after reading the file (they win)."""

    def __init__(self, path: str, merge: Callable[[list[str]], dict], fixed: dict | None = None):
        with open(path, "rb") as handle:
            text = gzip.decompress(handle.read()).decode()
        lines = text.split("\n")  # the loader's own line breaks: bytes split at b"\n" only
        if lines and lines[-1] == "":
            lines.pop()
        # the word as the codecs read it: line.strip().split(",")[0]
        keys = [line.strip().partition(",")[0] for line in lines]
        self._lines = lines
        self._keys = keys
        # a word's first and last line: every line of the word lies between them (sorted files or not)
        self._last = dict(zip(keys, range(len(keys))))
        self._first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1)))
        self._merge = merge
        self._fixed = dict(fixed or {})
        self._parsed: dict[str, dict] = {}

    def get(self, word, default=None):
        if word in self._fixed:
            return self._fixed[word]
        found = self._parsed.get(word, _MISSING)
        if found is _MISSING:
            first = self._first.get(word)
            if first is None:
                return default
            lines = [self._lines[i] for i in range(first, self._last[word] + 1) if self._keys[i] == word]
            found = self._parsed[word] = self._merge(lines)
        return found

    def __getitem__(self, word):
        found = self.get(word, _MISSING)
        if found is _MISSING:
            raise KeyError(word)
        return found

    def __contains__(self, word) -> bool:
        return word in self._fixed or word in self._first

    def keys(self) -> set:
        return set(self._first) | set(self._fixed)


def lemma_table(path: str) -> LazyTable:
    """``LemmaLUCodec.load(path)``, read as words are looked up."""
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.LexicalUtils import categoryToUPos

    def merge(lines: list[str]) -> dict:
        entry: dict = {}
        for line in lines:
            _, category, forms = LemmaLUCodec.fromString(line)
            entry.update({categoryToUPos(category): forms})
        return entry

    return LazyTable(path, merge)


def inflection_table(path: str) -> LazyTable:
    """``InflectionLUCodec.load(path)``, read as words are looked up."""
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    def merge(lines: list[str]) -> dict:
        entry: dict = {}
        for line in lines:
            entry.update(InflectionLUCodec.fromString(line)[2])
        return entry

    # the loader's last step: auxiliaries and modals written in, over whatever the file said
    return LazyTable(path, merge, fixed=InflectionLUCodec.updateForAuxMod({}))


def install(lemmatizer, inflections) -> bool:
    """Give lemminflect's ``Lemmatizer`` and ``Inflections`` (their singletons) these tables in place of the
    ones they would load; True when both were installed. Any surprise (another lemminflect version laid out
    differently) installs nothing, and lemminflect's own loading runs as before."""
    try:
        tables = _tables(lemmatizer, inflections)
    except Exception:  # noqa: BLE001 - any failure means: let lemminflect load its own tables
        return False
    if tables is None:
        return False
    lemmatizer.lemma_dict, inflections.infl_dict = tables
    return True


def _tables(lemmatizer, inflections) -> tuple[LazyTable, LazyTable] | None:
    """Both tables, each tried on its first words; None when lemminflect does not look as expected."""
    expected = (hasattr(lemmatizer, "_getLemmaDict") and hasattr(inflections, "_getInflDict")
                and isinstance(getattr(lemmatizer, "lemma_lu_fn", None), str)
                and isinstance(getattr(inflections, "infl_lu_fn", None), str))
    if not expected or "lemma_dict" in vars(lemmatizer) or "infl_dict" in vars(inflections):
        return None  # already loaded (or not the classes this was written for)
    if not (Path(lemmatizer.lemma_lu_fn).is_file() and Path(inflections.infl_lu_fn).is_file()):
        return None
    lemmas = lemma_table(lemmatizer.lemma_lu_fn)
    inflected = inflection_table(inflections.infl_lu_fn)
    _try_first_words(lemmas)
    _try_first_words(inflected)
    return lemmas, inflected


def _try_first_words(table: LazyTable, count: int = 3) -> None:
    """Parse a few words now, so that a codec that changed fails here (and is not installed), not mid-check."""
    words: Iterable[str] = list(dict.fromkeys(table._keys[:count * 4]))[:count]
    for word in words:
        table.get(word)
