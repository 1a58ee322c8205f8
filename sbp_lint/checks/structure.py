"""Document-level structure: what a plan or assessment must record.

- outcomes_without_voice: an outcomes section where no outcome is in the person's own voice;
- no_strengths (``elements.py``): an assessment or plan that records no strengths at all;
- decision_without_reason: a decision ("we decided", "it was agreed") with no reason, and no view of the
  person, in its sentence or the sentences either side of it (``practice.decisions``).
"""

from __future__ import annotations

from ..practice import decisions
from ..practice.decisions import DecisionTracker
from .base import Check, Hit
from .voice import VoiceCheck


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
