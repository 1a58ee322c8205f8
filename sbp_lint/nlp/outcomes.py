"""Which blocks are outcome statements: one place decides.

Before parsing, from the document's structure: blocks under an outcomes heading, lines after
an "Outcome:" label and cells of an outcome column (``mark_outcomes``). After parsing, from
grammar: an "Outcome:" line in case notes that reports what happened is not a goal
(``settle_outcome``).
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

# "Outcome: ...", "Personal outcome 2: ...", "My outcome - ...": the statement follows the label.
# A hyphen counts only before a space: "Goal-setting is essential…" is a sentence, not a label.
# Welsh: "Canlyniad: ...", "Canlyniad personol 2: ...", "Fy nod: ...", "Nod: ...".
_OUTCOME_LABEL = re.compile(
    r"^\s*(?:(?:(?:my|personal|desired|agreed|family)\s+)?(?:outcome|goal)s?"
    r"|(?:fy\s+)?(?:canlyniad(?:au)?|nghanlyniad(?:au)?|nod(?:au)?)(?:\s+(?:personol|llesiant))?)"
    r"\s*(?:\d+\s*)?(?:[:\u2013\u2014]|-(?=\s))\s*",
    re.IGNORECASE,
)
# A Welsh "Canlyniad:" line that reports what happened opens with a past-tense verb: "Cytunodd Mrs Jones ...",
# "Aeth hi ...", "Roedd ...", "Cafodd ...", "Penderfynwyd ..." (-odd, -ais, -wyd endings; the common irregulars).
_WELSH_PAST = re.compile(
    r"^(?:fe\s+|mi\s+)?(?:\w+(?:odd|ais|aist|wyd|asom|ason|on|och)|aeth|daeth|cafodd|gafodd|roedd|bu|buodd|"
    r"gwnaeth|wnaeth|cytunwyd|penderfynwyd)\b", re.IGNORECASE)
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


def _normal(heading: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", heading.lower()).split())


@lru_cache(maxsize=4096)  # asked for every block under every heading of a document
def is_outcome_heading(heading: str, outcome_headings: tuple[str, ...]) -> bool:
    """A heading that names an outcomes section, e.g. "3. Personal outcomes" or "What matters to me:"."""
    normal = _normal(re.sub(r"^\s*[\d.]+\s*", "", heading))
    return any(normal == _normal(h) or normal.startswith(_normal(h) + " ") for h in outcome_headings)


def mark_outcomes(blocks: list[Block], outcome_headings: tuple[str, ...]) -> None:
    """Set ``outcome_start`` on blocks that are (or hold) an outcome statement."""
    for block in blocks:
        if block.kind in ("heading", "directive") or not block.text.strip():
            continue
        label = outcome_label(block.text)
        if label and label.end() < len(block.text.rstrip()):
            block.outcome_start = label.end()
            continue
        in_section = any(is_outcome_heading(h, outcome_headings) for h in block.section)
        if block.kind == "table_cell":
            # In a plan table only the outcome column holds outcomes.
            in_section = block.column_header is not None and is_outcome_heading(block.column_header, outcome_headings + ("Outcome", "Goal"))
        if in_section and not block.text.rstrip().endswith(":"):  # "We agreed these outcomes:" introduces them
            block.outcome_start = len(block.text) - len(block.text.lstrip())


def settle_outcome(block: Block, doc) -> None:
    """After parsing: "Outcome: Mrs Jones agreed to ..." in case notes is a result, not a goal.

    Welsh blocks have no tags (nlp/welsh.py): their first word after the label decides instead."""
    if not (block.outcome_start and outcome_label(block.text)):
        return
    if block.language == "cy":
        if _WELSH_PAST.match(block.text[block.outcome_start:]):
            block.outcome_start = None
    elif reports_a_result(doc, block.outcome_start):
        block.outcome_start = None
