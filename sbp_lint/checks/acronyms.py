"""Acronyms no rule names: "SAR", "CQC", "TLAP", "AfC".

The jargon pack names the care system's common acronyms one by one, each with its meaning. Records
and reports use many more (boards, reviews, regulators, plans, local teams), and a person reading
their record knows none of them. This check flags any word written mostly in capitals that is not
an everyday acronym (the ``allow`` list: GP, NHS, UK …), so the long tail is covered too.

Not flagged: an acronym another rule already reports (the rule says ``exceptions: {covered: true}``,
so "CAMHS" gets its own message), initials after a title ("Mrs AB", "Child C"), Roman numerals,
ordinary words in capitals for emphasis ("NOT", "URGENT": stop words and the ``shouting`` list), and
sentences written mostly in capitals (headings, shouting).
"""

from __future__ import annotations

import re

from ..errors import PackError
from .base import Check, Hit

# At least two capitals, starting with one; letters only (an "s" plural and "&" allowed): "SAR", "SARs", "AfC".
_SHAPE = re.compile(r"^[A-Z][A-Za-z&]*$")
_ROMAN = re.compile(r"^[IVXLCDM]+$")


class Acronym(Check):
    name = "acronym"
    defaults = {
        "allow": [],  # everyday acronyms (exact letter case): GP, NHS, UK ...
        "shouting": [],  # ordinary words people write in capitals for emphasis: URGENT, NOTE ...
        "titles": [],  # words after which capitals are someone's initials: Mr, Mrs, Child, Adult ...
        "min_letters": 2,
        "max_letters": 8,
        # Leave alone an acronym in brackets straight after the words it stands for: "Bwrdd Diogelu Lleol (BDLl)"
        # is where the reader learns it. Off by default (the English rule flags every use).
        "defined_in_brackets": False,
        "small_words": [],  # words an acronym skips: a, ac, y, yr, of, and, the ...
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        for key in ("allow", "shouting", "titles"):
            if not all(isinstance(w, str) for w in self.options[key]):
                # YAML reads a bare YES, NO or ON as true/false: they must be quoted.
                raise PackError(f"option '{key}' of check '{self.name}' must be a list of words (quote YES, NO, ON)",
                                rule.source, rule.line)
        self.allow = set(self.options["allow"])
        self.shouting = {w.lower() for w in self.options["shouting"]}
        self.titles = {w.lower().rstrip(".") for w in self.options["titles"]}
        self.stop_words = set(nlp.Defaults.stop_words) if nlp is not None else set()
        self.min_letters = int(self.options["min_letters"])
        self.max_letters = int(self.options["max_letters"])
        self.defined_in_brackets = bool(self.options["defined_in_brackets"])
        self.small_words = {w.lower() for w in self.options["small_words"]}

    def sentence(self, ctx):
        candidates = [t for t in ctx.tokens if self._shaped(t.text)]
        if not candidates:
            return
        words = [t for t in ctx.tokens if t.is_alpha and len(t) > 1]
        capitals = [t for t in words if t.is_upper]
        if len(capitals) >= 3 and 2 * len(capitals) >= len(words):
            return  # a heading or a shouted sentence, not acronyms
        for token in candidates:
            if self._acronym(token):
                yield Hit(ctx.block, token.idx, token.idx + len(token.text))

    def _shaped(self, text: str) -> bool:
        if not (self.min_letters <= len(text) <= self.max_letters + 1) or not _SHAPE.match(text):
            return False
        letters = text[:-1] if text.endswith("s") and len(text) > 2 else text
        upper = sum(c.isupper() for c in letters)
        return upper >= 2 and 2 * upper >= len(letters.replace("&", "")) and len(letters) <= self.max_letters

    def _acronym(self, token) -> bool:
        text = token.text
        singular = text[:-1] if text.endswith("s") and len(text) > 2 and text[-2].isupper() else text
        if text in self.allow or singular in self.allow:
            return False
        lower = text.lower()
        if lower in self.stop_words or lower in self.shouting or _ROMAN.match(text):
            return False
        if token.like_url or token.like_email:
            return False
        before = token.nbor(-1) if token.i > token.sent.start else None
        if before is not None and before.lower_.rstrip(".") in self.titles:
            return False  # "Mrs AB", "Child C" are someone's initials
        if self.defined_in_brackets and self._defined(token):
            return False
        return True

    def _defined(self, token) -> bool:
        """"Digital Care Platform (DCP)", "Bwrdd Diogelu Lleol (BDLl)": the words before the bracket start with
        the acronym's letters (a Welsh digraph, ll, ch, dd ..., counts as one letter or two)."""
        if token.i < 2 or token.nbor(-1).text != "(":
            return False
        letters = token.text.lower()
        words = [t.lower_ for t in token.doc[token.sent.start:token.i - 1] if t.is_alpha]
        words = [w for w in words if w not in self.small_words][-len(letters):]
        for start in range(len(words)):
            tail = words[start:]
            if "".join(w[0] for w in tail) == letters or "".join(_initial(w) for w in tail) == letters:
                return True
        return False


_DIGRAPHS = ("ll", "ch", "dd", "ff", "ng", "ph", "rh", "th")


def _initial(word: str) -> str:
    return word[:2] if word.startswith(_DIGRAPHS) else word[:1]
