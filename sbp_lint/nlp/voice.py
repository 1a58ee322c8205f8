"""Whose words a sentence is in: the person's (or family's) first person, or the writer's.

Read by the outcome checks (an outcome statement needs a first-person word that belongs to the person)
and by the good-practice profile (outcomes in the person's voice). In English a first-person word in a
reporting frame ("Mr Rees told me he hopes...") is the writer's, unless the person's own quoted words
follow; Welsh sentences have words and sentences only (no parse), so ``WelshVoice`` reads word sequences.
"""

from __future__ import annotations

import re

from .welsh import normal

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


def clause_subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


WELSH_VOICE_OPTIONS = {
    # Verb forms that are first person on their own: "Rydw i", "Dw i", "Rwy'n", "Hoffwn", "Byddaf", and
    # the plural ("Rydyn ni", "Hoffem"), for a family speaking together.
    "verb_forms": ["rydw", "rwy", "rwyf", "dw", "dwi", "ydw", "wyf", "oeddwn", "roeddwn", "hoffwn", "licwn",
                   "liciwn", "leiciwn", "byddaf", "fyddaf", "bydda", "fydda", "gallaf", "allaf", "galla", "alla",
                   "baswn", "faswn", "buaswn", "fuaswn", "dylwn", "ddylwn", "gwnes", "wnes", "gwnaf", "wnaf", "wna",
                   "ces", "ges", "cefais", "gefais", "es", "af", "des", "rydyn", "rydym", "dyn", "ryn", "hoffem",
                   "ydyn", "ydym", "byddwn", "fyddwn", "gallwn", "allwn", "roedden", "oedden"],
    # Pronouns and possessives: fi, mi, ni (we), fy (my), 'm (my, after a vowel: "i'm", "gyda'm"), ein (our).
    "words": ["fi", "mi", "ni", "fy", "'m", "ein", "innau", "finnau", "minnau", "ninnau", "imi", "inni"],
    # Prepositions conjugated for "me", before "i": "arna i", "gen i", "amdana i", "ata i".
    "preposition_forms": ["arna", "arnaf", "gen", "gennyf", "amdana", "amdanaf", "ata", "ataf", "ohona", "ohonof",
                          "drosta", "drostaf", "hebdda", "yno", "ynof", "gyda", "efo", "i"],
    # "Dywedodd Mrs Jones wrtha i ...": the listener is the writer; "wrtha i" is never the person's voice.
    "listener_words": ["wrtha", "wrthyf", "wrthym", "wrthon"],
    "reporting_verbs": ["dywedodd", "ddywedodd", "meddai", "esboniodd", "eglurodd", "soniodd", "gofynnodd",
                        "nododd", "adroddodd", "dweud", "esbonio", "egluro", "sôn"],
    # "Rydyn ni'n deall bod Mr Hughes eisiau ...", "Rwy'n credu bod Mrs Lloyd ...": the writer's view.
    "view_verbs": ["deall", "credu", "meddwl", "teimlo", "gwybod", "argymell", "ystyried", "clywed", "awgrymu",
                   "sylwi", "cytuno", "asesu", "gobeithio", "tybio"],
    # "Yn fy marn i ...", "fy asesiad": the writer's frame.
    "view_nouns": ["barn", "farn", "marn", "asesiad", "nealltwriaeth", "dealltwriaeth", "argymhelliad",
                   "argraff", "sylwadau"],
    # "Byddwn ni'n annog Mrs Bevan ...", "Bydda i'n ymweld â Mr Rees": the worker acting for the person.
    "worker_verbs": ["annog", "cefnogi", "helpu", "ymweld", "monitro", "atgoffa", "cyfeirio", "adolygu", "asesu",
                     "cysylltu", "ffonio", "trefnu", "gofyn", "siarad", "sicrhau", "darparu", "goruchwylio",
                     "gwirio", "galw", "hannog", "chefnogi", "helpu"],
    # How a writer names the person.
    "titles": ["mr", "mrs", "ms", "miss", "mx", "dr"],
    "third_person_nouns": ["defnyddiwr", "unigolyn", "claf", "preswylydd", "cleient", "person", "plentyn",
                           "oedolyn", "person ifanc"],
}

