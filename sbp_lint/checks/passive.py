"""Agentless passive voice, from the dependency parse.

Counts a finite passive (a form of be/get + a past participle used as a verb)
with no "by ..." agent. Not counted: non-finite passives ("after being
referred", "to be reviewed"), adjectival participles ("worried", "involved in",
"safe and protected"), "be born", and passives with an agent.
"""

from __future__ import annotations

from . import Check, Hit, register

_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


@register
class Passive(Check):
    name = "passive"
    defaults = {
        "only_verbs": [],  # report only these lemmas (e.g. decision verbs)
        "except_verbs": [],  # never report these lemmas
        "stative": [],  # participles that are adjectives after "be" (worried, involved, ...)
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        self.only = {v.lower() for v in self.options["only_verbs"]}
        self.excluded = {v.lower() for v in self.options["except_verbs"]}
        self.stative = {v.lower() for v in self.options["stative"]}

    def sentence(self, ctx):
        for token in ctx.sent:
            group = self._passive_group(token)
            if group is None:
                continue
            lemma = token.lemma_.lower()
            if (self.only and lemma not in self.only) or lemma in self.excluded:
                continue
            start = min(t.idx for t in group)
            yield Hit(ctx.block, start, token.idx + len(token), fields={"lemma": lemma})

    def _passive_group(self, verb):
        """The verb group ("was not told") if ``verb`` heads an agentless finite passive."""
        if verb.tag_ != "VBN":
            return None
        word = verb.lower_
        if word in self.stative or verb.lemma_.lower() in ("bear",) and word == "born":
            return None
        children = list(verb.children)
        if any(c.dep_ == "agent" for c in children):
            return None
        if verb.dep_ == "conj" and verb.head.pos_ == "ADJ" or any(c.dep_ == "conj" and c.pos_ == "ADJ" for c in children):
            return None  # "safe and protected": adjectival
        auxpass = [c for c in children if c.dep_ == "auxpass"]
        if not auxpass and verb.dep_ in ("acomp", "xcomp", "oprd") and verb.head.lemma_ == "get":
            # "He got sectioned": get + participle
            return self._finite([verb.head] + [c for c in verb.head.children if c.dep_ in ("aux", "neg")], verb)
        if not auxpass:
            return None
        if auxpass[0].lemma_ not in ("be", "get"):
            return None
        helpers = auxpass + [c for c in children if c.dep_ in ("aux", "neg") and c.i < verb.i]
        return self._finite(helpers, verb)

    @staticmethod
    def _finite(helpers, verb):
        if not any(h.tag_ in _FINITE_TAGS for h in helpers):
            return None  # "to be reviewed", "after being referred"
        if any(h.lower_ == "to" for h in helpers):
            return None
        return sorted(helpers + [verb], key=lambda t: t.i)
