"""Anchors: a word a token or dependency pattern cannot match without.

spaCy's Matcher tests every token against every pattern's set predicates
("LEMMA IN [...]", "POS IN [...]") in Python: three token patterns cost more
than 175 phrase rules. Most paragraphs hold none of the words those patterns
need ("place", "contact", "deliver"), so the engine adds one anchor word per
pattern to the phrase matchers it runs anyway, and runs the Matcher only on
Docs where an anchor turned up.

One anchor word is a weak test when it is common ("the", "for", lemma "have"), so ``WordGate`` asks
more: that EVERY word a pattern plainly requires occurs in the text. That is still a necessary
condition of any match (the Matcher compares the same hashes), so a Matcher run only where some
pattern passes the gate finds exactly what it finds everywhere, at a set lookup's cost elsewhere.
"""

from __future__ import annotations

import re
from typing import Hashable

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.matcher import Matcher
from spacy.strings import hash_string
from spacy.tokens import Doc

ATTRS = {"LOWER": "LOWER", "LEMMA": "LEMMA", "ORTH": "ORTH", "TEXT": "ORTH"}
_REQUIRED_OPS = {None, "1", "+"}


def token_anchor(spec: dict) -> tuple[str, frozenset[str]] | None:
    """(attribute, values): what one token of a pattern must be, if its spec says so plainly."""
    anchors = token_requirements(spec)
    return max(anchors, key=_rarity) if anchors else None


def token_requirements(spec: dict) -> list[tuple[str, frozenset[str]]]:
    """Every (attribute, values) one token of a pattern must have, where its spec says so plainly
    (a word or an IN list on LOWER, LEMMA or ORTH of a token that is not optional); [] if none."""
    if not isinstance(spec, dict) or spec.get("OP") not in _REQUIRED_OPS and not _at_least_one(spec.get("OP")):
        return []
    anchors = []
    for key, value in spec.items():
        attr = ATTRS.get(str(key).upper())
        if attr is None:
            continue
        if isinstance(value, str) and value:
            anchors.append((attr, frozenset([value])))
        elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) and value["IN"] \
                and all(isinstance(v, str) and v for v in value["IN"]):
            anchors.append((attr, frozenset(value["IN"])))
    return anchors


def pattern_anchor(specs: list[dict]) -> tuple[str, frozenset[str]] | None:
    """The likely rarest of a pattern's required words (None if it has none): "contact", not "with"."""
    anchors = [a for a in (token_anchor(s) for s in specs) if a is not None]
    return max(anchors, key=_rarity) if anchors else None


def _rarity(anchor: tuple[str, frozenset[str]]) -> tuple[int, int]:
    # Short words are common ("in", "'s", "with"); a list is as common as its shortest member.
    return min(len(v) for v in anchor[1]), -len(anchor[1])


def _at_least_one(op) -> bool:
    """Quantifiers such as "{2}" or "{1,3}" require the token too."""
    match = re.fullmatch(r"\{(\d+)(?:,\d*)?\}", op) if isinstance(op, str) else None
    return bool(match) and int(match.group(1)) >= 1


def anchor_docs(vocab, attr: str, values: frozenset[str]) -> list[Doc]:
    """One-token Docs for a PhraseMatcher on ``attr`` (a lemma pattern needs its lemma set)."""
    if attr == "LEMMA":
        return [Doc(vocab, words=[v], lemmas=[v]) for v in sorted(values)]
    return [Doc(vocab, words=[v]) for v in sorted(values)]


_COLUMNS = {"ORTH": 0, "LOWER": 1, "LEMMA": 2}  # a requirement's place in ``WordGate.words``
_ATTR_IDS = [ORTH, LOWER, LEMMA]


