"""Strengths in ordinary words: "was a postman for 38 years", "feeds her cat every morning",
"taught herself to use a tablet", "her neighbour Glenys pops in daily".

A sentence records a strength when, in one of its main clauses, the person it is about (or the family
caring for a child) can do, does, enjoys, is or has achieved something, or when the people around them
do something for them. What counts is data (``strengths.yaml``): spaCy token patterns by kind, and word
lists for verbs, qualities, roles, times, worries and losses. The grammar decides whose it is:

- the clause's subject: the person (a name, "he", "Mum" in a child's record, a group such as "the boys",
  or no subject in a note-style fragment), their network ("her neighbour Glenys") or a professional or
  thing ("staff", "the day centre", "the house");
- only main clauses count: "Staff enjoy his sense of humour" is the staff's enjoyment, and "He would like
  to go back to the bowls club" is a wish, not yet a strength;
- a sentence that holds a worry ("good at hiding his drinking"), a loss ("used to", "no longer") or a
  negated main clause ("She loves her children but cannot keep them safe") records none, unless the
  negation is itself the achievement ("has not had a drink for eleven months", "has never missed a shift").
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..nlp.anchors import GatedMatcher
from ..phrases import phrase_regex
from .data import DataFile, add_patterns
from .people import WRITER, People, clause_subject, load_people

KINDS = ("ability", "role", "relationship", "interest", "routine", "achievement")
_SUBORDINATE = frozenset({"advcl", "relcl", "ccomp", "acl", "csubj", "pcomp", "parataxis"})
_OTHER_CLAUSES = frozenset({"advcl", "relcl", "acl", "csubj", "parataxis"})  # a clause's words stop at these
_OBJECT_PRONOUNS = frozenset({"her", "him", "them", "me", "us", "his", "their", "she", "he", "they"})
_WISH_AUX = frozenset({"would", "'d", "should", "could", "might", "will", "'ll", "shall"})
_NO_ABILITY = frozenset({"ask", "become", "be", "have", "get", "request", "refuse", "say"})  # "can ask for", "can become"
# Pastimes only with what is grown, followed or supported: "grows tomatoes", not "is growing well".
_PLAIN_PLURALS = frozenset({"days", "weeks", "months", "years", "nights", "mornings", "evenings", "afternoons", "weekends"})
_NEEDS_OBJECT = frozenset({"get", "take", "have", "keep", "put", "do", "come"})  # a routine only with what is done
_TRANSITIVE_ONLY = frozenset({"grow", "follow", "support", "keep", "draw", "play", "watch"})


@dataclass(frozen=True)
class Strength:
    """A strength a sentence records: its kind and what showed it (a label, no document text)."""

    kind: str  # ability | role | relationship | interest | routine | achievement
    cue: str
    who: str = "person"  # person | family (a relative in a child's record: "Nana Farida visits") | network


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, frozenset[str]]
    qualities: frozenset[str]
    roles: frozenset[str]
    times: frozenset[str]
    self_words: frozenset[str]
    places: frozenset[str]
    services: frozenset[str]
    worries: frozenset[str]
    losses: frozenset[str]
    welsh: dict[str, frozenset[str]]


_VERB_KEYS = {"ability", "interest", "support", "role", "achievement", "relationship", "not_yet", "loss"}
_TOP_KEYS = {"verbs", "qualities", "roles", "times", "self_words", "places", "services", "worries",
             "losses", "patterns", "welsh"}


@lru_cache(maxsize=1)
def lexicon_file() -> DataFile:
    return DataFile("strengths.yaml")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = lexicon_file()
    data.check_keys(_TOP_KEYS)
    data.check_keys(_VERB_KEYS, "verbs")
    data.check_keys(set(KINDS), "patterns")
    data.check_keys({"marks", "strength_words", "not_words"}, "welsh")
    return Lexicon(
        verbs={key: data.words("verbs", key) for key in _VERB_KEYS},
        qualities=data.words("qualities"), roles=data.words("roles"), times=data.words("times"),
        self_words=data.words("self_words"), places=data.words("places"), services=data.words("services"),
        worries=data.words("worries"), losses=data.words("losses"),
        welsh={key: data.words("welsh", key) for key in ("marks", "strength_words", "not_words")},
    )


class StrengthRecogniser:
    """Recognises the strength a sentence records, if any. One per vocabulary (see ``recogniser``)."""

    def __init__(self, vocab, lexicon: Lexicon | None = None, people: People | None = None):
        self.lex = lexicon or load_lexicon()
        self.people = people or load_people()
        # Runs on every sentence; most hold no pattern's words, and then it costs a few set tests (anchors.py).
        self.matcher = GatedMatcher(vocab)
        add_patterns(self.matcher, lexicon_file(), lexicon_file().patterns("patterns"))
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        make = vocab.strings.add
        for label, words in (("worry", self.lex.worries), ("loss", self.lex.losses), ("service", self.lex.services)):
            self.phrases.add(label, [_words_doc(vocab, w) for w in sorted(words)])
        self._labels = {make(k): k for k in (*KINDS, "worry", "loss", "service")}
        self._services = phrase_regex(self.lex.services, suffix="s?")

    # -- the sentence ------------------------------------------------------------------------------------
    def recognise(self, sent, tokens: list | None = None) -> Strength | None:
        """The strength ``sent`` (a spaCy Span) records, or None."""
        tokens = tokens if tokens is not None else list(sent)
        words = [t.lower_ for t in tokens]
        if self._welsh(words):
            return self._welsh_strength(words)
        matches = [(self._labels[m], s, e) for m, s, e in self.matcher(sent, tokens)]
        kept = [(k, s, e) for k, s, e in matches if k in KINDS]
        offset = sent.start
        # "has not had a drink", "has never missed a shift": the negation is the achievement
        cover = {offset + i for k, s, e in kept if k == "achievement" for i in range(s, e)}
        if self._vetoed(sent, tokens, cover, offset):
            return None
        main = _main_verbs(sent)
        for kind, start, end in kept:
            verb = _clause_verb(tokens[start])
            if verb is None or self._under_wish(verb):
                if verb is not None:
                    continue  # "She wants to learn to use a computer": not yet
                who = self._fragment(sent)
            else:
                who = self._subject_class(verb)
            if who == "person" or (who == "network" and kind == "relationship"):
                return Strength(kind, f"pattern:{kind}", self._who(verb))
        for verb in main:
            if verb.pos_ not in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "aux") for c in verb.children):
                continue  # "Unannounced visits to continue weekly": a noun at the root is no clause
            found = self._clause(verb, sent)
            if found is not None:
                return dataclasses.replace(found, who=self._who(verb))
        return None

    # -- what rules a sentence out -----------------------------------------------------------------------
    def _vetoed(self, sent, tokens, cover: set[int], offset: int) -> bool:
        for match_id, start, end in self.phrases(sent):  # a PhraseMatcher gives Doc positions, a Matcher Span ones
            label = self._labels[match_id]
            if label in ("worry", "loss") and not any(i in cover for i in range(start, end)):
                if label == "worry" and _harmless(tokens, start - offset, end - offset):
                    continue
                return True
        not_yet = self.lex.verbs["not_yet"]
        for token in tokens:
            if token.dep_ == "neg" and token.i not in cover and not _subordinate(token, sent) \
                    and token.head.lemma_.lower() not in not_yet:  # "does not want", "doesn't need": no loss
                return True
            if token.lower_ == "no" and token.dep_ == "det" and not _subordinate(token, sent):
                return True  # "She has no family in Wales"
        return False

    # -- one main clause ------------------------------------------------------------------------------------
    def _clause(self, verb, sent) -> Strength | None:
        lex = self.lex
        who = self._subject_class(verb)
        if who in ("professional", "thing", "passive"):
            return None
        lemma = verb.lemma_.lower()
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if self._wish_or_loss(verb):
            return None
        if who == "network":
            if lemma in lex.verbs["support"] and (self._refers_to_person(verb, sent) or self._routine(verb)):
                return Strength("relationship", "network:" + lemma)
            return None
        if verb.pos_ == "AUX" or lemma == "be":
            return self._copula(verb)
        if "can" in aux or "ca" in aux:
            if lemma not in _NO_ABILITY:
                return Strength("ability", "can")
        if lemma in lex.verbs["relationship"]:
            return Strength("relationship", "verb:" + lemma)
        if lemma in lex.verbs["achievement"] and verb.tag_ in ("VBD", "VBN") and any(c.dep_ == "dobj" for c in verb.children):
            return Strength("achievement", "verb:" + lemma)
        if lemma in lex.verbs["role"] and (lemma != "work" or _works_somewhere(verb)):
            return Strength("role", "verb:" + lemma)
        if lemma in lex.verbs["interest"] and self._not_service(verb) and (lemma not in _TRANSITIVE_ONLY or _has_object(verb)):
            return Strength("interest", "verb:" + lemma)
        if lemma in ("go", "attend", "come") and self._goes_to_pastime(verb):
            return Strength("interest", "goes to")
        if lemma in lex.verbs["ability"] | lex.verbs["support"]:
            if self._self_reliant(verb):
                return Strength("ability", "own")  # "makes his own packed lunch for the day centre"
            if not self._not_service(verb):
                return None  # "goes to the memory clinic every six months"
            if lemma in _NEEDS_OBJECT and not any(c.dep_ == "dobj" for c in verb.children):
                return None  # "She gets up three times a night": no act of her own, a burden
            if self._routine(verb):
                return Strength("routine", "time")
            if self._for_others(verb):
                return Strength("role", "for others")
        return None

    def _under_wish(self, verb) -> bool:
        """The clause or one it belongs to is a wish, a need or a loss ("wants to learn to ...")."""
        token = verb
        for _ in range(12):
            if token.pos_ in ("VERB", "AUX") and self._wish_or_loss(token):
                return True
            if token.head.i == token.i:
                return False
            token = token.head
        return False

    def _wish_or_loss(self, verb) -> bool:
        """"wants to", "would like to", "will", "lost": not (or no longer) a strength the person has."""
        lemma = verb.lemma_.lower()
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        return lemma in self.lex.verbs["not_yet"] or lemma in self.lex.verbs["loss"] or bool(aux & _WISH_AUX - {"could"})

    def _copula(self, verb) -> Strength | None:
        for child in verb.children:
            if child.dep_ == "acomp" and child.lemma_.lower() in self.lex.qualities:
                return Strength("ability", "quality")
            if child.dep_ == "attr":
                lemma = child.lemma_.lower()
                if lemma in self.lex.roles:
                    family = lemma in self.people.family or lemma in ("mam", "mum", "grandad", "great-grandad", "nan", "nain", "taid")
                    return Strength("relationship" if family else "role", "is a " + lemma)
                if any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in self.lex.qualities for c in child.children):
                    return Strength("ability", "quality")
        return None

    # -- who ------------------------------------------------------------------------------------------------
    def _subject_class(self, verb) -> str:
        """person | network | professional | thing | passive: whose act the clause is ("I"/"we" count as the person)."""
        who = self.people.subject_class(verb)
        return "person" if who == WRITER else who

    def _noun_class(self, noun) -> str:
        who = self.people.noun_class(noun)
        return "person" if who == WRITER else who

    def _who(self, verb) -> str:
        """person | family | network: whose strength it is ("Nana Farida visits three times a week": family)."""
        subject = clause_subject(verb) if verb is not None else None
        if subject is None:
            return "person"
        if self.people.noun_class(subject) == "network":
            return "network"
        words = {subject.lower_, subject.lemma_.lower()} | {c.lower_ for c in subject.children if c.dep_ in ("compound", "amod")}
        return "family" if words & self.people.family else "person"

    def _fragment(self, sent) -> str:
        root = sent.root
        return self._subject_class(root)

    # -- clause details -------------------------------------------------------------------------------------
    def _clause_tokens(self, verb) -> Iterable:
        """The verb's own words: its subtree without the main clauses joined to it."""
        stack = [verb]
        while stack:
            token = stack.pop()
            yield token
            stack.extend(c for c in token.children if not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
                         and c.dep_ not in _OTHER_CLAUSES)

    def _routine(self, verb) -> bool:
        """A time of day or week in the clause: "every morning", "on Fridays", "twice a week", "at breakfast"."""
        times = self.lex.times
        for token in self._clause_tokens(verb):
            lower = token.lower_
            if lower in ("every", "each", "most") and token.head.lower_ in times:
                return True
            if lower in ("daily", "weekly", "nightly", "fortnightly", "twice"):
                return True
            if lower in times and lower.endswith("s") and lower not in _PLAIN_PLURALS and token.dep_ in ("npadvmod", "pobj", "nmod"):
                return True  # "on Fridays", "Sunday mornings"
            if lower in times and token.dep_ == "pobj" and token.head.lower_ in ("on", "at", "before", "after", "over"):
                return True  # "on a Sunday evening", "at breakfast", "over breakfast"
            if lower == "times" and token.i + 2 < len(token.doc) and token.nbor(1).lower_ in ("a", "per") \
                    and token.nbor(2).lower_ in times:
                return True  # "five times a day"
        return False

    def _self_reliant(self, verb) -> bool:
        return any(t.lower_ in self.lex.self_words for t in self._clause_tokens(verb))

    def _for_others(self, verb) -> bool:
        for token in self._clause_tokens(verb):
            if token.dep_ == "prep" and token.lower_ == "for":
                for obj in token.children:
                    if obj.dep_ == "pobj" and (self._noun_class(obj) in ("network", "person") or obj.lower_ in ("everyone", "everybody", "others", "lads", "residents", "neighbours")):
                        return True
            if token.dep_ == "poss" and token.head.dep_ == "dobj" and token.lower_ not in ("her", "his", "their", "my", "its", "our"):
                return True  # "irons her husband's shirts"
            if token.dep_ == "dobj" and (self._noun_class(token) == "network" or token.lemma_.lower() in self.people.family
                                         and any(c.dep_ == "poss" for c in token.children)):
                return True  # "walks his brothers to school", "helps her mum with the shopping list"
        return False

    def _refers_to_person(self, verb, sent) -> bool:
        subject = clause_subject(verb)
        own = set(t.i for t in subject.subtree) if subject is not None else set()
        return any(t.i not in own and (t.lower_ in _OBJECT_PRONOUNS or t.pos_ == "PROPN" or t.lower_ in self.people.family)
                   for t in sent)

    def _not_service(self, verb) -> bool:
        """The clause names no service: "goes to the memory clinic" is care received, not a pastime."""
        text = " ".join(t.lower_ for t in sorted(self._clause_tokens(verb), key=lambda t: t.i))
        return self._services is None or not self._services.search(text)

    def _goes_to_pastime(self, verb) -> bool:
        if not self._not_service(verb):
            return False
        for token in self._clause_tokens(verb):
            if token.dep_ == "pobj" and token.head.lower_ in ("to", "at") and token.lemma_.lower() in self.lex.places:
                return True
            if token.dep_ == "xcomp" and token.tag_ == "VBG":
                return True  # "goes swimming"
        return False

    # -- Welsh ----------------------------------------------------------------------------------------------
    def _welsh(self, words: list[str]) -> bool:
        marks = self.lex.welsh["marks"]
        return sum(1 for w in words if w in marks) >= 2 and not {"the", "and", "is", "to", "of"} & set(words)

    def _welsh_strength(self, words: list[str]) -> Strength | None:
        welsh = self.lex.welsh
        if set(words) & welsh["not_words"]:
            return None
        if set(words) & welsh["strength_words"]:
            return Strength("interest", "welsh")
        return None


