"""What a practice model asks a record to contain: one check per element, configured as data.

A care and support plan in Wales records what matters to the person, their personal outcomes, the
actions and who takes them, their strengths and support network, the risks and what happens if things
go wrong, and when the plan will be reviewed (Part 4 code of practice; the 2015 care planning
regulations); a Signs of Safety assessment records the worries (harm, danger statements), what is
working well, what needs to happen (safety goals, next steps) and the scaling. The packs
``rules/structure-*.yaml`` give each element as a rule of this check, for the kinds of document that
need it (``practice.kinds``). An element is there when:

- a heading names it (``headings``) and something other than "none" is written under it;
- a sentence holds one of its ``phrases`` or has one of its ``shapes`` (a date, a score out of 10,
  "If ..., X will ...", "Sian will ...", "We are worried that ... will ...", "safe when");
- a recogniser finds it (``recognisers``: strengths, relationships, outcomes, own_words);

and, when ``needs`` names shapes, the sentence that shows it holds one of them too (a review with a
date). A document of the right kind that leaves the element out gets one finding, on its title.
"""

from __future__ import annotations

import re

from ..errors import PackError
from ..practice import kinds as document_kinds
from ..practice.strengths import strength_of
from .base import Check, Hit

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SHORT_MONTHS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_WELSH_MONTHS = "Ionawr|Chwefror|Ebrill|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr"
_NUMBER_WORDS = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"

# Named sentence shapes an element may be shown by (``shapes``) or need (``needs``).
SHAPES: dict[str, re.Pattern] = {
    # "2 July 2025", "July", "02/07/2025", "in three months", "next week"
    "date": re.compile(
        rf"\b(?:{_MONTHS}|{_WELSH_MONTHS})\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_SHORT_MONTHS})\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
        rf"|\b(?:[Ii]n|[Ww]ithin)\s+{_NUMBER_WORDS}\s+(?:weeks?|months?)\b|\b(?:next|this)\s+(?:week|month)\b"),
    # "5 out of 10", "6/10", "scored it 7"
    "score": re.compile(r"\b(?:10|[0-9])\s*(?:/|out of)\s*10\b|\bscor(?:e|es|ed|ing)\b[^.]{0,40}?\b(?:10|[0-9])\b", re.IGNORECASE),
    "number": re.compile(r"(?<![\d/.])\b(?:10|[0-9])\b(?![\d/.])"),
    # "If Emrys falls, he will press his pendant": a plan for when things go wrong
    "if_then": re.compile(r"^\s*(?:if|os|should|in case)\b[^.]*\b(?:will|can|should|must|'ll|would|bydd|byddwn|dylai)\b", re.IGNORECASE),
    # "Sian will ring Mum", "I will visit on 20 June": someone named does something (not "will be done")
    "someone_will": re.compile(r"(?:\b(?:I|[Ww]e)|\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:will|'ll)\s+(?!be\b|not\b|have been\b)[a-z]+"),
    # "Tom, Sara and Paul are worried that men ... will ...": a danger (worry) statement
    "danger": re.compile(r"\b(?:is|are|am|were|was)\s+(?:\w+\s+){0,2}worried\s+that\b[^.]*\b(?:will|could|might|may|would)\b", re.IGNORECASE),
    # "Everyone will know Jade is safe when ...": a safety goal
    "safe_when": re.compile(r"\bsafe\b[^.]{0,40}\bwhen\b|\bsafety goals?\b|\bwellbeing goals?\b", re.IGNORECASE),
}
RECOGNISERS = ("strengths", "relationships", "outcomes", "own_words")
_NONE = re.compile(r"^\W*(?:none(?: identified| known| recorded)?|not known|n/?a|nil|tbc|to be (?:confirmed|arranged|agreed)|no|-+)\W*$",
                   re.IGNORECASE)
_OWN_WORDS_MIN = 3


def _heading_pattern(headings: list[str]) -> re.Pattern | None:
    """Headings that name the element, as their start ("What matters to" names "What matters to Peggy");
    ``*`` stands for a name of up to four words ("What * told us" names "What Zain, Amal and Samira told us")."""
    alternatives = []
    for heading in sorted(set(headings), key=len, reverse=True):
        words = [r"(?:\S+\s+){0,3}\S+" if w == "*" else re.escape(w) for w in document_kinds.normal(heading).split()]
        if words:
            alternatives.append(r"\s+".join(words))
    return re.compile(r"^(?:" + "|".join(alternatives) + r")(?![\w'])") if alternatives else None


