"""Document-level structure: what a plan or assessment must record."""

from __future__ import annotations

import re

from ..context import is_outcome_heading
from . import Check, Hit, register


def _phrases(words: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.IGNORECASE)


@register
class OutcomesWithoutVoice(Check):
    """An outcomes section where no outcome is in the person's own voice."""

    name = "outcomes_without_voice"
    defaults = {"words": ["i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "fi", "fy", "ni", "ein"]}

    def begin(self, document):
        self.words = {w.lower() for w in self.options["words"]}
        self._sections: dict = {}  # heading path -> [first hit, voiced]

    def sentence(self, ctx):
        if not ctx.outcome or ctx.block.kind == "table_cell" and ctx.block.column_header is None:
            return ()
        key = ctx.block.section or ("",)
        entry = self._sections.setdefault(key, [None, False])
        if entry[0] is None:
            entry[0] = Hit(ctx.block, ctx.sent.start_char, ctx.sent.end_char, ctx.sent.text, fields={"section": key[-1] or "Outcome"})
        start = ctx.block.outcome_start or 0
        if any(t.lower_ in self.words and t.idx >= start and not (t.text == "i" and t.i > ctx.sent.start) for t in ctx.sent):
            entry[1] = True
        return ()

    def end(self):
        return [hit for hit, voiced in self._sections.values() if not voiced]


@register
class NoStrengths(Check):
    """An assessment or plan that records no strengths at all."""

    name = "no_strengths"
    defaults = {
        "document_words": ["assessment", "care and support plan", "support plan", "care plan", "personal plan"],
        "strength_words": ["strength", "strengths", "working well", "good at", "enjoys", "enjoy", "proud",
                           "what matters", "able to", "skills", "support network", "can do", "likes to", "loves"],
        "min_words": 80,
    }

    def begin(self, document):
        self.kind_re = _phrases(self.options["document_words"])
        self.strength_re = _phrases(self.options["strength_words"])
        self._title = None
        self._is_kind = False
        self._has_strength = False
        self._words = 0

    def sentence(self, ctx):
        text = ctx.sent.text
        self._words += len(ctx.sent)
        if self._title is None and ctx.block.kind == "heading":
            self._title = Hit(ctx.block, ctx.sent.start_char, ctx.sent.end_char, text)
        if ctx.block.kind == "heading" and self.kind_re.search(text):
            self._is_kind = True
            if self._title is None or self._title.block is not ctx.block:
                self._title = self._title or Hit(ctx.block, ctx.sent.start_char, ctx.sent.end_char, text)
        if self.strength_re.search(text) or any(self.strength_re.search(h) for h in ctx.block.section):
            self._has_strength = True
        return ()

    def end(self):
        if self._is_kind and not self._has_strength and self._title and self._words >= self.options["min_words"]:
            return [self._title]
        return []


@register
class DecisionWithoutReason(Check):
    """A decision with no reason in the same or the next sentence."""

    name = "decision_without_reason"
    defaults = {
        "decisions": ["it was decided", "it has been decided", "it was agreed", "it has been agreed", "we decided",
                      "we have decided", "we agreed", "the decision was made", "a decision was made",
                      "the decision was taken", "it was felt", "was decided that", "agreed that"],
        "reasons": ["because", "so that", "as", "since", "due to", "in order to", "the reason", "reasons",
                    "so she", "so he", "so they", "so we", "so i", "to keep", "to make sure", "to help", "given that"],
    }

    def begin(self, document):
        self.decision_re = _phrases(self.options["decisions"])
        self.reason_re = _phrases(self.options["reasons"])
        self._open: Hit | None = None  # a decision waiting for its reason in the next sentence

    def sentence(self, ctx):
        hits = []
        text = ctx.sent.text
        has_reason = bool(self.reason_re.search(text))
        if self._open is not None:
            if not has_reason:
                hits.append(self._open)
            self._open = None
        match = self.decision_re.search(text)
        if match and not has_reason and not ctx.quoted(ctx.sent.start_char + match.start(), ctx.sent.start_char + match.end()):
            start = ctx.sent.start_char + match.start()
            self._open = Hit(ctx.block, start, start + len(match.group(0)), text)
        return hits

    def end(self):
        hits = [self._open] if self._open else []
        self._open = None
        return hits
