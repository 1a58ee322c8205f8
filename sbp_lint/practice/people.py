"""Whose act a clause is: the person the record is about, the people around them, or a professional or thing.

Shared by the strengths and decisions recognisers: "His daughter rings him every evening" is the
person's network at work; "Staff enjoy his sense of humour" is the staff's; "Mr Powell told me he
feels safer" is the person's view; "I said I would ask the agency" is the writer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .data import DataFile

PERSON = "person"  # the person (a name, he/she/they, a note-style fragment, Mum in a child's record)
WRITER = "writer"  # "I", "we": in a plan written in the first person, the person; in notes, the worker
NETWORK = "network"  # the people around them
PROFESSIONAL = "professional"  # staff, services, organisations
THING = "thing"  # anything else, including "you" (a letter's reader, a policy's staff)
PASSIVE = "passive"  # "was admitted", "was told": done to someone, by no one named

_PERSON_PRONOUNS = frozenset({"he", "she", "they"})
_WRITER_PRONOUNS = frozenset({"i", "we"})


@dataclass(frozen=True)
class People:
    network: frozenset[str]
    family: frozenset[str]
    professionals: frozenset[str]
    titles: frozenset[str]
    paid: frozenset[str]

    def noun_class(self, noun) -> str:
        """person | writer | network | professional | thing, for a noun or pronoun."""
        lower, lemma = noun.lower_, noun.lemma_.lower()
        modifiers = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")}
        words = {lower, lemma} | {f"{m} {lower}" for m in modifiers}
        if lower in _PERSON_PRONOUNS:
            return PERSON
        if lower in _WRITER_PRONOUNS:
            return WRITER
        if words & self.professionals or (modifiers & self.paid and lemma in ("carer", "worker", "parent")):
            return PROFESSIONAL
        if lemma in self.network or modifiers & self.network:
            return NETWORK  # "her neighbour Glenys", "his daughter"
        if lower in self.family or lemma in self.family:
            return PERSON
        if noun.text.isupper() and len(noun.text) > 1:
            return THING  # an acronym: "HV completed", "SU refused"
        if noun.pos_ == "PROPN" or any(c.lower_.rstrip(".") in self.titles for c in noun.children):
            return PERSON
        return THING

    def subject_class(self, verb) -> str:
        """Whose act the clause of ``verb`` is (a fragment with no subject is the person's: "Feeds her cat")."""
        subject = clause_subject(verb)
        if subject is None:
            if any(c.dep_ == "auxpass" for c in verb.children):
                return PASSIVE
            if verb.tag_ == "VB" and verb.dep_ == "ROOT":
                return THING  # an instruction: "Use the app at the start of each visit"
            return PERSON
        if subject.dep_ == "nsubjpass":
            return PASSIVE
        return self.noun_class(subject)


def clause_subject(verb):
    """The subject of a verb, or of the verb it is joined to ("He is fond of his cat and feeds her")."""
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl"):
                return child
        if token.dep_ != "conj" or token.head.i == token.i:
            return None
        token = token.head
    return None


@lru_cache(maxsize=1)
def load_people() -> People:
    data = DataFile("people.yaml")
    keys = ("network", "family", "professionals", "titles", "paid")
    data.check_keys(set(keys))
    return People(**{key: data.words(key) for key in keys})
