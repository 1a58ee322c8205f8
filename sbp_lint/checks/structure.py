"""Document-level structure: what a plan or assessment must record.

- outcomes_without_voice: an outcomes section where no outcome is in the person's own voice;
- no_strengths: an assessment or plan that records no strengths at all;
- decision_without_reason: a decision ("we decided", "it was agreed") with no reason in the same
  or the next sentence.
"""

from __future__ import annotations

import re

from ..phrases import Phrases
from ..practice import decisions
from ..practice.decisions import DecisionTracker
from .base import Check, Hit
from .voice import VoiceCheck


def _phrases(words: list[str]) -> Phrases | None:
    return Phrases(words, edge=r"\w-", gap=r"\s+") if words else None


class OutcomesWithoutVoice(VoiceCheck):
    """An outcomes section (or outcome column of a plan table) where no outcome is in the person's voice.

    Reported once per section, on its heading. "Outcome:" lines elsewhere in a document are single
    statements, not a section, and are left to the outcome-statement rule.
    """

    name = "outcomes_without_voice"
    fields = ("section", "count", "plural")

    def begin(self, document):
        self._headings: dict[tuple, Hit] = {}  # heading path -> the heading itself
        self._sections: dict[tuple, list] = {}  # heading path -> [hit, statements, voiced]

    def sentence(self, ctx):
        block = ctx.block
        if block.kind == "heading":
            key = block.section + (block.text.strip(),)  # a heading's own section holds its parents only
            self._headings.setdefault(key, Hit(block, ctx.sent.start_char, ctx.sent.end_char, ctx.text))
            return ()
        if not ctx.outcome or block.outcome_from not in ("section", "column"):
            return ()
        key = block.section or ("",)
        entry = self._sections.get(key)
        if entry is None:
            hit = self._headings.get(key) or Hit(block, ctx.sent.start_char, ctx.sent.end_char, ctx.text)
            entry = self._sections[key] = [hit, 0, False]
        entry[1] += 1  # statements are sentences, as the outcome checks judge them
        if not entry[2] and self.voice.voiced(ctx, max(ctx.sent.start_char, block.outcome_start or 0)):
            entry[2] = True
        return ()

    def end(self):
        hits = []
        for key, (hit, count, voiced) in self._sections.items():
            if not voiced:
                hit.fields.update(section=key[-1] or "Outcomes", count=count, plural="" if count == 1 else "s")
                hits.append(hit)
        return hits


class NoStrengths(Check):
    """An assessment or plan that records no strengths at all.

    Only documents whose title or a heading names an assessment or plan, and that are long enough to
    be one, are checked. A strength is a strength word in the body text, or any text under a
    strengths heading ("What is working well") that is not "none".
    """

    name = "no_strengths"
    defaults = {
        "document_words": ["assessment", "care and support plan", "support plan", "care plan", "personal plan",
                           "cynllun gofal a chymorth", "asesiad"],
        "strength_headings": ["strength", "strengths", "working well", "what is going well", "what i can do",
                              "what i am good at", "cryfderau"],
        "strength_words": ["strength", "strengths", "working well", "going well", "good at", "good with", "enjoys",
                           "enjoy", "enjoyed", "proud", "able to", "skills", "skilled", "support network", "can do",
                           "likes to", "loves", "love", "interests", "hobbies", "supportive", "resilient", "resourceful",
                           "determined", "knows her own mind", "knows his own mind", "independent", "manages",
                           "managed", "motivated", "confident", "kind", "caring", "helpful", "protective factor",
                           "positive", "close relationship", "is good", "are good", "achieved", "achievement"],
        "none_words": ["none", "none identified", "not known", "n/a", "nil", "no strengths"],
        "min_words": 80,
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        self.kind_re = _phrases(self.options["document_words"])
        self.heading_re = _phrases(self.options["strength_headings"])
        self.strength_re = _phrases(self.options["strength_words"])
        self.none_re = re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in self.options["none_words"]) + r")\W*$", re.IGNORECASE) \
            if self.options["none_words"] else None

    def begin(self, document):
        self._title: Hit | None = None
        self._is_kind = False
        self._has_strength = False
        self._words = 0

    def sentence(self, ctx):
        text = ctx.text
        block = ctx.block
        if block.kind == "heading":
            if self._title is None:
                self._title = Hit(block, ctx.sent.start_char, ctx.sent.end_char, text)
            if self.kind_re and self.kind_re.search(text):
                self._is_kind = True
            return ()
        self._words += ctx.word_count
        if self._title is None:
            self._title = Hit(block, ctx.sent.start_char, ctx.sent.end_char, text)
            if self.kind_re and self.kind_re.search(text):
                self._is_kind = True  # a first line such as "Carer's assessment for ..." without a heading
        if self._has_strength:
            return ()
        under_heading = self.heading_re and any(self.heading_re.search(h) for h in block.section)
        if under_heading and not (self.none_re and self.none_re.match(text)):
            self._has_strength = True
        elif self.strength_re and self.strength_re.search(text) and not ctx.quoted(ctx.sent.start_char, ctx.sent.end_char):
            self._has_strength = True
        return ()

    def end(self):
        if self._is_kind and not self._has_strength and self._title and self._words >= self.options["min_words"]:
            return [self._title]
        return []


class DecisionWithoutReason(Check):
    """A decision the record does not explain: no reason, and no view of the person or their family, in its
    sentence or the sentence before or after it in the same section (``practice.decisions``).

    A line that introduces a list ("We agreed these outcomes:"), an arrangement to meet ("We agreed to meet
    again in May"), a decision still to be made and a decision in the person's own quoted words are not
    reported.
    """

    name = "decision_without_reason"

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        self.tracker = DecisionTracker(decisions.recogniser())

    def begin(self, document):
        self.tracker.begin()

    def sentence(self, ctx):
        return self._hits(self.tracker.sentence(ctx))

    def end(self):
        return self._hits(self.tracker.end())

    @staticmethod
    def _hits(settled) -> list[Hit]:
        return [Hit(s.ctx.block, s.decision.start, s.decision.end, s.ctx.text) for s in settled if not s.explained]
