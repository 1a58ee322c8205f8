"""Outcome statements in Welsh: in the person's own voice (cy_first_person) and about their life, not a
service (cy_service_outcome).

Welsh sentences come with words and sentences only (nlp/welsh.py: no tags, no parse), so these checks
read word sequences, as a Welsh reader would: "Rydw i", "Dw i", "Hoffwn i", "fy", "i mi" are first
person; "i" on its own is the preposition "to" ("mynd i'r côr"). The statement logic (one finding per
outcome statement, on its first sentence) is FirstPerson's; only the voice differs.
"""

from __future__ import annotations

import re

from ..nlp.mutations import VOWELS, expand_phrases
from ..nlp.voice import WELSH_VOICE_OPTIONS, WelshVoice
from ..nlp.welsh import normal
from ..phrases import phrase_regex
from .base import Check, Hit
from .outcomes import FirstPerson, _merge


class WelshFirstPerson(FirstPerson):
    """A Welsh outcome statement with no first-person word that belongs to the person (or family)."""

    name = "cy_first_person"
    defaults = WELSH_VOICE_OPTIONS

    def __init__(self, rule, nlp=None):
        Check.__init__(self, rule, nlp)  # FirstPerson's own init builds the English Voice
        self.voice = WelshVoice(self.options)


def _regex(phrases: list[str]):
    """Welsh phrases in every mutated form, as whole words, with any spacing and either apostrophe."""
    forms = expand_phrases([normal(p) for p in phrases])
    return phrase_regex([f.replace("\u2019", "'") for f in forms], edge=r"\w'’", edge_after=r"\w", gap=r"\s+")


