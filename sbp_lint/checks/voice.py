"""Whose words a sentence is in: the person's (or family's) first person, or the writer's.

Used by the outcome checks: an outcome statement needs a first-person word that belongs to
the person, and a first-person word in a reporting frame ("Mr Rees told me he hopes...") is
the writer's, unless the person's own quoted words follow.
"""

from __future__ import annotations

from .base import Check


VOICE_OPTIONS = {
    "words": ["i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves",
              "fi", "fy", "'m", "\u2019m", "ni", "ein", "innau", "finnau"],
    # "Mr Rees told me ...": the listener is the writer. "Ms Nowak said she would like us to ...":
    # reported speech turns the person's "I" into "she", so any first person left is the writer's.
    "reporting_verbs": ["tell", "say", "explain", "ask", "report", "share", "mention", "inform", "advise",
                        "confirm", "state", "add", "describe", "express"],
    # "We understand that Mr Hughes wants ...", "I think Mrs Lloyd would like ...": the writer's view.
    "view_verbs": ["understand", "think", "believe", "know", "feel", "note", "recommend", "consider", "gather",
                   "hear", "suggest", "observe", "agree", "assess", "hope"],
    # "My understanding is that ...": the writer's frame.
    "view_nouns": ["understanding", "view", "opinion", "assessment", "impression", "recommendation", "belief",
                   "observation", "judgement", "judgment"],
    # "We will encourage Mrs Bevan ...", "I will visit Mrs Bevan ...": the worker acting for the person.
    "worker_verbs": ["encourage", "prompt", "support", "visit", "monitor", "check", "remind", "supervise", "refer",
                     "review", "assess", "help", "contact", "phone", "ring", "arrange", "ask", "speak", "talk"],
    # How a writer names the person: "Mrs Bevan", "the service user".
    "titles": ["mr", "mrs", "ms", "miss", "mx", "dr"],
    "third_person_nouns": ["person", "user", "client", "resident", "patient", "individual", "service user",
                           "young person", "child", "adult"],
    # Lower-case "i" is Welsh "to/for" unless it is the pronoun: after a verb form ("Rydw i", "Hoffwn i")
    # or before an English verb ("i want to go home").
    "welsh_verb_forms": ["rydw", "dw", "ydw", "rwy", "rwyf", "wyf", "oeddwn", "roeddwn", "hoffwn", "gallaf",
                         "allaf", "gallwn", "allwn", "byddaf", "fyddaf", "byddwn", "fyddwn", "baswn", "faswn",
                         "liciwn", "leiciwn", "wnes", "es", "ges", "des", "mi", "dylwn", "ddylwn", "wna", "af"],
    "english_after_i": ["want", "would", "'d", "am", "'m", "will", "'ll", "need", "like", "feel", "can", "hope",
                        "have", "'ve", "wish", "love", "enjoy", "get", "go", "do", "did", "was", "must", "should",
                        "could", "might", "really", "also", "just", "still", "don't", "miss", "think", "know"],
}


class Voice:
    """Whose words an outcome statement is in: the person's (or family's) first person, or the writer's."""

    def __init__(self, options: dict):
        lower = lambda key: {w.lower() for w in options[key]}  # noqa: E731
        self.words = lower("words")
        self.reporting = lower("reporting_verbs")
        self.view_verbs = lower("view_verbs")
        self.view_nouns = lower("view_nouns")
        self.worker_verbs = lower("worker_verbs")
        self.titles = lower("titles")
        self.third_nouns = lower("third_person_nouns")
        self.welsh_forms = lower("welsh_verb_forms")
        self.english_after_i = lower("english_after_i")

    def voiced(self, ctx, start: int) -> bool:
        """True if the sentence, from ``start`` (a character offset), has a first-person word of the person's."""
        reported = self._reported_speech(ctx)
        return any(self._voiced_token(t, ctx, reported) for t in ctx.tokens if t.idx >= start)

    def _voiced_token(self, token, ctx, reported: bool) -> bool:
        if token.lower_ not in self.words:
            return False
        if token.text == "i" and not self._pronoun_i(token):
            return False
        if ctx.quoted(token.idx, token.idx + len(token)):
            return True
        if reported:
            return False
        if token.lower_ in ("me", "us") and self._third_person(clause_subject(token.sent.root)):
            return False  # "Ms Ali wants me to help her": the statement is about her, "me" is the writer
        verb = token.head if token.dep_ != "pobj" else token.head.head
        if verb.lemma_.lower() in self.reporting and token.dep_ in ("dobj", "dative", "iobj", "pobj"):
            return False  # "Mr Rees told me ...": the writer is the listener
        if token.dep_ == "poss" and token.head.lemma_.lower() in self.view_nouns:
            return False  # "My understanding is that ..."
        if token.dep_ == "nsubj" and token.lower_ in ("i", "we"):
            lemma = token.head.lemma_.lower()
            if lemma in self.view_verbs and any(self._third_person(clause_subject(c)) for c in token.head.children if c.dep_ == "ccomp"):
                return False  # "We understand that Mr Hughes wants ..."
            if lemma in self.worker_verbs and self._acts_on_person(token.head):
                return False  # "We will encourage Mrs Bevan ..."
        return True

    def _pronoun_i(self, token) -> bool:
        """Lower-case "i": the pronoun, or Welsh "i" (to/for)?"""
        before = token.nbor(-1).lower_ if token.i > 0 else ""
        after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        return before in self.welsh_forms or after in self.english_after_i

    def _reported_speech(self, ctx) -> bool:
        """The sentence reports what a third person said, without their own words after a colon or in quotes."""
        root = ctx.sent.root
        if root.lemma_.lower() not in self.reporting:
            return False
        subjects = [c for c in root.children if c.dep_ == "nsubj"]
        if not subjects or subjects[0].lower_ in self.words:
            return False
        after = ctx.sent.doc[root.i + 1:min(root.i + 4, ctx.sent.end)]
        return not any(t.text == ":" for t in after)

    def _third_person(self, noun) -> bool:
        """How a writer names the person: "Mrs Bevan", "the service user"."""
        if noun is None:
            return False
        if any(c.dep_ == "poss" and c.lower_ in self.words for c in noun.children):
            return False  # "my son"
        if noun.lemma_.lower() in self.third_nouns or noun.lower_ in self.third_nouns:
            return True
        return any(t.lower_.rstrip(".") in self.titles for t in noun.subtree if t.i < noun.i)

    def _acts_on_person(self, verb) -> bool:
        targets = [c for c in verb.children if c.dep_ in ("dobj", "nsubj") and c.i > verb.i]
        targets += [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") for s in c.children if s.dep_ == "nsubj"]
        targets += [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        return any(self._third_person(t) for t in targets)


class VoiceCheck(Check):
    """A check that judges outcome statements by their voice: the voice options, and a ``Voice`` made from them."""

    defaults = VOICE_OPTIONS

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        self.voice = Voice(self.options)


def clause_subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None
