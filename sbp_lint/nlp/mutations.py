"""Welsh initial-consonant mutations, as data, and the forms a Welsh pack's phrases take in running text.

"gwrthod" (refuse) is written "wrthod" after "i" or "yn" (soft), "ngwrthod" after "fy" (nasal);
"cwympo" is "chwympo" after "a" (aspirate); a vowel takes an h after "ei" (her), "eu", "ein"
("ei hymddygiad"). A Welsh pack lists each word once, in its dictionary form; the loader
expands the first word of every phrase to these forms, so the rules match what is written.

The table is the standard one (soft: treiglad meddal; nasal: treiglad trwynol; aspirate:
treiglad llaes), as in Gwerddon's and the Welsh Government's style guides and any Welsh grammar
(e.g. King, *Modern Welsh: A Comprehensive Grammar*, 3rd ed., ch. 2). Only the first word mutates:
later words of a phrase follow fixed rules that the phrase already spells out.
"""

from __future__ import annotations

# Radical -> (soft, nasal, aspirate); None where a mutation leaves the letter alone. Two-letter
# radicals come first so "ll" is not read as "l", nor "rh" as "r".
MUTATIONS: dict[str, tuple[str | None, str | None, str | None]] = {
    "ll": ("l", None, None),
    "rh": ("r", None, None),
    "p": ("b", "mh", "ph"),
    "t": ("d", "nh", "th"),
    "c": ("g", "ngh", "ch"),
    "b": ("f", "m", None),
    "d": ("dd", "n", None),
    "g": ("", "ng", None),  # soft mutation drops g: gofal -> ofal
    "m": ("f", None, None),
}
# Letters that do not mutate although they start like one that does: ch, ph, th, dd, ff, ng are letters of their own.
_NOT_RADICAL = ("ch", "ph", "th", "dd", "ff", "ng")
VOWELS = "aeiouwyâêîôûŵŷ"
APOSTROPHES = ("'", "\u2019")


def mutated_forms(word: str) -> list[str]:
    """Every written form of ``word`` (lower case) at the start of a phrase: itself, its mutations,
    and, for a vowel, the h- of "ei hymddygiad"."""
    word = word.lower()
    forms = [word]
    if not word:
        return forms
    if word[0] in VOWELS:
        # h- before a vowel ("ei hymddygiad"); not for short words, where it makes other words ("i" -> "hi").
        return forms + ["h" + word] if len(word) >= 4 else forms
    if word.startswith(_NOT_RADICAL):
        return forms
    for radical, mutated in MUTATIONS.items():
        if word.startswith(radical):
            rest = word[len(radical):]
            forms += [m + rest for m in mutated if m is not None and (m + rest)]
            break
    return list(dict.fromkeys(f for f in forms if len(f) > 1))


def expand_phrase(phrase: str) -> list[str]:
    """``phrase`` with its first word in every mutated form, and with straight and curly apostrophes."""
    words = phrase.split()
    if not words:
        return [phrase]
    found = [" ".join([form, *words[1:]]) for form in mutated_forms(words[0])]
    return list(dict.fromkeys(v for text in found for v in (text, text.replace("'", "\u2019"))))


def expand_phrases(phrases: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Every phrase's forms, the dictionary forms first, with no repeats."""
    out = list(phrases)
    for phrase in phrases:
        out += expand_phrase(phrase)
    return tuple(dict.fromkeys(p.lower() if p not in phrases else p for p in out))
