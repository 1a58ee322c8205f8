"""Document-level structure: what a plan or assessment must record.

- outcomes_without_voice: an outcomes section where no outcome is in the person's own voice;
- no_strengths: an assessment or plan that records no strengths at all;
- decision_without_reason: a decision ("we decided", "it was agreed") with no reason in the same
  or the next sentence.
"""

from __future__ import annotations

import re

from ..phrases import Phrases
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
    """A decision with no reason in the same or the next sentence.

    The reason can be a phrase ("because", "so that", "due to"), "as"/"since" introducing a clause
    ("as Ffion is now ..."), or a purpose clause ("... to keep her safe"). Arrangements such as
    "we agreed to meet on Monday" are not decisions about the person.
    """

    name = "decision_without_reason"
    defaults = {
        "decisions": ["it was decided", "it has been decided", "it had been decided", "it is decided",
                      "it was agreed", "it has been agreed", "it had been agreed", "it is agreed",
                      "we decided", "we have decided", "we had decided", "we agreed", "we have agreed", "we had agreed",
                      "i decided", "i have decided", "the decision was made", "a decision was made",
                      "the decision has been made", "a decision has been made", "the decision was taken",
                      "a decision was taken", "the team decided", "the panel decided", "the meeting decided",
                      "the conference decided", "the team agreed", "the panel agreed", "the meeting agreed",
                      "the conference agreed", "professionals agreed", "professionals decided"],
        "reasons": ["because", "cos", "so that", "in order to", "in order that", "due to", "owing to", "given that",
                    "the reason", "reason", "reasons", "as a result", "so she", "so he", "so they", "so we", "so i",
                    "so it", "so mr", "so mrs", "so ms", "to keep", "to make sure", "to ensure", "to help",
                    "to protect", "to reduce", "to avoid", "to prevent", "for her safety", "for his safety",
                    "for their safety", "and why", "gan fod", "oherwydd", "achos"],
        "arrangements": ["meet", "visit", "speak", "talk", "phone", "call", "ring", "contact", "review", "email",
                         "write", "catch", "return", "reconvene", "adjourn"],
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        self.decision_re = _phrases(self.options["decisions"])
        self.reason_re = _phrases(self.options["reasons"])
        self.arrangements = {w.lower() for w in self.options["arrangements"]}

    def begin(self, document):
        self._open: Hit | None = None  # a decision waiting for its reason in the next sentence

    def sentence(self, ctx):
        hits = []
        has_reason = None  # looked for only when a decision needs it: most sentences hold none
        if self._open is not None:
            has_reason = self._has_reason(ctx)
            if not has_reason:
                hits.append(self._open)
            self._open = None
        if self.decision_re is None or ctx.block.kind == "heading":
            return hits
        for match in self.decision_re.finditer(ctx.text):
            start = ctx.sent.start_char + match.start()
            end = ctx.sent.start_char + match.end()
            if ctx.quoted(start, end) or self._arrangement(ctx, end) or _reported(ctx.text[:match.start()]):
                continue
            if not (self._has_reason(ctx) if has_reason is None else has_reason):
                self._open = Hit(ctx.block, start, end, ctx.text)
            break
        return hits

    def end(self):
        hits = [self._open] if self._open else []
        self._open = None
        return hits

    def _has_reason(self, ctx) -> bool:
        if self.reason_re and self.reason_re.search(ctx.text):
            return True
        for token in ctx.tokens:
            if token.lower_ in ("as", "since") and (token.dep_ == "mark" or _starts_clause(token)):
                return True  # "as Ffion is now ...", "since he moved ..."
            if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                return True  # a purpose clause: "... to keep her safe"
        return False

    def _arrangement(self, ctx, end: int) -> bool:
        """"We agreed to meet again in May": an arrangement, not a decision about the person."""
        after = [t for t in ctx.tokens if t.idx >= end][:3]
        return len(after) >= 2 and after[0].lower_ == "to" and after[1].lemma_.lower() in self.arrangements


_SUBJECT_WORDS = {"he", "she", "they", "we", "i", "it", "you", "his", "her", "their", "our", "my", "the", "this", "that"}


def _starts_clause(token) -> bool:
    """"as Ffion is now double-handed": "as"/"since" followed by a subject and a verb (the parser may call it a preposition)."""
    doc = token.doc
    if token.i + 2 >= token.sent.end:
        return False
    nxt = doc[token.i + 1]
    if not (nxt.lower_ in _SUBJECT_WORDS or nxt.pos_ == "PROPN"):
        return False
    window = doc[token.i + 2:min(token.i + 6, token.sent.end)]
    return any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in window)


def _reported(before: str) -> bool:
    """"told her what we had decided": the decision is referred to, not recorded here."""
    words = before.lower().split()
    return bool(words) and words[-1] in ("what", "how", "whether", "which", "why", "when")
