"""Hard-to-read sentences and documents, measured offline.

Words are spaCy's alphabetic tokens and syllables come from pyphen (textstat's
offline method; see ``sbp_lint/readability.py``), both counted once per sentence
in ``SentenceContext``. Thresholds are rule options (``rules/readability.yaml``)
that a project can override.
"""

from __future__ import annotations

from ..nlp.syllables import fk_grade, syllables
from .base import Check, Hit


class LongSentence(Check):
    name = "long_sentence"
    fields = ("words", "max")
    defaults = {"max_words": 25}

    def sentence(self, ctx):
        count = ctx.word_count
        if count > self.options["max_words"]:
            yield Hit(ctx.block, ctx.sent.start_char, ctx.sent.end_char, fields={"words": count, "max": self.options["max_words"]})


class LongWords(Check):
    """A sentence with several long words (many syllables). Names are not counted."""

    name = "long_words"
    fields = ("count", "words")
    defaults = {"min_syllables": 4, "min_letters": 8, "max_long_words": 2, "ignore": []}

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        self.ignore = {w.lower() for w in self.options["ignore"]}

    def sentence(self, ctx):
        long_words = [t for t in ctx.words if self._long(t)]
        if len(long_words) > self.options["max_long_words"]:
            yield Hit(ctx.block, ctx.sent.start_char, ctx.sent.end_char, fields={"count": len(long_words), "words": ", ".join(t.text for t in long_words[:5])})

    def _long(self, token) -> bool:
        if len(token) < self.options["min_letters"] or token.pos_ == "PROPN" or token.lower_ in self.ignore:
            return False
        return syllables(token.lower_) >= self.options["min_syllables"]


class SentenceGrade(Check):
    """A sentence of ordinary length that is still hard to read (dense with long words).

    Sentences longer than ``max_words`` are left to the long-sentence rule, so one sentence is not
    reported twice for the same problem; set ``max_words`` to 0 to grade every sentence.
    """

    name = "sentence_grade"
    fields = ("grade", "age", "max")
    defaults = {"max_grade": 13, "min_words": 10, "max_words": 25}

    def sentence(self, ctx):
        count = ctx.word_count
        if count < self.options["min_words"] or self.options["max_words"] and count > self.options["max_words"]:
            return
        grade = fk_grade(count, 1, ctx.syllables)
        if grade > self.options["max_grade"]:
            yield Hit(ctx.block, ctx.sent.start_char, ctx.sent.end_char,
                      fields={"grade": round(grade, 1), "age": round(grade + 5), "max": self.options["max_grade"]})


class DocumentGrade(Check):
    """The Flesch-Kincaid grade of the document's running text, reported once, on its first line.

    Headings and fragments shorter than ``min_sentence_words`` (table labels such as "Social worker",
    dates) are left out: they would make any document look easy.
    """

    name = "document_grade"
    fields = ("grade", "age", "max", "max_age", "average")
    defaults = {"max_grade": 6, "min_words": 100, "min_sentence_words": 3}

    def begin(self, document):
        self._first = None
        self._sentences = 0
        self._words = 0
        self._syllables = 0

    def sentence(self, ctx):
        if self._first is None:
            self._first = (ctx.block, ctx.sent.start_char, ctx.sent.end_char, ctx.text)
        count = ctx.word_count
        if ctx.block.kind == "heading" or count < self.options["min_sentence_words"]:
            return ()
        self._sentences += 1
        self._words += count
        self._syllables += ctx.syllables
        return ()

    def end(self):
        if self._first is None or self._words < self.options["min_words"]:
            return
        # Over spaCy's sentences, so a list item without a full stop is a sentence of its own.
        grade = fk_grade(self._words, self._sentences, self._syllables)
        if grade > self.options["max_grade"]:
            block, start, end, sentence = self._first
            yield Hit(block, start, end, sentence, fields={
                "grade": round(grade, 1), "age": round(grade + 5), "max": self.options["max_grade"],
                "max_age": round(self.options["max_grade"] + 5), "average": round(self._words / self._sentences, 1)})
