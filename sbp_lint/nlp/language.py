"""Which language a sentence is in, Welsh or English: decided here, once, offline.

A scorer anyone can read, not a model: each word of a sentence that is one of a few hundred
common Welsh or English words counts one for its language; any other lower-case word counts
by its spelling (Welsh: circumflexes, w and y as vowels, ll/dd/rh at the start, mutated
starts such as ngh- and mh-, endings such as -odd and -wyd; English: k, q, v, x, z, -ing,
-tion, -ly, double vowels). Capitalised words inside a sentence are names and places and
count for nothing: "Mrs Jones lives in Llanfairpwllgwyngyll" is English, which the
statistical detectors compared in benchmarks/README.md (lingua, py3langid) get wrong on
one English line in eight. The person's quoted words count only when nothing else does.

``language_spans`` cuts a block's text into runs of one language: sentences, and the two
halves of a bilingual line ("Beth sy'n bwysig i mi / What matters to me"). A sentence with no
evidence either way ("Enw: Gwen Davies") takes its neighbour's language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable

from ..documents.base import Block
from .batching import piece
from .context import quote_ranges

WELSH, ENGLISH = "cy", "en"
LANGUAGES = (ENGLISH, WELSH)

# Common Welsh words that are not English words (function words, the verb "bod", everyday care-record
# vocabulary, heading words). Words that are English words too are left out (a, i, am, at, dim, does, help, plant,
# pan, tan, faint, gall), and so are the Welsh words English records use as names ("Mam", "Nain", "Taid").
WELSH_WORDS = frozenset("""
yn y yr mae maen maent roedd roeddwn roedden roeddech oedd oeddwn oedden oeddet rydw rydyn rydych rydym rwy rwyf
dw dwi ydw ydy ydyw ydych ydyn ydynt dydy dydw dydyn dyw dych doedd dyn wyt wyf yw ydi fydd bydd byddai fi
byddaf byddwn byddan fyddai fyddaf fyddwn bu buodd fu fuodd bod fod sy sydd sydd oes nad nid na ni ddim wedi
heb gyda gydag efo gan gen gennyf gennym ganddo ganddi ganddyn arni arno arna arnaf arnom iddi iddo iddyn imi
amdana amdani amdano amdanaf wrth wrtha wrthyf wrthi wrtho mewn yng ym ar ôl o dan dros drwy trwy rhwng tua
hyd ac ond neu os achos oherwydd felly hefyd iawn eisiau isio moyn hoffi hoffwn hoffai hoffem licio
lico gallu allu gallaf allaf alla galla gallwn gallai allai angen mynd fynd dod ddod gwneud wneud gweld
weld cael gael eto bob pob dydd ddydd nos bore fore heddiw ddoe yfory beth pwy ble sut pam diolch
fy ei eu ein eich dy hi fe fo nhw chi ti ef hwn hon hyn hynny yma yno acw rhywun rhywbeth dim byd llawer
ychydig mwy mwyaf gormod digon tipyn gyd cyn wrthym gilydd hun hunan hunain eisoes erbyn ers yn ystod
rhaid dylai dylwn ddylai gallai byw fyw gweithio siarad cofio hoffi teimlo poeni helpu cymorth gofal
teulu cartref gartref adref tŷ ysgol ffrindiau mab merch gŵr gwraig
wythnos mis blwyddyn amser bwyd paned ffôn meddyg nyrs gofalwr gofalwyr gweithiwr cymdeithasol tîm cyngor
bwysig pwysig canlyniadau canlyniad nodau nod personol cynllun adolygiad dyddiad enw cyfeiriad asesiad camau
nesaf cryfderau iechyd lles cyflawni ddysgu dysgu symud gwely cegin ystafell ymolchi cadair olwyn cerdded
mwynhau gwylio gwrando canu darllen coginio siopa eistedd codi golchi gwisgo bwyta yfed cysgu ffonio galw
ymweld ymweliad penderfyniad penderfynu dweud dywedodd meddai gofyn gofynnodd esbonio trafod cytuno cytunodd
hapus trist unig blino anodd hawdd braf oer cynnes da drwg newydd hen mawr bach ifanc
dwy tri tair pedwar pedair chwech wyth naw deg ugain
""".split())

ENGLISH_WORDS = frozenset("""
the and of to is was are were be been being has have had he she it they we you his her its their our my me
him them us this that these those with for from on in by as but or not will would can could should may might
must do did done an about after before when what who which where there here if so very also all some any more
most than then just only said says like likes liked wants want wanted went goes going get got lives live lived
home day time well good new one two three every each up out into over again back told asked feels felt
cannot can't don't won't doesn't didn't isn't wasn't said seen saw takes took make made uses used enjoys
enjoyed needs needed help helps helped visit visited today yesterday tomorrow morning evening night week
family son daughter wife husband mother father mum dad friend friends house own being because while
during since until without through between how why no yes please thank thanks would like I
name date review address plan plans outcome outcomes goal goals support care next steps matters strengths
health wellbeing assessment signed phone number birth person people contact notes summary actions agreed
""".split())
# "I" (capital) is English only; Welsh "i" is lower case and usually "to".
_CAPITAL_I = "I"

# Apostrophe clitics: Welsh 'n 'r 'i 'm 'w 'u 'th 'ch (mae'n, i'r, gyda'i, i'm, i'w); English 's 't 've 'll 're 'd.
_WELSH_CLITICS = frozenset({"n", "r", "i", "w", "u", "th", "ch"})
_ENGLISH_CLITICS = frozenset({"s", "t", "ve", "ll", "re", "d"})

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_APOSTROPHE = re.compile("['\u2019]")

# Spelling cues for words in neither list.
_WELSH_SPELLING = (
    re.compile(r"[âêîôûŵŷ]"),  # circumflexes
    re.compile(r"[bcdfghlmnprst]w[bcdfghlmnprst]"),  # w as a vowel: cwm, bwrw, gwrthod, ffwrdd
    re.compile(r"^(?:ll|dd|ngh|mh|nh|ng[aeiouwy]|rh[aeiouwy]|ff[aeiouwyr])"),  # llawr, ddoe, nghartref, rhoi, ffordd
    re.compile(r"(?:odd|wyd|iad|iaeth|ydd|wch|aeth|wyr|wr|au|iau|ion|ol|io|ai|ynt|och|ais|ein|ech)$"),
    re.compile(r"(?:wy|yw|ae|aw)"),  # wy, yw, ae, aw diphthongs: bwyd, byw, mae, llawr
)
_WELSH_ENDING_EXCEPTIONS = re.compile(r"(?:tion|sion|ssion|ool|ol|ail|aw|ow|ew)$")
_ENGLISH_SPELLING = (
    re.compile(r"[kqvxzj]"),  # letters native Welsh does not use
    re.compile(r"(?:ing|tion|sion|ly|ness|ment|ful|less|ous|ck|ed|er|est|ies|es)$"),
    re.compile(r"(?:ee|oo|ou|sh|ea|ck|wh|igh)"),
)

# The halves of a bilingual line: "Welsh / English", "Welsh | English", "Welsh – English".
_BILINGUAL_SEPARATOR = re.compile(r"\s+[/|\u2013\u2014]\s+|\s*\|\s*")
# Sentence ends: . ! ? (and their closing quotes/brackets) before white space.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


@dataclass(frozen=True)
class Score:
    welsh: float
    english: float

    @property
    def language(self) -> str | None:
        """cy, en, or None when the words give no evidence either way."""
        if self.welsh > self.english:
            return WELSH
        if self.english > self.welsh:
            return ENGLISH
        return None


@functools.lru_cache(maxsize=65_536)  # a few regular expressions per word, and words repeat
def _word_cue(word: str) -> tuple[float, float]:
    """(Welsh, English) evidence from one lower-case word's spelling; at most one point each."""
    welsh = sum(1 for cue in _WELSH_SPELLING if cue.search(word))
    if welsh and _WELSH_ENDING_EXCEPTIONS.search(word) and not _WELSH_SPELLING[0].search(word):
        welsh -= 1
    english = sum(1 for cue in _ENGLISH_SPELLING if cue.search(word))
    if not welsh and not english:
        return 0.0, 0.0
    # The stronger side takes a point, weighted by how clear the spelling is.
    if welsh > english:
        return min(1.0, 0.5 * (welsh - english)), 0.0
    if english > welsh:
        return 0.0, min(1.0, 0.5 * (english - welsh))
    return 0.0, 0.0