class MissingElement(Check):
    """One element of a practice model that a document of the right kind leaves out."""

    name = "missing_element"
    fields = ("element", "kind")
    all_languages = True  # a bilingual plan's "Dyddiad adolygu: 1 Medi" shows its review date as well as English would
    defaults = {
        "element": "",  # its name, as the practice model says it ("review_date")
        "kinds": [],  # the document kinds that need it
        "headings": [],  # headings whose content shows it
        "phrases": [],  # words that show it
        "shapes": [],  # sentence shapes that show it (SHAPES)
        "needs": [],  # shapes the sentence that shows it must also have
        "columns": [],  # table columns whose cells show it
        "recognisers": [],  # strengths | relationships | outcomes | own_words
        "min_words": 50,  # shorter documents (stubs, "see the file") are not judged
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        options = self.options
        self._validate(rule, options)
        self.kinds = frozenset(options["kinds"])
        self.headings = _heading_pattern(options["headings"])
        self.columns = _heading_pattern(options["columns"])
        self.phrases = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(p) for p in sorted(options["phrases"], key=len, reverse=True))
                                  + r")(?![\w'])", re.IGNORECASE) if options["phrases"] else None
        self.shapes = [SHAPES[s] for s in options["shapes"]]
        self.needs = [SHAPES[s] for s in options["needs"]]
        self.recognisers = frozenset(options["recognisers"])

    def _validate(self, rule, options) -> None:
        def fail(message: str):
            raise PackError(f"rule '{rule.id}': {message}", rule.source, rule.line)

        if not options["element"]:
            fail("option 'element' must name the element")
        unknown = sorted(set(options["kinds"]) - set(document_kinds.KINDS))
        if not options["kinds"] or unknown:
            fail(f"option 'kinds' must list document kinds ({', '.join(document_kinds.KINDS)})"
                 + (f", not '{unknown[0]}'" if unknown else ""))
        for key, known in (("shapes", SHAPES), ("needs", SHAPES), ("recognisers", RECOGNISERS)):
            wrong = sorted(set(options[key]) - set(known))
            if wrong:
                fail(f"unknown {key[:-1]} '{wrong[0]}' in option '{key}' (known: {', '.join(sorted(known))})")
        if not any(options[k] for k in ("headings", "phrases", "shapes", "columns", "recognisers")):
            fail("give at least one of 'headings', 'phrases', 'shapes', 'columns' or 'recognisers'")

    def begin(self, document):
        self._active = getattr(document, "kind", None) in self.kinds
        self._title: Hit | None = None
        self._found = False
        self._words = 0
        self._sections: dict[tuple[str, ...], bool] = {}  # heading paths seen: does one of them name the element?

    def sentence(self, ctx):
        if not self._active:
            return ()
        block = ctx.block
        if self._title is None:
            self._title = _title_hit(ctx)
        if block.kind == "heading":
            return ()
        if block.language == "en":
            # Only English words make a document long enough to judge: the elements' cues (headings, phrases, the
            # strengths recogniser) are mostly English, so a Welsh-only record is not judged yet, while a Welsh
            # sentence in a bilingual one may still show an element ("Dyddiad adolygu: 1 Medi").
            self._words += ctx.word_count
        if not self._found and self._shows(ctx):
            self._found = True
        return ()

    def end(self):
        if not self._active or self._found or self._title is None or self._words < self.options["min_words"]:
            return []
        self._title.fields.update(element=self.options["element"], kind=self._kind_name())
        return [self._title]

    def _kind_name(self) -> str:
        return next(iter(sorted(self.kinds))).replace("_", " ") if len(self.kinds) == 1 else "record"

    # -- what shows the element ---------------------------------------------------------------------------------
    def _shows(self, ctx) -> bool:
        text = ctx.text
        if _NONE.match(text):
            return False
        shown = (self._under_heading(ctx) or self._in_column(ctx) or (self.phrases is not None and self.phrases.search(text))
                 or any(shape.search(text) for shape in self.shapes) or self._recognised(ctx))
        if not shown:
            return False
        return not self.needs or any(shape.search(text) for shape in self.needs)

    def _under_heading(self, ctx) -> bool:
        """Whether a heading above the sentence names the element. The whole heading as written is matched, in
        its parts ("Beth sy'n bwysig i mi / What matters to me"), though its heading line may have been cut by
        language into blocks of its own."""
        if self.headings is None:
            return False
        section = ctx.block.section
        if section not in self._sections:
            self._sections[section] = any(self.headings.match(part) for heading in section
                                          for part in document_kinds.heading_parts(heading))
        return self._sections[section]

    def _in_column(self, ctx) -> bool:
        header = ctx.block.column_header
        return self.columns is not None and header is not None and \
            any(self.columns.match(part) for part in document_kinds.heading_parts(header))

    def _recognised(self, ctx) -> bool:
        wanted = self.recognisers
        if not wanted:
            return False
        if "outcomes" in wanted and ctx.outcome:
            return True
        if "own_words" in wanted and _own_words(ctx):
            return True
        if wanted & {"strengths", "relationships"} and ctx.block.language == "en":  # the recogniser needs a parse
            strength = strength_of(ctx)
            if strength is not None and ("strengths" in wanted or strength.kind == "relationship" or strength.who != "person"):
                return True  # the people around them: a relationship, or what family or friends do
        return False


def _title_hit(ctx) -> Hit:
    """Where a missing element is reported: the document's first sentence (its title). A bilingual title
    ("Cynllun gofal a chymorth / Care and support plan") is cut by language into two blocks, so the hit is the
    first language's words, without the separator that joined them."""
    start, end = ctx.sent.start_char, ctx.sent.end_char
    text = ctx.block.text
    while end > start and (text[end - 1].isspace() or text[end - 1] in "/|"):
        end -= 1
    return Hit(ctx.block, start, end if end > start else ctx.sent.end_char, ctx.text)


def _own_words(ctx) -> bool:
    if ctx.block.quoted:
        return True
    return any(ctx.sent.start_char <= start < ctx.sent.end_char and len(ctx.block.text[start:end].split()) >= _OWN_WORDS_MIN
               for start, end in ctx.quotes)


class NoStrengths(MissingElement):
    """A plan, assessment or review that records no strengths at all: nothing the person can do, enjoys or has
    around them (``practice.strengths`` recognises them in ordinary words), and no strengths section with
    something in it."""

    name = "no_strengths"
    defaults = {
        **MissingElement.defaults,
        "element": "strengths",
        "kinds": ["care_and_support_plan", "assessment", "review"],
        "headings": ["strengths", "my strengths", "what is working well", "what's working well", "what is going well",
                     "what i can do", "what i am good at", "what i'm good at", "cryfderau", "beth sy'n mynd yn dda",
                     "existing strengths", "strengths and support"],
        "recognisers": ["strengths"],
        "min_words": 80,
    }
