"""Which blocks are outcome statements: one place decides.

Before parsing, from the document's structure (``mark_outcomes``):

- blocks under an outcomes heading, in the variants plans use: "My personal outcomes",
  "3. Personal outcomes", "Outcomes I want to achieve", "Emrys's goals", Welsh "Canlyniadau
  personol", bilingual "Canlyniadau personol / Personal outcomes" (but not "Outcomes of the
  grant application": results, not goals);
- the text after an "Outcome:" label, or the paragraph after a label on its own line (a Word
  form puts "Outcome:" in one paragraph and the outcome in the next; Markdown joins them);
- cells of an outcome column ("Outcome", "My outcome", "What I want (in my words)"), or of a
  table's first column when the table sits in an outcomes section and names no outcome column.

After parsing, from grammar: an "Outcome:" line in case notes that reports what happened is not
a goal (``settle_outcome``). The outcome checks then judge each sentence on its own, so the same
words give the same findings in Markdown, Word, ODT and HTML, however a reader cut them into blocks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..documents.base import Block
from .context import FINITE_TAGS

DEFAULT_OUTCOME_HEADINGS = (
    "Personal outcomes",
    "Outcomes",
    "What matters to me",
    "What I want to achieve",
    "My goals",
    # Welsh: canlyniadau personol (personal outcomes, as in the 2015 care planning regulations),
    # beth sy'n bwysig i mi (what matters to me), fy nodau (my goals), and the other headings Welsh
    # plans use (Social Care Wales, "Beth yw ystyr canlyniadau personol?"; Dewis Cymru's care and
    # support plan page: "beth rydych chi eisiau ei gyflawni – eich canlyniadau personol").
    "Canlyniadau personol",
    "Beth sy'n bwysig i mi",
    "Fy nodau",
    "Canlyniadau",
    "Fy nghanlyniadau",
    "Canlyniadau llesiant",
    "Yr hyn sy'n bwysig i mi",
    "Beth sy'n bwysig i fi",
    "Beth rydw i eisiau ei gyflawni",
    "Yr hyn rydw i eisiau ei gyflawni",
    "Beth hoffwn i ei gyflawni",
    "Nodau",
)

# Column headers of an outcome column, besides the outcome headings themselves.
OUTCOME_COLUMNS = ("Outcome", "Goal", "What I want", "Canlyniad", "Nod")

# "Outcome: ...", "Personal outcome 2: ...", "My outcome - ...": the statement follows the label.
# A hyphen separates only with a space beside it: "Goal-setting is essential" is a sentence, not a label.
# Welsh: "Canlyniad: ...", "Canlyniad personol 2: ...", "Fy nod: ...", "Nod: ...".
_OUTCOME_LABEL = re.compile(
    r"^\s*(?:(?:(?:my|personal|desired|agreed|family)\s+)?(?:outcome|goal)s?"
    r"|(?:fy\s+)?(?:canlyniad(?:au)?|nghanlyniad(?:au)?|nod(?:au)?)(?:\s+(?:personol|llesiant))?)"
    r"\s*(?:\d+\s*)?(?::|[\u2013\u2014]|(?<=\s)-|-(?=\s))\s*",
    re.IGNORECASE,
)
# A Welsh "Canlyniad:" line that reports what happened opens with a past-tense verb: "Cytunodd Mrs Jones ...",
# "Aeth hi ...", "Roedd ...", "Cafodd ...", "Penderfynwyd ..." (-odd, -ais, -wyd endings; the common irregulars).
_WELSH_PAST = re.compile(
    r"^(?:fe\s+|mi\s+)?(?:\w+(?:odd|ais|aist|wyd|asom|ason|on|och)|aeth|daeth|cafodd|gafodd|roedd|bu|buodd|"
    r"gwnaeth|wnaeth|cytunwyd|penderfynwyd)\b", re.IGNORECASE)
# Parts of a bilingual heading: "Canlyniadau personol / Personal outcomes".
_HEADING_PARTS = re.compile(r"\s+[/|]\s+")
# "3.", "3)", "Section 3:", "Part B -", "B." before a heading's words.
_NUMBERING = re.compile(r"^\s*(?:(?:section|part|step|rhan|adran)\s+)?(?:\d+(?:\.\d+)*|[a-h])?[.):\-\u2013]?\s+", re.IGNORECASE)
# Whose outcomes: "my", "our", "your", Welsh "fy"/"ein", or a name ("Emrys's", "Nesta’s").
_POSSESSIVE = re.compile(r"^(?:my|our|your|fy|ein|eich|(?!(?:what|it|that|there|here|who|let|where)['\u2019]s\b)[a-z][\w-]*['\u2019]s?)\s+",
                         re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")
_TABLE_PLACE = re.compile(r"^table (\d+), row (\d+), cell (\d+)$")


def outcome_label(text: str) -> re.Match | None:
    """The "Outcome:" label at the start of ``text``, if there is one."""
    return _OUTCOME_LABEL.match(text)


def reports_a_result(doc, start: int) -> bool:
    """Whether the words from ``start`` (after an "Outcome:" label) report what happened.

    In case notes "Outcome: Mrs Jones agreed to try the day centre" is the visit's result, not a
    goal in her life. The first finite verb of that sentence decides: past tense ("agreed",
    "was") reports a result; present, future or none ("I want to", "To go home") is a goal.
    """
    for token in doc:
        if token.idx < start:
            continue
        if token.is_sent_start and token.idx > start:
            return False
        if token.tag_ in FINITE_TAGS:
            return token.tag_ == "VBD"
    return False


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower().replace("\u2019", "'")).split())


def _core(part: str) -> str:
    """A heading part without its numbering, brackets and whose it is: "3. My personal outcomes" -> "personal outcomes"."""
    part = _PARENTHESES.sub(" ", _NUMBERING.sub("", part, count=1))
    return _normal(_POSSESSIVE.sub("", part.strip(), count=1))


def _names(text: str, entries: tuple[str, ...]) -> bool:
    for part in _HEADING_PARTS.split(text):
        core = _core(part)
        if not core:
            continue
        for entry in entries:
            wanted = _core(entry)
            if core == wanted:
                return True
            # "Outcomes I want to achieve", "My goals for this year"; not "Outcomes of the grant application".
            if core.startswith(wanted + " ") and not core[len(wanted) + 1:].startswith("of "):
                return True
    return False


@lru_cache(maxsize=4096)  # asked for every block under every heading of a document
def is_outcome_heading(heading: str, outcome_headings: tuple[str, ...]) -> bool:
    """A heading that names an outcomes section, e.g. "3. Personal outcomes", "My personal outcomes",
    "What matters to me:" or "Canlyniadau personol / Personal outcomes"."""
    return _names(heading, outcome_headings)


@lru_cache(maxsize=1024)
def is_outcome_column(header: str, outcome_headings: tuple[str, ...]) -> bool:
    """A table column header that names outcomes: "Outcome", "My outcome", "What I want (in my words)"."""
    return _names(header, outcome_headings + OUTCOME_COLUMNS)


def table_place(block: Block) -> tuple[int, int, int] | None:
    """(table, row, cell) of a table cell, from its location (every reader writes "table 1, row 2, cell 3")."""
    match = _TABLE_PLACE.match(block.location) if block.kind == "table_cell" else None
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def mark_outcomes(blocks: list[Block], outcome_headings: tuple[str, ...]) -> None:
    """Set ``outcome_start`` (and ``outcome_from``) on blocks that are (or hold) an outcome statement."""
    columns = _outcome_columns(blocks, outcome_headings)
    # After a label on its own: "one" (the next paragraph is the outcome), "list" ("Outcomes:": a list or a
    # paragraph follows), "list+" (inside that list).
    waiting = ""
    for block in blocks:
        if block.kind == "directive" or not block.text.strip():
            continue
        if block.kind == "heading":
            waiting = ""
            continue
        text = block.text.rstrip()
        label = outcome_label(block.text)
        if label and label.end() < len(text):
            _mark(block, label.end(), "label")
            waiting = ""
            continue
        if label:
            waiting = "list" if re.search(r"s\W*$", text, re.IGNORECASE) else "one"
            continue
        if waiting == "list+" and block.kind != "list_item":
            waiting = ""  # the list "Outcomes:" introduced has ended
        if waiting and block.kind in ("paragraph", "list_item"):
            _mark(block, _indent(block), "label")
            waiting = "list+" if waiting.startswith("list") and block.kind == "list_item" else ""
            continue
        waiting = ""
        if text.endswith(":"):  # "We agreed these outcomes:" introduces them
            continue
        if block.kind == "table_cell":
            if _outcome_cell(block, columns, outcome_headings):
                _mark(block, _indent(block), "column")
        elif any(is_outcome_heading(h, outcome_headings) for h in block.section):
            _mark(block, _indent(block), "section")


def _mark(block: Block, start: int, source: str) -> None:
    block.outcome_start = start
    block.outcome_from = source


def _indent(block: Block) -> int:
    return len(block.text) - len(block.text.lstrip())


def _outcome_columns(blocks: list[Block], outcome_headings: tuple[str, ...]) -> dict[int, set[int]]:
    """Per table, the cells of its first row that name an outcome column."""
    columns: dict[int, set[int]] = {}
    for block in blocks:
        place = table_place(block)
        if place is None:
            continue
        table, row, cell = place
        named = columns.setdefault(table, set())
        if row == 1 and is_outcome_column(block.text.strip(), outcome_headings):
            named.add(cell)
    return columns


def _outcome_cell(block: Block, columns: dict[int, set[int]], outcome_headings: tuple[str, ...]) -> bool:
    """A cell of an outcome column; in an outcomes section, a table that names none has its outcomes first."""
    if block.column_header is not None and is_outcome_column(block.column_header, outcome_headings):
        return True  # includes a form row labelled on its left ("Personal outcomes | To stay at home")
    place = table_place(block)
    if place is None:
        return False
    table, row, cell = place
    if row == 1:
        return False  # the header row names the columns
    named = columns.get(table, set())
    if named:
        return cell in named
    return cell == 1 and any(is_outcome_heading(h, outcome_headings) for h in block.section)


def settle_outcome(block: Block, doc) -> None:
    """After parsing: "Outcome: Mrs Jones agreed to ..." in case notes is a result, not a goal.

    Welsh blocks have no tags (nlp/welsh.py): their first word after the label decides instead."""
    if block.outcome_start is None or block.outcome_from != "label":
        return
    if block.language == "cy":
        result = _WELSH_PAST.match(block.text[block.outcome_start:]) is not None
    else:
        result = reports_a_result(doc, block.outcome_start)
    if result:
        block.outcome_start = None
        block.outcome_from = None