def score(text: str, skip: Iterable[tuple[int, int]] = ()) -> Score:
    """Welsh and English evidence in ``text``; words inside the ``skip`` ranges are left out."""
    skip = list(skip)
    welsh = english = 0.0
    words = [m for m in _WORD.finditer(text) if not any(s <= m.start() < e for s, e in skip)]
    # A heading in title case ("Canlyniadau Personol", "What Matters To Me"): capitals are not names there.
    title_case = len(words) >= 3 and all(m.group()[:1].isupper() for m in words)
    for match in words:
        raw = match.group()
        is_first = title_case or _starts_clause(text, match.start())
        if raw == _CAPITAL_I:
            english += 1
            continue
        parts = _APOSTROPHE.split(raw)
        head, clitics = parts[0], [p.lower() for p in parts[1:]]
        for clitic in clitics:
            welsh += clitic in _WELSH_CLITICS
            english += clitic in _ENGLISH_CLITICS
        word = head.lower()
        if head[:1].isupper() and not is_first and not head.isupper():
            continue  # a name or a place: Llanelli, Ysgol Gymraeg, Cyngor Sir Gwynedd
        if word in WELSH_WORDS:
            welsh += 1
        elif word in ENGLISH_WORDS:
            english += 1
        elif not head[:1].isupper():  # a capitalised first word may be a name: "Dafydd ate well"
            w, e = _word_cue(word)
            welsh += w
            english += e
    return Score(welsh, english)


