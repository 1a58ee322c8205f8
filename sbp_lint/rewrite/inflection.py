"""Word forms: a verb or noun put into the tense, person and number a sentence needs.

lemminflect (MIT) holds its lookup tables and model inside its wheel and reads only those, so
inflecting needs neither the network nor spaCy: a cached rewrite is rebuilt with these functions
alone. Tags are Penn Treebank tags (VBZ, VBD, NNS ...), as spaCy's tagger gives them, with two
additions for "be", the one English verb whose forms follow the person: ``VBP1`` ("am") and
``VBDP`` ("were").
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass

VERB_TAGS = ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG", "VBP1", "VBDP")
NOUN_TAGS = ("NN", "NNS")
_BE = {"VB": "be", "VBP": "are", "VBP1": "am", "VBZ": "is", "VBD": "was", "VBDP": "were", "VBN": "been", "VBG": "being"}
_VOWEL_SOUND = re.compile(r"^(?:[aeio]|u(?![nrs]i|ni|se|sa|ro|ka|ku|tr)|hour|honest|heir|[AEFHILMNORSX](?:[A-Z]|$))")


@functools.lru_cache(maxsize=1)
def _lemminflect():
    """lemminflect's two lookups, loaded on first use; their tables are read as words are looked up
    (``lookup_tables``: lemminflect's own loading of them took a few tenths of a second)."""
    from .lookup_tables import install

    if "spacy" in sys.modules:
        import lemminflect

        install(lemminflect.Lemmatizer(), lemminflect.Inflections())
        return lemminflect
    lookups = _lookups_without_spacy()
    install(lookups.lemmatizer, lookups.inflections)
    return lookups


@dataclass(frozen=True)
class _Lookups:
    """The four lemminflect functions this module uses, as the package defines them."""

    lemmatizer: object
    inflections: object

    def getLemma(self, word: str, upos: str):  # noqa: N802 - lemminflect's names
        return self.lemmatizer.getLemma(word, upos, True)

    def getAllLemmas(self, word: str, upos: str | None = None):  # noqa: N802
        return self.lemmatizer.getAllLemmas(word, upos)

    def getInflection(self, lemma: str, tag: str):  # noqa: N802
        return self.inflections.getInflection(lemma, tag, True)

    def getAllInflections(self, lemma: str, upos: str | None = None):  # noqa: N802
        return self.inflections.getAllInflections(lemma, upos)


def _lookups_without_spacy() -> _Lookups:
    """lemminflect's package __init__ imports spaCy to hook into it, which a run answered from the cache (rebuilding
    cached rewrites) must not pay for. With spaCy marked absent the core modules load and the hook fails on its
    own; the two classes are taken from the loaded core modules, and spaCy stays importable afterwards."""
    sys.modules["spacy"] = None  # type: ignore[assignment]  # "import spacy" raises ImportError meanwhile
    try:
        import lemminflect  # noqa: F401
    except NameError:
        pass  # the hook's "spacy.__version__" after the ImportError: the core modules are loaded by now
    finally:
        del sys.modules["spacy"]
    lemmatizer = sys.modules["lemminflect.core.Lemmatizer"].Lemmatizer
    inflections = sys.modules["lemminflect.core.Inflections"].Inflections
    return _Lookups(lemmatizer(), inflections())


def lemma(word: str, upos: str = "VERB") -> str:
    """The dictionary form of ``word`` ("sent" → "send"), from the word alone."""
    found = _lemminflect().getLemma(word.lower(), upos)
    return found[0] if found else word.lower()


@functools.lru_cache(maxsize=4096)
def inflect_lemma(base: str, tag: str) -> str:
    """``base`` (a dictionary form) in the form ``tag`` names: ("choose", "VBZ") → "chooses"."""
    if base == "be":
        return _BE.get(tag, base)
    tag = {"VBP1": "VBP", "VBDP": "VBD"}.get(tag, tag)
    if tag in ("VB", "VBP", "NN"):
        return base
    if tag == "NNS" and base == "person":
        return "people"  # lemminflect gives "persons"
    found = _lemminflect().getInflection(base, tag)
    return found[0] if found else base


def inflect(word: str, tag: str, upos: str | None = None) -> str:
    """``word`` (any form, as written in a document) in the form ``tag`` names, its capitals kept."""
    upos = upos or ("NOUN" if tag.startswith("NN") else "VERB")
    form = inflect_lemma(lemma(word, upos), tag)
    return same_case(word, form)


def inflect_phrase(phrase: str, tag: str) -> str:
    """A phrase that starts with a verb, in the verb's form ``tag``: ("choose not to", "VBD") → "chose not to"."""
    if not phrase or tag not in VERB_TAGS:
        return phrase
    first, _, rest = phrase.partition(" ")
    if first == "not" and rest:
        # "not meet": "did not meet", "does not meet", "has not met" (the auxiliary is the sentence's own)
        if tag in ("VBD", "VBZ", "VBP", "VBP1", "VBDP"):
            return inflect_lemma("do", {"VBP1": "VBP", "VBDP": "VBD"}.get(tag, tag)) + " not " + rest
        return "not " + inflect_phrase(rest, tag)
    if first.startswith("[") or not first.isalpha() or not is_verb(first):
        return phrase  # "about", "family time": not a verb to put into a tense
    return inflect_lemma(first.lower(), tag) + (" " + rest if rest else "")


@functools.lru_cache(maxsize=1024)
def is_verb(word: str) -> bool:
    """A verb in its dictionary form ("choose", "be"), as lemminflect knows it."""
    word = word.lower()
    return word in _BE.values() or bool(_lemminflect().getAllInflections(word, upos="VERB")) and lemma(word, "VERB") == word


_NOT_HEAD = {"with", "who", "whose", "of", "not", "to", "in", "on", "at", "for", "from", "that", "which", "and", "or"}


def plural_phrase(phrase: str) -> str:
    """A noun phrase made plural at its head: the last word before a preposition or clause.

    "person with a learning disability" → "people with a learning disability";
    "decision not to" → "decisions not to"; a head that is already plural is left ("older people").
    """
    words = phrase.split(" ")
    head = len(words) - 1
    for index, word in enumerate(words):
        if index and word.lower() in _NOT_HEAD:
            head = index - 1
            break
    word = words[head]
    if not word.isalpha() or word.startswith("["):
        return phrase
    if lemma(word, "NOUN") != word.lower():
        return phrase  # already plural ("people", "children")
    words[head] = same_case(word, inflect_lemma(word.lower(), "NNS"))
    if head and words[head - 1].lower() in ("a", "an"):
        del words[head - 1]
    return " ".join(words)


def article(word: str) -> str:
    """"a" or "an" before ``word`` ("an hour", "a user", "an SU")."""
    return "an" if _VOWEL_SOUND.match(word) else "a"


def same_case(original: str, word: str) -> str:
    """``word`` with ``original``'s capitals: "Refused" → "Chose", "DNA" stays as written."""
    if not original or not word:
        return word
    if len(original) > 1 and original.isupper() and original.isalpha():
        return word.upper() if word.isalpha() else word
    if original[0].isupper() and word[0].islower():
        return word[0].upper() + word[1:]
    return word


_FUNCTION_WORDS = {"DET", "PRON", "ADP", "CCONJ", "SCONJ", "ADV", "AUX", "PART", "NUM"}


def common_word(token) -> bool:
    """A capital that is only there because the word starts the sentence ("The", "Support"), not a name
    ("Tegan", which the tagger may call a noun): names are not in lemminflect's dictionary."""
    if token.text == "I" or (len(token.text) > 1 and token.text.isupper()) or not token.text[:1].isupper():
        return False
    if token.pos_ in _FUNCTION_WORDS:
        return True
    if token.pos_ == "PROPN":
        return False
    return bool(_lemminflect().getAllLemmas(token.lower_))


def is_word(word: str) -> bool:
    """An English word lemminflect knows ("utilises"), rather than an acronym ("EHCP") or a name."""
    return bool(_lemminflect().getAllLemmas(word.lower()))
