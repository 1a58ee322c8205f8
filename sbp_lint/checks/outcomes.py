"""Outcome statements in the person's own voice.

An outcome statement (in an outcomes section, or after "Outcome:") needs a
first-person word: the person, or the family speaking together. A first-person
word in a reporting frame ("Mr Rees told me he hopes...") is the writer's,
unless the person's own quoted words follow.
"""

from __future__ import annotations

from . import Check, Hit, register


@register
class FirstPerson(Check):
    name = "first_person"
    defaults = {
        "words": ["i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves",
                  "fi", "fy", "'m", "\u2019m", "ni", "ein", "innau", "finnau"],
        "reporting_verbs": ["tell", "say", "explain", "ask", "report", "share", "mention", "inform", "advise", "confirm"],
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        self.words = {w.lower() for w in self.options["words"]}
        self.reporting = {w.lower() for w in self.options["reporting_verbs"]}

    def begin(self, document):
        self._pending = None  # (block, first sentence span) of the statement being read
        self._voiced = False

    def sentence(self, ctx):
        if not ctx.outcome:
            return self._flush(None)
        block = ctx.block
        hits = list(self._flush(block)) if self._pending and self._pending[0] is not block else []
        start = max(ctx.sent.start_char, block.outcome_start or 0)
        if self._pending is None:
            end = ctx.sent.end_char
            self._pending = (block, start, end, ctx.sent.text)
            self._voiced = False
        if any(self._voiced_token(t, ctx) for t in ctx.sent if t.idx >= start):
            self._voiced = True
        return hits

    def end(self):
        return self._flush(None)

    def _flush(self, block):
        pending, voiced = self._pending, self._voiced
        self._pending = None
        if pending is None or voiced:
            return []
        holder, start, end, sentence = pending
        text = holder.text[start:end].rstrip()
        return [Hit(holder, start, start + len(text), sentence)]

    def _voiced_token(self, token, ctx) -> bool:
        """A first-person word that is the person's, not the writer's."""
        if token.lower_ not in self.words:
            return False
        if token.lower_ == "i" and token.text == "i" and token.i > token.sent.start and token.nbor(-1).lower_ not in ("rydw", "dw", "ydw", "rwy", "wyf", "hoffwn", "gallaf", "mae", "yn"):
            # Lower-case "i" is Welsh "to/for" unless it follows a verb form ("Rydw i").
            return False
        if ctx.quoted(token.idx, token.idx + len(token)):
            return True
        verb = token.head if token.dep_ != "pobj" else token.head.head
        if verb.lemma_.lower() in self.reporting and token.dep_ in ("dobj", "dative", "iobj", "pobj"):
            return False  # "Mr Rees told me ...": the writer is the listener
        return True