_WORD = re.compile(r"[^\W\d_]+|['\u2019][^\W\d_]+")
# Words after which "mi" and "ni" are the particle and the negative, not "me" and "we": "ac ni fydd hi ...".
_CLAUSE_OPENERS = frozenset({"", "ac", "a", "ond", "os", "pan", "fel", "felly", "oherwydd", "achos"})
# Third-person verbs that open a statement about someone else: "Mae Mrs Jones eisiau i mi ...".
_THIRD_PERSON_OPENERS = frozenset({"mae", "hoffai", "bydd", "byddai", "gall", "gallai", "dylai", "roedd", "leiciai",
                                   "licia", "hoffa"})
_THIRD_PERSON_PRONOUNS = frozenset({"hi", "e", "o", "fe", "fo", "nhw", "ef"})


class WelshVoice:
    """Whose words a Welsh outcome statement is in, from its word sequence alone."""

    def __init__(self, options: dict):
        lower = lambda key: {normal(w) for w in options[key]}  # noqa: E731
        self.verb_forms = lower("verb_forms")
        self.words = lower("words")
        self.prepositions = lower("preposition_forms") - {"i", "gyda", "efo"}
        self.listener = lower("listener_words")
        self.reporting = lower("reporting_verbs")
        self.view_verbs = lower("view_verbs")
        self.view_nouns = lower("view_nouns")
        self.worker_verbs = lower("worker_verbs")
        self.titles = lower("titles")
        self.third_nouns = lower("third_person_nouns")

    def voiced(self, ctx, start: int) -> bool:
        """True if the sentence, from ``start``, has a first-person word that is the person's."""
        words = [(m.start() + ctx.sent.start_char, normal(m.group())) for m in _WORD.finditer(ctx.text)]
        words = [(offset, word) for offset, word in words if offset >= start]
        if any(ctx.quoted(offset, offset + len(word)) and self._first_person(words, i) for i, (offset, word) in enumerate(words)):
            return True  # the person's own quoted words
        plain = [w for _o, w in words]
        if self._writer_frame(plain) or self._about_someone_else(ctx, words):
            return False
        return any(self._first_person(words, i) and not ctx.quoted(offset, offset + len(word))
                   for i, (offset, word) in enumerate(words))

    def _first_person(self, words: list[tuple[int, str]], i: int) -> bool:
        word = words[i][1]
        before = words[i - 1][1] if i else ""
        after = words[i + 1][1] if i + 1 < len(words) else ""
        if before in self.listener or word in self.listener:
            return False  # "wrtha i": told me (the writer)
        if word in self.view_nouns or after in self.view_nouns and word in ("fy", "'m"):
            return False  # "yn fy marn i"
        if word in self.verb_forms:
            return True
        if word in ("mi", "ni"):
            # Not the particle "Mi fydd ..." or the negative "Ni fydd ..." that open a clause.
            return i > 0 and before not in _CLAUSE_OPENERS
        if word in self.words:
            return True
        if word == "i":
            # "i" after a first-person verb or preposition is "I"/"me"; otherwise it is "to".
            return before in self.verb_forms or before in self.prepositions
        return False

    def _about_someone_else(self, ctx, words: list[tuple[int, str]]) -> bool:
        """"Mae Mrs Jones eisiau i mi ei helpu", "Hoffai hi weld fy mam": a third-person subject, so any
        first person in the sentence is the writer's."""
        if len(words) < 2 or words[0][1] not in _THIRD_PERSON_OPENERS:
            return False
        offset, subject = words[1]
        written = ctx.block.text[offset:offset + len(subject)]
        return subject in _THIRD_PERSON_PRONOUNS or subject in self.titles or subject in self.third_nouns \
            or (written[:1].isupper() and subject not in self.words)

    def _writer_frame(self, words: list[str]) -> bool:
        """A sentence that reports the person in the third person, in the writer's voice."""
        if not words:
            return False
        named = any(w in self.titles or w in self.third_nouns for w in words)
        if words[0] in self.reporting and words[1:2] and words[1] not in self.verb_forms | self.words:
            return True  # "Dywedodd Mrs Jones ei bod hi eisiau ..."
        if not named:
            return False
        first_title = min(i for i, w in enumerate(words) if w in self.titles or w in self.third_nouns)
        before = words[:first_title]
        # "Rydyn ni'n deall bod Mr Hughes ...", "Byddwn ni'n annog Mrs Bevan ...": first person, then a verb of
        # view or of a worker's act, then the person by title.
        return any(w in self.view_verbs or w in self.worker_verbs for w in before) and \
            any(w in self.verb_forms or w in self.words for w in before)