class WelshServiceOutcome(Check):
    """A Welsh outcome that names a service, equipment provided, a worker to come or staff doing things,
    instead of a change in the person's life.

    - a service or provision anywhere in the statement ("canolfan ddydd", "gofal seibiant", "pecyn gofal");
    - equipment, unless it is the person's own ("lifft grisiau", but not "fy lifft grisiau");
    - asking for a worker ("Dw i eisiau gofalwr bob bore", "angen gweithiwr cymorth");
    - staff as the actor ("Bydd y gofalwyr yn ...", "Bydd staff yn ei hannog");
    - a service verb ("mynychu", "derbyn gofal", "cydymffurfio", "ymgysylltu â", "cael ei gyfeirio").
    """

    name = "cy_service_outcome"
    defaults = {
        "services": [],
        "equipment": [],
        "workers": [],  # a worker as what the person wants: after want_words
        "want_words": [],  # eisiau, angen, cael, isio, moyn ...
        "staff": [],  # staff as the actor: after "bydd/bydd y/mae'r"
        "staff_openers": [],
        "service_verbs": [],  # a service whatever follows
        "own_words": ["fy", "'m", "ein", "ei", "eu"],
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        opt = self.options
        self.services = _regex(opt["services"])
        self.equipment = _regex(opt["equipment"])
        self.service_verbs = _regex(opt["service_verbs"])
        workers = [w for w in opt["workers"]]
        self.wanted = _phrase_pair(opt["want_words"], ["", "y ", "yr ", "'r ", "rhywun fel "], workers)
        self.staff = _phrase_pair(opt["staff_openers"], ["y ", "yr ", "'r ", ""], [s + " yn" for s in opt["staff"]] +
                                  [s + "'n" for s in opt["staff"]])
        self.own = {normal(w) for w in opt["own_words"]}

    def sentence(self, ctx):
        if not ctx.outcome:
            return
        start = max(ctx.sent.start_char, ctx.block.outcome_start or 0)
        text = ctx.text.replace("\u2019", "'")
        offset = ctx.sent.start_char
        spans = []
        for regex, owned_ok in ((self.services, False), (self.service_verbs, False), (self.wanted, False),
                                (self.staff, False), (self.equipment, True)):
            if regex is None:
                continue
            for m in regex.finditer(text):
                if owned_ok and self._owned(text, m.start()):
                    continue
                spans.append((offset + m.start(), offset + m.end()))
        for s, e in _merge(sorted(sp for sp in spans if sp[0] >= start)):
            yield Hit(ctx.block, s, e)

    def _owned(self, text: str, at: int) -> bool:
        """"fy lifft grisiau", "gyda'm ffrâm": the person's own equipment."""
        before = re.findall(r"[^\W\d_]+|'[^\W\d_]+", text[:at].lower())
        return bool(before) and before[-1] in self.own


def _phrase_pair(firsts: list[str], joins: list[str], seconds: list[str]):
    """Any of ``firsts``, then one of ``joins``, then any of ``seconds`` (each in its mutated forms)."""
    if not firsts or not seconds:
        return None
    return _regex([f"{a} {j}{b}".replace(" '", "'") for a in firsts for j in joins for b in seconds])


class WelshPassive(Check):
    """The Welsh periphrastic passive with no one doing it: "Cafodd hi ei chyfeirio at y tîm",
    "Mae e wedi cael ei asesu", "Cewch eich cyfweld", "wedi'i symud". With "gan" after it the actor is named
    ("gan ei meddyg teulu") and it is not reported.

    After "cael" + a possessive (ei, eu, fy, dy, ein, eich) the verb-noun class is open: the tokenizer gives no
    part of speech, so a word counts as a verb-noun when it is listed (``verbs``, for stems like "gwneud",
    "trafod") or has a verb-noun ending (``open_endings``: -u, -i, -io, -o, -oi, -eu, -hau: "defnyddio",
    "penodi", "cwblhau", "creu"). "cael" + possessive + noun is "to have/receive one's ...": "Cafodd ei ginio",
    "cael ei thabledi", "cael eu harian"; nouns with a verb-noun ending are listed in ``not_passive``
    (cinio, teulu, tabledi ...), and plural -au, -on, -ion never end a verb-noun. "wedi'i" + verb-noun keeps to
    the listed verbs: "wedi'i leoli" (located) is as often a state as an act.

    A non-finite passive is not a clause and is not counted (the domain guide's definition): "cael" straight
    after "i", "o", "rhag", "heb", "cyn", "wrth" or "ar ôl" ("mewn perygl o gael ei gam-drin", "ar ôl cael ei
    gyfeirio", "ceisiadau i gael eu gwneud", "Dw i eisiau cael fy nghyfeirio"). "Rhaid i'r cynllun gael ei lunio" has a subject and is counted.
    """

    name = "cy_passive"
    defaults = {
        "auxiliaries": ["cafodd", "cawsant", "cawson", "cafwyd", "cael", "gael", "chael", "chafodd", "gafodd", "caiff",
                        "gaiff", "chaiff", "cânt", "gânt", "chânt", "cewch", "gewch", "chewch", "cefais", "gefais",
                        "ces", "ges", "cawsom", "gawsom", "cei", "gei", "caf", "gaf", "cawn", "gawn"],
        "verbs": [],  # verb-nouns in their dictionary form: asesu, cyfeirio ... (and stems: gwneud, trafod)
        "possessives": ["ei", "eu", "'i", "'u", "fy", "dy", "ein", "eich"],
        "open_endings": ["u", "i", "io", "o", "oi", "eu", "hau"],
        "not_passive": [],  # nouns with a verb-noun ending (cinio, teulu, tabledi), and geni, magu
        # Prepositions, and verbs of wanting ("Dw i eisiau cael fy nghyfeirio": want to be referred).
        "non_finite_before": ["i", "o", "rhag", "heb", "cyn", "wrth", "ar ôl", "eisiau", "isio", "moyn", "hoffi"],
        "agent_words": ["gan"],  # "gan ei meddyg teulu" names the actor ("gyda" is "with", not "by")
        "max_between": 3,  # words between "cafodd" and "ei": "Cafodd Mrs Jones ei ..."
        "min_letters": 4,
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        opt = self.options
        self.verbs = {v for verb in opt["verbs"] for v in _verb_forms(normal(verb))}
        verbs = sorted(self.verbs, key=len, reverse=True)
        auxiliaries = "|".join(re.escape(normal(a)) for a in sorted(opt["auxiliaries"], key=len, reverse=True))
        between = int(opt["max_between"])
        self.auxiliary = re.compile(rf"(?<![\w'])(?:{auxiliaries})(?![\w'])", re.IGNORECASE)
        self.possessives = {normal(p) for p in opt["possessives"]}
        self.between = between
        self.wedi = re.compile(
            rf"(?<![\w'])wedi'[iu]\s+(?:{'|'.join(map(re.escape, verbs))}){_WORD_END}", re.IGNORECASE) if verbs else None
        self.endings = tuple(sorted({normal(e) for e in opt["open_endings"]}, key=len, reverse=True))
        self.not_passive = {v for word in opt["not_passive"] for v in _verb_forms(normal(word))}
        self.non_finite = {tuple(normal(p).split()) for p in opt["non_finite_before"]}
        self.agents = {normal(w) for w in opt["agent_words"]}
        self.min_letters = int(opt["min_letters"])

    def sentence(self, ctx):
        text = ctx.text.replace("\u2019", "'")
        offset = ctx.sent.start_char
        spans = [span for m in self.auxiliary.finditer(text) if not self._non_finite(text, m)
                 for span in [self._cael_passive(text, m)] if span]
        if self.wedi is not None:
            spans += [(m.start(), m.end()) for m in self.wedi.finditer(text)
                      if not _last_word(text, m.start()) in _ACTIVE_SUBJECTS]
            # "Rydw i wedi'i gyfeirio": I have referred him (active, with an object pronoun)
        for start, end in sorted(set(spans)):
            after = re.findall(r"[^\W\d_]+", text[end:].lower())[:6]
            if any(w in self.agents for w in after):
                continue  # "... gan ei meddyg teulu": the actor is named
            yield Hit(ctx.block, offset + start, offset + end)

    def _cael_passive(self, text: str, aux) -> tuple[int, int] | None:
        """"Cafodd (up to ``between`` words) ei/eu/fy ... + verb-noun": the span, or None. Every possessive in
        reach is tried: "Cafodd ei swydd ei hysbysebu" is his job advertised, not "ei swydd"."""
        words = []
        for m in _NEXT_WORD.finditer(text, aux.end()):
            if m.start() != (words[-1][2] if words else aux.end()):
                break  # a punctuation mark ends the clause
            words.append((m.group(1), m.start(1), m.end()))
            if len(words) > self.between + 2:
                break
        for i, (word, _start, _end) in enumerate(words[:self.between + 1]):
            if normal(word) in self.possessives and i + 1 < len(words):
                verb = _VERB_NOUN.match(words[i + 1][0])
                if verb and self._verb_noun(normal(verb.group(1))):
                    return aux.start(), words[i + 1][1] + verb.end(1)
        return None

    def _verb_noun(self, word: str) -> bool:
        """A listed verb-noun, or a word with a verb-noun ending that is not a listed noun."""
        if word in self.verbs:
            return True
        if word in self.not_passive or len(word) < self.min_letters:
            return False
        if word.endswith("au"):  # plural nouns (pethau, llyfrau); -hau verbs are not (cwblhau, rhyddhau)
            return word.endswith("hau") and word[-4] not in "ctp"  # not "pethau", "sachau": th, ch, ph
        ending = next((e for e in self.endings if word.endswith(e)), None)
        if ending is None:
            return False
        before = word[-len(ending) - 1] if len(word) > len(ending) else ""
        if ending in ("i", "u", "o"):
            # After a consonant ("penodi", "talu", "gwrando"), w after a consonant ("llenwi") or -wyo
            # ("cynorthwyo", "gwobrwyo"): not a diphthong ("tai", "rhai", "llau", "fideo").
            return (before not in VOWELS or before == "w" and word[-3:-2] not in VOWELS
                    or ending == "o" and word.endswith("wyo"))
        return True

    def _non_finite(self, text: str, m) -> bool:
        """"o gael ei gam-drin", "ar ôl cael ei gyfeirio": "cael" as a verb-noun after a preposition."""
        if not m.group().lower().endswith(("cael", "gael")):
            return False
        before = tuple(re.findall(r"[^\W\d_]+", text[:m.start()].lower())[-2:])
        return any(before[-len(p):] == p for p in self.non_finite if len(before) >= len(p))


# The verb-noun must end the word, but a clitic may hang on it: "cael eu galw'n ofalwyr", "wedi cael ei
# asesu'n gymwys", "cael ei symud i'r ward" ('n, 'r, 'i, 'u, 'm, 'w, 'th, 'ch). A longer tail after an
# apostrophe is another word, not a clitic.
_WORD_END = r"(?!\w)(?!'[^\W\d_]{3,})"

# The next word of a clause (stopping at punctuation), and a verb-noun with at most a clitic on it ("galw'n").
_NEXT_WORD = re.compile(r"\s+([^\s.,;:!?]+)")
_VERB_NOUN = re.compile(rf"([^\W\d_]+(?:-[^\W\d_]+)?){_WORD_END}")


def _last_word(text: str, at: int) -> str:
    words = re.findall(r"[^\W\d_]+", text[:at].lower())
    return words[-1] if words else ""


_ACTIVE_SUBJECTS = frozenset({"i", "ni", "chi", "ti", "fi", "rydw", "rydyn", "rydych", "dw", "rwy", "rwyf", "ydw",
                              "byddaf", "byddwn", "bydda"})


def _verb_forms(verb: str) -> list[str]:
    """A verb-noun after "ei" (his: soft), "ei" (her: aspirate, h- before a vowel) and "eu" (their: h-)."""
    forms = expand_phrases([verb])
    if verb[:1] in "aeiouwyâêîôûŵŷ":
        forms = tuple(forms) + ("h" + verb,)
    return list(forms)


class WelshImpersonal(Check):
    """The Welsh impersonal present/future and conditional with no one doing it: "Darperir cymorth ...",
    "gwasanaethau a ddarperir", "Gellir cysylltu ...", "Dylid ystyried ...", "Ystyrir bod ...", "y gellid eu
    rhoi". These are verb forms, so the class is open: any word that ends in the impersonal endings -ir
    (present/future) or -id (conditional, and -asid, the pluperfect), after a consonant, as every regular
    verb's does ("darpar-ir", "defnydd-ir", "dyl-id"). A vowel before the ending is a noun or an adjective
    ("cadair", "gair", "newid", "rhaid"), except a consonant + w ("cedwir", "gelwir") and the irregular
    -eir forms listed ("gwneir"). Words that end so but are not verbs ("tir", "gwir", "rhyddid", "gofid")
    are listed, in every mutated form. Not reported: an agent named with "gan" after it ("Darperir y
    gwasanaeth gan y cyngor"), except "gan gynnwys" (including) and "gan fod" (since); a capitalised word
    inside a sentence (a name: "Yasir", "Sir Ddinbych").
    """

    name = "cy_impersonal"
    defaults = {
        "endings": ["ir", "id"],
        "irregular": [],  # impersonal forms with a vowel before the ending: gwneir, sicrheir ...
        "not_verbs": [],  # words ending -ir/-id that are not verbs: tir, gwir, rhyddid ...
        "min_letters": 5,
        "agent_words": ["gan"],
        "not_agents": ["gynnwys", "fod", "bod", "nad", "mai"],  # "gan gynnwys" (including), "gan fod" (since)
        "window": 6,
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        opt = self.options
        self.endings = tuple(normal(e) for e in opt["endings"])
        self.irregular = set(expand_phrases([normal(w) for w in opt["irregular"]]))
        self.not_verbs = set(expand_phrases([normal(w) for w in opt["not_verbs"]]))
        self.min_letters = int(opt["min_letters"])
        self.agents = {normal(w) for w in opt["agent_words"]}
        self.not_agents = {normal(w) for w in opt["not_agents"]}
        self.window = int(opt["window"])

    def sentence(self, ctx):
        text = ctx.text.replace("\u2019", "'")
        words = list(_LETTERS.finditer(text))
        for i, m in enumerate(words):
            word = m.group()
            if i and word[:1].isupper() or word.isupper() and len(word) > 1:
                continue  # a name ("Sir Ddinbych", "Yasir") or an acronym
            if not self._impersonal(word.lower()):
                continue
            after = [w.group().lower() for w in words[i + 1:i + 1 + self.window]]
            if any(w in self.agents and (j + 1 >= len(after) or after[j + 1] not in self.not_agents)
                   for j, w in enumerate(after)):
                continue  # "Darperir y gwasanaeth gan y cyngor": the actor is named
            yield Hit(ctx.block, ctx.sent.start_char + m.start(), ctx.sent.start_char + m.end())

    def _impersonal(self, word: str) -> bool:
        if word in self.not_verbs:
            return False
        if word in self.irregular:
            return True
        if len(word) < self.min_letters or not word.endswith(self.endings):
            return False
        before = word[-3]
        if before == "w":  # "cedwir", "gelwir" (w after a consonant); not "newid", "cywir" (w after a vowel)
            return word[-4] not in VOWELS
        return before not in VOWELS


_LETTERS = re.compile(r"[^\W\d_]+")
