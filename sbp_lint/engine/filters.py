"""Whether a match is a finding: its place (scope, the person's quoted words, skipped code) and
the rule's declared exceptions (a longer ordinary phrase, the words around it, the verb's subject)."""

from __future__ import annotations

import re

from ..nlp.context import SentenceContext
from ..packs import Rule
from ..phrases import phrase_regex

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "poss", "csubj")


def placed(rule: Rule, ctx: SentenceContext, start: int, end: int) -> bool:
    """Scope, the person's quoted words and skipped code."""
    if ctx.skipped(start, end):
        return False
    if rule.scope == "outcome" and not ctx.in_outcome(start):
        return False
    if rule.scope == "not_outcome" and ctx.in_outcome(start):
        return False
    return rule.in_quotes or not ctx.quoted(start, end)


class Exceptions:
    """A rule's ``exceptions``, with the regular expressions of its phrase lists compiled once."""

    def __init__(self) -> None:
        self._regexes: dict[str, tuple[re.Pattern | None, re.Pattern | None]] = {}

    def applies(self, rule: Rule, span, ctx: SentenceContext) -> bool:
        ex = rule.exceptions
        sent = ctx.sent
        if ex.phrases or ex.sentence_has:
            around, anywhere = self._patterns(rule)
            offset = sent.start_char
            if around is not None:
                for m in around.finditer(ctx.text):
                    if m.start() + offset < span.end_char and span.start_char < m.end() + offset:
                        return True
            if anywhere is not None and anywhere.search(ctx.text):
                return True
        doc = span.doc
        if ex.preceded_by:
            before = doc[max(sent.start, span.start - ex.window):span.start]
            if any(t.lower_ in ex.preceded_by or t.lemma_.lower() in ex.preceded_by for t in before):
                return True
        if ex.followed_by:
            after = doc[span.end:min(sent.end, span.end + ex.window)]
            if any(t.lower_ in ex.followed_by or t.lemma_.lower() in ex.followed_by for t in after):
                return True
        if ex.passive and any(c.dep_ in ("auxpass", "nsubjpass") for c in span.root.children):
            return True
        if ex.object_in and any(o.lemma_.lower() in ex.object_in or o.lower_ in ex.object_in for o in objects(span)):
            return True
        if ex.subject_in:
            return any(s.lemma_.lower() in ex.subject_in or s.lower_ in ex.subject_in for s in subjects(span.root))
        return False

    def _patterns(self, rule: Rule) -> tuple[re.Pattern | None, re.Pattern | None]:
        if rule.id not in self._regexes:
            self._regexes[rule.id] = (phrase_regex(rule.exceptions.phrases), phrase_regex(rule.exceptions.sentence_has))
        return self._regexes[rule.id]


# A non-finite verb or a noun takes its subject from the clause above it, through these links:
# "failed to consult" (xcomp), "at fault for failing" (pcomp), ", failed to consider" (advcl) ...
_CLIMB = ("xcomp", "conj", "ccomp", "dobj", "pobj", "prep", "acl", "acomp", "attr", "pcomp", "advcl")
# Prepositions whose object is who or what the verb acts on: "engage with families", "the delivery of a bed".
_OBJECT_PREPS = ("with", "to", "from", "in", "of")


def subjects(token) -> list:
    """Grammatical subjects of a verb (or noun) and of the verb it depends on.

    Climbing through a preposition to a verb with a direct object takes that object as the subject
    (object control): in "we find the Council at fault for failing to …" the Council is the one failing.
    """
    found = []
    seen = 0
    via_prep = False
    while token is not None and seen < 6:
        found += [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        found += [g for c in token.children if c.dep_ == "agent" for g in c.children]
        if via_prep and token.pos_ in ("VERB", "AUX"):
            controller = [c for c in token.children if c.dep_ == "dobj"]
            if controller:
                found = controller
        # An adjective complement takes the subject of its copula: "The ward was noisy and chaotic".
        if found or token.dep_ not in _CLIMB or token.head.i == token.i:
            break
        via_prep = via_prep or token.dep_ in ("prep", "pcomp")
        token = token.head
        seen += 1
    # "Swansea Council", "the Care Home": a name's compounds are part of it. A common noun's are not:
    # "the service user" is a person, not a service.
    return found + [c for s in found if s.pos_ == "PROPN" for c in s.children if c.dep_ == "compound"]


def objects(span) -> list:
    """Who or what the matched words act on: direct objects and objects of with/to/from/in outside the span."""
    inside = range(span.start, span.end)
    found = []
    for token in span:
        for child in token.children:
            if child.i in inside:
                continue
            if child.dep_ in ("dobj", "dative"):
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS:
                found += [o for o in child.children if o.dep_ == "pobj"]
    return found