def _starts_clause(text: str, offset: int) -> bool:
    """The word at ``offset`` opens the text or follows a colon, semicolon, bracket or bullet."""
    i = offset - 1
    while i >= 0 and text[i].isspace():  # what rstrip() would remove, without copying the text before each word
        i -= 1
    return i < 0 or text[i] in ":;([-\u2013\u2014*\u2022"


def language_of(text: str) -> str | None:
    """The language of one sentence: its unquoted words decide; the quoted ones only if there are no others."""
    quotes = quote_ranges(text)
    found = score(text, quotes).language
    if found is None and quotes:
        found = score(text).language
    return found


_LOWER_WORD = re.compile(r"[^\W\d_]+")
_WELSH_MARKS = re.compile(r"[âêîôûŵŷ]|['\u2019](?:n|r|i|m|w|u|th|ch)\b", re.IGNORECASE)


def _plainly_english(text: str) -> bool:
    """English words and not one Welsh word, clitic or circumflex anywhere: most English paragraphs, decided
    in one pass (the full scorer costs about 4 % of an English document's check time; this, well under 1 %)."""
    if _WELSH_MARKS.search(text):
        return False
    words = set(_LOWER_WORD.findall(text.lower()))
    return not words & WELSH_WORDS and bool(words & ENGLISH_WORDS)


def _pieces(text: str) -> list[tuple[int, int]]:
    """Sentences and the halves of bilingual lines, as (start, end) offsets that cover ``text``."""
    quotes = quote_ranges(text)
    cuts = {0, len(text)}
    for pattern in (_SENTENCE_END, _BILINGUAL_SEPARATOR):
        for match in pattern.finditer(text):
            if not any(qs < match.start() < qe for qs, qe in quotes):
                cuts.add(match.end())
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if text[a:b].strip()]


def language_spans(text: str, default: str = ENGLISH) -> list[tuple[int, int, str]]:
    """``text`` cut into runs of one language: (start, end, language), covering it end to end.

    A piece with no evidence takes the language of the piece before it (or after it, for the
    first), and ``default`` when no piece has any.
    """
    if not text.strip():
        return [(0, len(text), default)]
    if _plainly_english(text):
        return [(0, len(text), ENGLISH)]
    pieces = _pieces(text)
    found = [language_of(text[a:b]) for a, b in pieces]
    known = [lang for lang in found if lang]
    if not known:
        return [(0, len(text), default)]
    current = known[0]
    runs: list[list] = []
    for (start, end), lang in zip(pieces, found):
        current = lang or current
        if runs and runs[-1][2] == current:
            runs[-1][1] = end
        else:
            runs.append([start, end, current])
    runs[0][0] = 0
    runs[-1][1] = len(text)
    for before, after in zip(runs, runs[1:]):
        after[0] = before[1]
    return [tuple(run) for run in runs]


def block_language(text: str, default: str = ENGLISH) -> str:
    """One language for a whole block (the language of most of its characters)."""
    counts = {ENGLISH: 0, WELSH: 0}
    for start, end, lang in language_spans(text, default):
        counts[lang] += end - start
    return WELSH if counts[WELSH] > counts[ENGLISH] else ENGLISH


def split_by_language(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each one's ``language`` set; a block in both languages (a bilingual line, a Welsh
    sentence then its English twin) is cut into one block per run, each mapping exactly to the source.

    A block with no evidence either way (a name, a date) takes the language of the block before it.
    """
    out: list[Block] = []
    previous = ENGLISH
    for block in blocks:
        if not block.text.strip():
            block.language = previous
            out.append(block)
            continue
        runs = language_spans(block.text, previous)
        if len(runs) == 1:
            block.language = runs[0][2]
            out.append(block)
        else:
            for start, end, lang in runs:
                part = piece(block, start, end, first=start == 0)
                part.language = lang
                out.append(part)
        previous = runs[-1][2]
    return out