def _has_object(verb) -> bool:
    return any(c.dep_ in ("dobj", "prep", "xcomp", "prt") for c in verb.children)


def _works_somewhere(verb) -> bool:
    """"works nights at the care home", "worked as a nurse"; not "is working on it"."""
    return any(c.dep_ == "npadvmod" or c.dep_ == "prep" and c.lower_ in ("as", "at", "for", "in") for c in verb.children)


def _words_doc(vocab, text: str) -> Doc:
    return Doc(vocab, words=text.split())


def _harmless(tokens, start: int, end: int) -> bool:
    """"a hot drink", "a cup of tea and a drink of water": a worry word in its everyday sense."""
    before = tokens[start - 1].lower_ if start > 0 else ""
    after = tokens[end].lower_ if end < len(tokens) else ""
    word = tokens[start].lower_
    return (word in ("drink", "drinks") and (before in ("hot", "soft", "fizzy", "warm", "cold") or after == "of")) \
        or (word == "fall" and after == "asleep")


def _subordinate(token, sent) -> bool:
    """Inside a "when ...", "who ...", "that ..." clause rather than a main clause."""
    while token.i != sent.root.i and token.head.i != token.i:
        if token.dep_ in _SUBORDINATE:
            return True
        token = token.head
    return False


def _main_verbs(sent) -> list:
    """The root and the verbs joined to it by "and"/"but" (and theirs), in order."""
    found, stack = [], [sent.root]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
    return sorted(found, key=lambda t: t.i)


def _clause_verb(token):
    """The verb of the clause a pattern's first word is in (None in a sentence without one)."""
    for _ in range(40):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


_recognisers: dict[int, StrengthRecogniser] = {}


def recogniser(vocab) -> StrengthRecogniser:
    """The recogniser for a pipeline's vocabulary, built once (its Matcher belongs to that vocabulary)."""
    key = id(vocab)
    if key not in _recognisers:
        _recognisers[key] = StrengthRecogniser(vocab)
    return _recognisers[key]


def strength_of(ctx) -> Strength | None:
    """The strength a sentence records, worked out once per sentence for every check and observer that asks."""
    return ctx.shared("strength", lambda c: recogniser(c.sent.doc.vocab).recognise(c.sent, c.tokens))
