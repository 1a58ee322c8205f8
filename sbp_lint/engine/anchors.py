"""Anchors: a word a token or dependency pattern cannot match without.

spaCy's Matcher tests every token against every pattern's set predicates
("LEMMA IN [...]", "POS IN [...]") in Python: three token patterns cost more
than 175 phrase rules. Most paragraphs hold none of the words those patterns
need ("place", "contact", "deliver"), so the engine adds one anchor word per
pattern to the phrase matchers it runs anyway, and runs the Matcher only on
Docs where an anchor turned up.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

ATTRS = {"LOWER": "LOWER", "LEMMA": "LEMMA", "ORTH": "ORTH", "TEXT": "ORTH"}
_REQUIRED_OPS = {None, "1", "+"}


def token_anchor(spec: dict) -> tuple[str, frozenset[str]] | None:
    """(attribute, values): what one token of a pattern must be, if its spec says so plainly."""
    if not isinstance(spec, dict) or spec.get("OP") not in _REQUIRED_OPS and not _at_least_one(spec.get("OP")):
        return None
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
    return max(anchors, key=_rarity) if anchors else None


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
