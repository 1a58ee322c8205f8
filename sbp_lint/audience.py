"""Who a document is about: a child or an adult, so that messages fit the record.

"Was not brought" is right for a six-year-old and wrong for a 45-year-old man; a school-class
example is no help in a letter about him. The configuration can say (``audience: adult | child``,
per glob in ``overrides``); otherwise (``auto``) the document's own words decide, by a score that
can be explained in one line: each cue found adds its weight for a child or for an adult, and the
total must reach ``THRESHOLD`` either way, or the audience stays unknown (rules then use their
default wording). Cues are labels, never the document's words, so ``-v`` and the cache carry no
personal details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

AUDIENCES = ("adult", "child")
SETTINGS = ("auto", "adult", "child")  # what a configuration may say
UNKNOWN = "unknown"
THRESHOLD = 2  # points either way before a document counts as about a child or an adult
FIRST_AGE = 3  # the first age given is usually the person's own (the top of a plan or note)
OTHER_AGE = 1  # later ages may be anyone's (a parent's, a grandchild's): one point, at most two in all


@dataclass(frozen=True)
class Cue:
    label: str  # shown with -v: what was seen, in words that hold no personal details
    audience: str  # child | adult
    weight: int
    pattern: re.Pattern


def _words(*phrases: str, case: int = re.IGNORECASE) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(phrases) + r")(?![\w-])", case)


CUES = (
    Cue("school", "child", 2, _words(r"school", r"schools", r"ysgol", r"teacher", r"head ?teacher", r"pupils?", r"class ?teacher",
                                     r"GCSEs?", r"playground", r"nursery", r"reception class")),
    Cue("a school year", "child", 2, re.compile(r"(?<![\w-])(?:Year|in year|Blwyddyn) (?:[1-9]|1[0-3])(?![\w-])")),
    Cue("foster or kinship care", "child", 2, _words(r"foster (?:carers?|parents?|mum|dad|home|family|placement)",
                                                     r"fostering", r"kinship carers?", r"special guardians?",
                                                     r"children's home")),
    Cue("Mum or Dad", "child", 2, _words(r"Mum", r"Dad", r"Mam", r"Mummy", r"Daddy", case=0)),
    Cue("Nan, Nain, Taid or Grandad", "child", 1, _words(r"Nan", r"Nain", r"Taid", r"Grandad", r"Granny", r"Nana",
                                                         case=0)),
    Cue("parents", "child", 1, _words(r"parents", r"parent's", r"parents'", r"step-?(?:mum|dad|father|mother)")),
    Cue("children's services words", "child", 2, _words(r"child protection", r"child in need", r"looked[- ]after child(?:ren)?",
                                                        r"looked after by the (?:council|local authority)",
                                                        r"children looked after", r"child in care", r"children's services",
                                                        r"child and family", r"child's plan", r"corporate parent",
                                                        r"personal education plan", r"health visitor")),
    Cue("Signs of Safety", "child", 2, _words(r"what are we worried about", r"what(?:'s| is) working well",
                                              r"danger statements?", r"safety goals?", r"safety scale", r"three houses",
                                              r"words and pictures", r"worry statements?", r"signs of safety")),
    Cue("a tenancy", "adult", 2, _words(r"tenancy", r"tenant", r"landlord", r"mortgage")),
    Cue("a care home", "adult", 2, _words(r"care home", r"nursing home", r"residential home", r"sheltered housing",
                                          r"extra care housing", r"retirement flat")),
    Cue("a pension or retirement", "adult", 2, _words(r"pension", r"pensioner", r"retired", r"retirement",
                                                      r"state pension", r"attendance allowance")),
    Cue("a spouse or grandchildren", "adult", 2, _words(r"(?:his|her|their|your) (?:wife|husband|late wife|late husband)",
                                                       r"widow", r"widower", r"grandchildren", r"grandchild",
                                                       r"grandson", r"granddaughter")),
    Cue("adult services words", "adult", 2, _words(r"adult social care", r"adults? at risk", r"safeguarding adults",
                                                   r"DoLS", r"deprivation of liberty", r"lasting power of attorney",
                                                   r"carer's assessment", r"day centre", r"lunch club",
                                                   r"domiciliary care", r"reablement", r"Care Act")),
    Cue("a son or daughter", "adult", 1, _words(r"(?:his|her|their) (?:daughters?|sons?|children)")),
    Cue("Mr, Mrs or Ms", "adult", 1, _words(r"Mr", r"Mrs", r"Ms", r"Mr\.", r"Mrs\.", case=0)),
    Cue("conditions of later life", "adult", 1, _words(r"dementia", r"Alzheimer's", r"Parkinson's", r"frailty",
                                                       r"walking frame", r"zimmer frame", r"commode",
                                                       r"(?:had|has|several|recent|frequent|two|three) falls",
                                                       r"falls (?:risk|clinic|team|service)")),
    Cue("work or benefits", "adult", 1, _words(r"employer", r"his job", r"her job", r"Universal Credit",
                                               r"Personal Independence Payment", r"jobcentre")),
)

# Headings that name a child's plan or meeting ("Child's plan", "Looked after", "My review").
HEADING_CUE = Cue("a child's plan heading", "child", 3, _words(
    r"child'?s plan", r"looked after(?: child(?:ren)?)?(?: review)?", r"child(?:ren)? in need", r"child protection(?: plan)?",
    r"children looked after", r"child and family assessment", r"all about me", r"my review", r"pathway plan",
    r"what are we worried about", r"signs of safety"))

_AGE_NUMBER = r"(\d{1,3})"
# Ages written about the person: "aged 14", "age: 82", "14 years old", "a 14-year-old girl", "Tegan (14)",
# "Tegan, 14,". Not an age that belongs to someone named after it ("a 19-year-old boyfriend").
_OTHER_PERSON = (r"(?:boy|girl)?friends?|partners?|husbands?|wives|wife|sons?|daughters?|brothers?|sisters?|"
                 r"mothers?|fathers?|cousins?|neighbours?|lodgers?")
_NOT_AN_AGE = r"(?!\s*(?:%|per\b|miles?\b|minutes?\b|hours?\b|days?\b|weeks?\b|months?\b|mg\b|kg\b|stone\b|pounds?\b|times\b|o'clock\b))"
_AGES = (
    re.compile(r"(?<![\w-])(?:aged|age:?)\s+" + _AGE_NUMBER + r"(?![\w-])", re.IGNORECASE),
    re.compile(_AGE_NUMBER + r"[- ](?:years?|yrs?)[- ]old(?![\w-])(?!\s+(?:" + _OTHER_PERSON + r")\b)", re.IGNORECASE),
    re.compile(r"(?<![\w-])" + _AGE_NUMBER + r" years of age(?![\w-])", re.IGNORECASE),
    re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:, | \()" + _AGE_NUMBER + r"(?:,|\))"),
    # "she is 14", "You are 45", "Tegan is 15." (not "is 3 miles", "is 20 minutes")
    re.compile(r"\b(?:[Hh]e|[Ss]he|[Yy]ou|I|[Tt]hey|[A-Z][a-z]+)(?:'s| is| are| am| was| turned| turns) "
               + _AGE_NUMBER + r"(?=[\s.,;)]|$)" + _NOT_AN_AGE),
)
# "Mum (34)", "her boyfriend, aged 24": the age of the person named just before it, not the subject's.
_RELATIONS = frozenset("""mum mam dad mother father parent parents stepmum stepdad brother sister son daughter husband wife
    partner boyfriend girlfriend friend nan nain taid gran grandad grandma grandmother grandfather grandson granddaughter
    uncle aunt auntie cousin neighbour lodger baby""".split())


@dataclass(frozen=True)
class Audience:
    value: str  # adult | child | unknown
    source: str = "detected"  # detected | configuration
    score: int = 0  # points for a child minus points for an adult
    cues: tuple[str, ...] = ()  # "school +2", "an age 18 or over -3"

    @property
    def known(self) -> str | None:
        """``adult`` or ``child``, or None when the document did not say."""
        return self.value if self.value in AUDIENCES else None

    def describe(self) -> str:
        """One line for -v: the audience and why."""
        if self.source == "configuration":
            return f"audience {self.value} (set in the configuration)"
        if not self.cues:
            return f"audience {self.value} (no cues found)"
        return f"audience {self.value} (score {self.score:+d}: {', '.join(self.cues)})"


def configured(setting: str) -> Audience | None:
    """The audience a configuration fixes, or None for ``auto``."""
    return Audience(setting, "configuration") if setting in AUDIENCES else None


# Document kinds that are about a child whatever their words (a Signs of Safety assessment).
CHILD_KINDS = {"signs_of_safety": "a Signs of Safety document"}


def detect(texts: Iterable[str], headings: Iterable[str] = (), kind: str | None = None) -> Audience:
    """The audience of a document whose blocks are ``texts`` and whose headings are ``headings``.

    Each cue counts once, however often it appears: a long plan that says "school" forty
    times is no more about a child than one that says it twice.
    """
    text = "\n".join(texts)
    found: list[tuple[str, int]] = []  # (label, signed points: + for a child, - for an adult)
    found += _age_points(text)
    for cue in CUES:
        if cue.pattern.search(text):
            found.append((cue.label, cue.weight if cue.audience == "child" else -cue.weight))
    if any(HEADING_CUE.pattern.search(heading) for heading in headings):
        found.append((HEADING_CUE.label, HEADING_CUE.weight))
    if kind in CHILD_KINDS:
        found.append((CHILD_KINDS[kind], 3))
    score = sum(points for _, points in found)
    value = "child" if score >= THRESHOLD else "adult" if score <= -THRESHOLD else UNKNOWN
    return Audience(value, "detected", score, tuple(f"{label} {points:+d}" for label, points in found))


def _age_points(text: str) -> list[tuple[str, int]]:
    ages = sorted((m.start(), int(m.group(1))) for pattern in _AGES for m in pattern.finditer(text)
                  if not _someone_elses(text, m))
    ages = [age for _, age in ages if 0 < age < 120]
    if not ages:
        return []
    found = [_age_cue(ages[0], FIRST_AGE, "first age given")]
    later = {age < 18: None for age in ages[1:]}  # at most one more point each way
    for is_child in later:
        found.append(_age_cue(0 if is_child else 18, OTHER_AGE, "another age"))
    return found


def _someone_elses(text: str, match: re.Match) -> bool:
    """Whether the age belongs to a relative or partner named at its start or just before it."""
    lead = re.match(r"[A-Za-z]+", match.group(0))
    before = re.findall(r"[A-Za-z]+", text[max(0, match.start() - 20):match.start()])
    named = lead.group(0) if lead and lead.group(0).lower() not in ("aged", "age") else (before[-1] if before else "")
    return named.lower() in _RELATIONS


def _age_cue(age: int, weight: int, which: str) -> tuple[str, int]:
    if age < 18:
        return f"{which} under 18", weight
    return f"{which} 18 or over", -weight
