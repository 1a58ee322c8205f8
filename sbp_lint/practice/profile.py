"""The good-practice profile of a document: what it does well, counted while it is checked.

A strengths-based record is defined as much by what is there as by what is not: the person's strengths,
their own words, outcomes in their voice, decisions explained. Observers see every sentence in the same
pass as the checks (one parse, and the work on a sentence is shared with the checks that ask the same
question: ``SentenceContext.shared``) and count, rather than report. The profile is numbers only, so
it may go into caches and reports without any document text.
"""

from __future__ import annotations

from typing import ClassVar

from ..findings import PROFILE_KEYS
from ..nlp.language import WELSH
from ..nlp.voice import VOICE_OPTIONS, WELSH_VOICE_OPTIONS, Voice, WelshVoice
from . import decisions
from .decisions import DecisionTracker
from .strengths import strength_of

# Which sentences an observer reads: "en" needs spaCy's tags and parse, which Welsh sentences do not have
# (nlp/welsh.py gives words and sentences only); an observer that reads words alone reads both.
ENGLISH_ONLY = ("en",)
BOTH_LANGUAGES = ("en", "cy")

OWN_WORDS_MIN = 3  # words in a quotation for it to be a passage in the person's own words, not a term in quotes


class Observer:
    """Sees every sentence of a document, as a check does, and counts what it finds."""

    keys: ClassVar[tuple[str, ...]] = ()
    languages: ClassVar[tuple[str, ...]] = ENGLISH_ONLY  # the languages of the sentences it is shown

    def begin(self, document) -> None:
        self.counts = dict.fromkeys(self.keys, 0)

    def sentence(self, ctx) -> None:
        """One sentence, in document order (headings included)."""

    def end(self) -> dict[str, int]:
        return self.counts


class Words(Observer):
    """All words, and the Welsh ones apart: strengths and decisions are looked for in English only, so a
    record with no English in it has no strengths found because none were looked for."""

    keys = ("words", "words_welsh")
    languages = BOTH_LANGUAGES

    def sentence(self, ctx) -> None:
        self.counts["words"] += ctx.word_count
        if ctx.block.language == WELSH:
            self.counts["words_welsh"] += ctx.word_count


class Strengths(Observer):
    """Sentences that record a strength (``practice.strengths``), the person's own words included."""

    keys = ("strengths",)

    def sentence(self, ctx) -> None:
        if ctx.block.kind != "heading" and strength_of(ctx) is not None:
            self.counts["strengths"] += 1


class OwnWords(Observer):
    """Passages in the person's own words: quotations of a few words or more, and block quotes."""

    keys = ("own_words",)
    languages = BOTH_LANGUAGES  # quotation marks and block quotes, in either language

    def begin(self, document) -> None:
        super().begin(document)
        self._seen: set[tuple[int, int]] = set()  # (block, quotation start): a quotation may span sentences

    def sentence(self, ctx) -> None:
        block = ctx.block
        if block.kind == "heading":
            return
        if block.quoted:
            self._count((id(block), -1))
            return
        for start, end in ctx.quotes:
            if ctx.sent.start_char <= start < ctx.sent.end_char and len(block.text[start:end].split()) >= OWN_WORDS_MIN:
                self._count((id(block), start))

    def _count(self, key: tuple[int, int]) -> None:
        if key not in self._seen:
            self._seen.add(key)
            self.counts["own_words"] += 1


class Outcomes(Observer):
    """Outcome sentences (as the outcome checks judge them), and those in the person's own voice."""

    keys = ("outcomes", "outcomes_first_person")
    languages = BOTH_LANGUAGES  # a Welsh outcome's voice is read from its words, as cy_first_person reads it

    def __init__(self) -> None:
        self.voice = Voice(VOICE_OPTIONS)
        self.welsh_voice = WelshVoice(WELSH_VOICE_OPTIONS)

    def sentence(self, ctx) -> None:
        if not ctx.outcome:
            return
        self.counts["outcomes"] += 1
        start = max(ctx.sent.start_char, ctx.block.outcome_start or 0)
        voice = self.welsh_voice if ctx.block.language == WELSH else self.voice
        if voice.voiced(ctx, start):
            self.counts["outcomes_first_person"] += 1


class Decisions(Observer):
    """Decisions, and those the record explains (``practice.decisions``)."""

    keys = ("decisions", "decisions_explained")

    def __init__(self) -> None:
        self.tracker = DecisionTracker(decisions.recogniser())

    def begin(self, document) -> None:
        super().begin(document)
        self.tracker.begin()

    def sentence(self, ctx) -> None:
        self._count(self.tracker.sentence(ctx))

    def end(self) -> dict[str, int]:
        self._count(self.tracker.end())
        return self.counts

    def _count(self, settled) -> None:
        for found in settled:
            self.counts["decisions"] += 1
            self.counts["decisions_explained"] += found.explained


class ProfileBuilder:
    """The observers of one engine; ``end`` gives the profile of the document just read."""

    def __init__(self, observers: list[Observer] | None = None):
        self.observers = observers if observers is not None else [Words(), Strengths(), OwnWords(), Outcomes(), Decisions()]

    def begin(self, document) -> None:
        for observer in self.observers:
            observer.begin(document)

    def sentence(self, ctx) -> None:
        """Strengths and decisions are recognised in English sentences only (their patterns need a parse)."""
        for observer in self.observers:
            if ctx.block.language in observer.languages:
                observer.sentence(ctx)

    def end(self) -> dict[str, int]:
        profile: dict[str, int] = {}
        for observer in self.observers:
            profile.update(observer.end())
        return {key: int(profile.get(key, 0)) for key in PROFILE_KEYS}
