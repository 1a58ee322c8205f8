"""Acronyms no rule names: "SAR", "CQC", "TLAP", "AfC".

The jargon pack names the care system's common acronyms one by one, each with its meaning. Records
and reports use many more (boards, reviews, regulators, plans, local teams), and a person reading
their record knows none of them. This check flags any word written mostly in capitals that is not
an everyday acronym (the ``allow`` list: GP, NHS, UK …), so the long tail is covered too.

Not flagged: an acronym another rule already reports (the rule says ``exceptions: {covered: true}``,
so "CAMHS" gets its own message), initials after a title ("Mrs AB", "Child C"), Roman numerals,
ordinary words in capitals for emphasis ("NOT", "URGENT": stop words and the ``shouting`` list), and
sentences written mostly in capitals (headings, shouting).

Nor a pseudonym: reviews and judgments name people by two capitals ("AA", "BB", "CK") with no title.
A two-capital word is read as a name when the sentence shows it is a person (``_named``): it "was a
woman", has "his"/"her" things as the subject of a verb, has a mother or a death ("AA's mother"), is
"aged 78", or is glossed by a title and one of its letters ("CK ('Ms K')"). Once a document has shown
a word to be a name, its later uses are names too. Being the subject of a verb alone is not enough:
"SW visited", "LA decided" are acronyms, and a team or a worker does things too.
"""

from __future__ import annotations

import re

from ..errors import PackError
from .base import Check, Hit

# Nouns that say a subject is a person: "BB was a woman in her late 70s", "AA, a man of 60".
_PERSON_NOUNS = frozenset("""man woman boy girl lady gentleman person adult child baby teenager mother father son daughter
husband wife partner grandmother grandfather widow widower pensioner resident patient""".split())
# What a person has and an organisation does not: "AA's mother", "BB's death".
_KIN = frozenset("""mother father mum dad son daughter sister brother husband wife partner children child grandmother
grandfather grandson granddaughter niece nephew aunt uncle family death birth funeral life siblings sibling""".split())
_PERSONAL = frozenset({"his", "her", "himself", "herself"})
_PERSON_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx"})
# A pseudonym is two capitals: "AA", "CK". A longer run of capitals is an acronym far more often.
_NAME_SHAPE = re.compile(r"^[A-Z]{2}$")

# Past this many letters a run of capitals is an acronym only with at most one vowel: "SSASPB", not "IMPACT".
_SHORT = 5

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
        self.names: set[str] = set()  # two-capital words this document has shown to be people

    def begin(self, document) -> None:
        self.names = set()

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
        if len(letters) > _SHORT and sum(c in "AEIOUaeiou" for c in letters) > 1:
            return False  # "IMPACT", "ACTION": a longer run of capitals with vowels is a word
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
        if _NAME_SHAPE.match(text) and (text in self.names or _named(token)):
            self.names.add(text)  # later uses in this document are the same person
            return False
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


def _named(token) -> bool:
    """Whether the sentence shows a two-capital word to be a person's pseudonym ("AA", "BB")."""
    if any(c.dep_ == "det" for c in token.children):
        return False  # "the LA", "our PO": a name takes no article
    return _is_a_person(token) or _has_personal_things(token) or _possesses_kin(token) or _aged(token) \
        or _glossed_by_title(token)


def _is_a_person(token) -> bool:
    """ "BB was a woman …", "AA, a man in his 60s, …" """
    if token.dep_ in ("nsubj", "nsubjpass"):
        attrs = [c for c in token.head.children if c.dep_ == "attr"] if token.head.lemma_ == "be" else []
        if any(a.lemma_.lower() in _PERSON_NOUNS for a in attrs):
            return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in _PERSON_NOUNS for c in token.children)


def _has_personal_things(token) -> bool:
    """ "AA did not manage his health": the subject's own "his"/"her" thing, or "himself"/"herself", in its clause.
    "SW discussed her care with Mrs Jones" also passes; two-capital worker acronyms have rules of their own."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    for child in verb.children:
        if child.dep_ in ("dobj", "attr") and child.lower_ in ("himself", "herself"):
            return True
        if child.dep_ == "dobj" and any(g.dep_ == "poss" and g.lower_ in _PERSONAL for g in child.children):
            return True
    return False


def _possesses_kin(token) -> bool:
    """ "AA's mother", "BB's death" """
    after = token.nbor(1) if token.i + 1 < token.sent.end else None
    return bool(after is not None and after.dep_ == "case" and token.dep_ == "poss"
                and token.head.lemma_.lower() in _KIN)


def _aged(token) -> bool:
    """ "AA (aged 78)", "BB, aged 45" """
    following = [t.lower_ for t in token.doc[token.i + 1:min(token.i + 3, token.sent.end)]]
    return any(w in ("aged", "age") for w in following)


def _glossed_by_title(token) -> bool:
    """ "CK ('C' or 'Ms K')": a title with one of the word's letters in the same sentence."""
    words = list(token.sent)
    return any(w.lower_.rstrip(".") in _PERSON_TITLES and nxt.text in token.text and len(nxt.text) == 1
               for w, nxt in zip(words, words[1:]))


_DIGRAPHS = ("ll", "ch", "dd", "ff", "ng", "ph", "rh", "th")


def _initial(word: str) -> str:
    return word[:2] if word.startswith(_DIGRAPHS) else word[:1]
