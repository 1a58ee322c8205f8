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
        if ex.subject_in:
            return any(s.lemma_.lower() in ex.subject_in or s.lower_ in ex.subject_in for s in subjects(span.root))
        return False

    def _patterns(self, rule: Rule) -> tuple[re.Pattern | None, re.Pattern | None]:
        if rule.id not in self._regexes:
            self._regexes[rule.id] = (phrase_regex(rule.exceptions.phrases), phrase_regex(rule.exceptions.sentence_has))
        return self._regexes[rule.id]


def subjects(token) -> list:
    """Grammatical subjects of a verb (or noun) and of the verb it depends on."""
    found = []
    seen = 0
    while token is not None and seen < 4:
        found += [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        found += [g for c in token.children if c.dep_ == "agent" for g in c.children]
        # An adjective complement takes the subject of its copula: "The ward was noisy and chaotic".
        if found or token.dep_ not in ("xcomp", "conj", "ccomp", "dobj", "pobj", "prep", "acl", "acomp", "attr") or token.head.i == token.i:
            break
        token = token.head
        seen += 1
    # "Swansea Council": the head noun decides; its compounds are part of the name.
    return found + [c for s in found for c in s.children if c.dep_ == "compound"]