class WordGate:
    """Which labels of a Matcher could match a text: those with a pattern whose every plainly required
    word (``token_requirements``) occurs in it somewhere.

    A necessary condition, never a sufficient one: running the unchanged Matcher only where ``passes``
    (or only a passing label's patterns) gives exactly the matches it gives everywhere. It costs one
    pass over the tokens' integer attributes, a set intersection with the patterns' rarest words and
    a few set tests for the patterns found there, where spaCy's Matcher evaluates every set predicate
    of every pattern state in Python for every token.
    """

    def __init__(self) -> None:
        self._needs: list[tuple[Hashable, tuple[tuple[int, frozenset[int]], ...]]] = []  # rarest first
        self._free: set = set()  # labels with a pattern that needs no plain word: always possible
        # By column (ORTH, LOWER, LEMMA): each pattern's rarest word -> the patterns it comes first in
        self._first: tuple[dict[int, list[int]], ...] = ({}, {}, {})
        self._first_words: tuple[set[int], ...] = (set(), set(), set())  # their keys: set & set is the fast way

    def add(self, label: Hashable, specs: list[dict]) -> None:
        """One pattern of ``label`` (a dependency pattern: its nodes' RIGHT_ATTRS)."""
        needs = {need for spec in specs for need in token_requirements(spec)}
        if not needs:
            self._free.add(label)
            return
        ordered = tuple((_COLUMNS[attr], frozenset(hash_string(v) for v in values))
                        for attr, values in sorted(needs, key=_rarity, reverse=True))
        column, values = ordered[0]
        for value in values:
            self._first[column].setdefault(value, []).append(len(self._needs))
        self._first_words[column].update(values)
        self._needs.append((label, ordered))

    @staticmethod
    def words(tokens) -> tuple[set[int], set[int], set[int]]:
        """The ORTH, LOWER and LEMMA hashes of ``tokens`` (a Doc, a Span or a list of Tokens)."""
        if isinstance(tokens, Doc):  # read in one go, without making a Token object per word
            orths, lowers, lemmas = tokens.to_array(_ATTR_IDS).T.tolist() if len(tokens) else ([], [], [])
            return set(orths), set(lowers), set(lemmas)
        orths, lowers, lemmas = set(), set(), set()
        for token in tokens:
            orths.add(token.orth)
            lowers.add(token.lower)
            lemmas.add(token.lemma)
        return orths, lowers, lemmas

    def labels(self, tokens) -> set:
        """The labels that could match in ``tokens``."""
        found = set(self._free)
        words = self.words(tokens)
        candidates = {index for column, first in enumerate(self._first)
                      for value in words[column] & self._first_words[column] for index in first[value]}
        for index in candidates:
            label, needs = self._needs[index]
            if label not in found and all(not values.isdisjoint(words[column]) for column, values in needs[1:]):
                found.add(label)
        return found

    def passes(self, tokens) -> bool:
        """Whether any pattern could match in ``tokens``."""
        return bool(self._free) or bool(self.labels(tokens))


class GatedMatcher:
    """A spaCy Matcher that runs, on each text, only the patterns ``WordGate`` says could match there.

    spaCy's Matcher walks its patterns' states independently and in the order they were added, so a
    Matcher holding a subset of the patterns (same labels, same order) reports the same matches in the
    same order as the whole Matcher, less those of the patterns left out; and a pattern the gate leaves
    out cannot match. So the output is the whole Matcher's, match for match and in order. The Matcher
    for each set of passing patterns is built once and kept (texts pass in few distinct ways).
    """

    _KEEP = 512  # Matchers kept; past that the cache starts again (a safeguard, not expected to be reached)

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.gate = WordGate()
        self._patterns: list[tuple[str, list[dict]]] = []
        self._matchers: dict[tuple[int, ...], Matcher] = {}

    def add(self, label: str, patterns: list[list[dict]]) -> None:
        """Like ``Matcher.add`` (validated there, at once); no callbacks, no greedy filter."""
        Matcher(self.vocab, validate=True).add(label, [list(p) for p in patterns])
        for pattern in patterns:
            self.gate.add(len(self._patterns), list(pattern))
            self._patterns.append((label, list(pattern)))

    def __len__(self) -> int:
        return len(self._patterns)

    def __call__(self, doclike, tokens=None) -> list[tuple[int, int, int]]:
        """(match_id, start, end) as ``Matcher(doclike)`` gives them; ``tokens``: doclike's, if at hand."""
        chosen = tuple(sorted(self.gate.labels(doclike if tokens is None else tokens)))
        return self._matcher(chosen)(doclike) if chosen else []

    def whole(self) -> Matcher:
        """The Matcher of every pattern, ungated: what ``__call__`` must always agree with."""
        return self._matcher(tuple(range(len(self._patterns))))

    def _matcher(self, chosen: tuple[int, ...]) -> Matcher:
        """A Matcher of the patterns numbered ``chosen`` (in the order they were added), built once."""
        matcher = self._matchers.get(chosen)
        if matcher is None:
            if len(self._matchers) >= self._KEEP:
                self._matchers.clear()
            matcher = self._matchers[chosen] = Matcher(self.vocab)
            for index in chosen:
                label, pattern = self._patterns[index]
                matcher.add(label, [pattern])
        return matcher
