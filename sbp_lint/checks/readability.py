"""Hard-to-read sentences and documents, measured with textstat (offline)."""

from __future__ import annotations

from .. import readability as measures
from . import Check, Hit, register


def _words(sent) -> list:
    return [t for t in sent if t.is_alpha]


@register
class LongSentence(Check):
    name = "long_sentence"
    defaults = {"max_words": 25}

    def sentence(self, ctx):
        words = _words(ctx.sent)
        if len(words) > self.options["max_words"]:
            yield Hit(ctx.block, ctx.sent.start_char, ctx.sent.end_char, fields={"words": len(words), "max": self.options["max_words"]})


@register
class LongWords(Check):
    name = "long_words"
    defaults = {"min_syllables": 4, "max_long_words": 3, "ignore": []}

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        self.ignore = {w.lower() for w in self.options["ignore"]}

    def sentence(self, ctx):
        long_words = [t for t in _words(ctx.sent)
                      if len(t) > 7 and t.lower_ not in self.ignore and measures.syllables(t.lower_) >= self.options["min_syllables"]]
        if len(long_words) >= self.options["max_long_words"]:
            yield Hit(ctx.block, ctx.sent.start_char, ctx.sent.end_char,
                      fields={"count": len(long_words), "words": ", ".join(t.text for t in long_words[:5])})


@register
class SentenceGrade(Check):
    name = "sentence_grade"
    defaults = {"max_grade": 14, "min_words": 12}

    def sentence(self, ctx):
        if len(_words(ctx.sent)) < self.options["min_words"]:
            return
        grade = measures.grade(ctx.sent.text)
        if grade > self.options["max_grade"]:
            yield Hit(ctx.block, ctx.sent.start_char, ctx.sent.end_char, fields={"grade": round(grade, 1), "max": self.options["max_grade"]})


@register
class DocumentGrade(Check):
    """The reading grade of the whole document, reported on its first line."""

    name = "document_grade"
    defaults = {"max_grade": 10, "min_words": 100}

    def begin(self, document):
        self._first = None
        self._sentences = 0
        self._words = 0
        self._syllables = 0

    def sentence(self, ctx):
        words = _words(ctx.sent)
        if not words:
            return ()
        if self._first is None:
            self._first = (ctx.block, ctx.sent.start_char, ctx.sent.end_char, ctx.sent.text)
        self._sentences += 1
        self._words += len(words)
        self._syllables += sum(measures.syllables(t.lower_) for t in words)
        return ()

    def end(self):
        if self._first is None or self._words < self.options["min_words"]:
            return
        # Flesch-Kincaid grade over the whole document.
        grade = 0.39 * self._words / self._sentences + 11.8 * self._syllables / self._words - 15.59
        if grade > self.options["max_grade"]:
            block, start, end, sentence = self._first
            yield Hit(block, start, end, sentence, fields={"grade": round(grade, 1), "max": self.options["max_grade"]})
