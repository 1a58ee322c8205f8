"""Blocks of text with an exact map back to the original file.

A reader turns a file into ``Block`` objects: one paragraph, heading, list item,
quote or table cell each. A block's ``text`` is what the language pipeline sees
(markup removed); its segments map every character back to a 1-based line and
column of the source, so findings point at the user's own file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from ..audience import Audience

# The one rule for line numbers in the whole project (readers, --fix, the web page): only CR, LF and
# CRLF end a line, as editors, git and CommonMark count them. Form feeds, vertical tabs (Word's soft
# line break pasted as text), NEL, U+2028 and U+2029 are characters inside a line (str.splitlines
# would end lines at them, and --fix would then edit the wrong line).
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(source: str) -> list[str]:
    """Lines as editors count them: only CR, LF and CRLF end a line (not form feeds or U+2028)."""
    lines = LINE_BREAK.split(source)
    return lines[:-1] if lines and lines[-1] == "" else lines


def line_starts(source: str) -> list[int]:
    """Offset of each line's first character (and of the end of a text that ends with a line break),
    counting lines as ``split_lines`` does: line N starts at ``line_starts(source)[N - 1]``."""
    return [0] + [match.end() for match in LINE_BREAK.finditer(source)]


def style_chain(style: str | None, parents: dict[str, str]) -> Iterator[str]:
    """A paragraph style and the styles it is based on, nearest first (cycles and deep chains cut)."""
    seen = set()
    while style and style not in seen and len(seen) < 12:
        seen.add(style)
        yield style
        style = parents.get(style)


@dataclass
class Segment:
    start: int  # offset in the block text
    end: int
    line: int  # 1-based source line (the paragraph number for Word documents)
    column: int  # 1-based source column of ``start``
    source_length: int  # characters in the source; differs from end-start for entities

    def position(self, offset: int) -> tuple[int, int]:
        if self.source_length == self.end - self.start:
            return self.line, self.column + offset - self.start
        # An entity such as "&amp;" stands for one character: point at its edges.
        if offset <= self.start:
            return self.line, self.column
        return self.line, self.column + self.source_length


@dataclass
class Block:
    kind: str  # heading | paragraph | list_item | quote | table_cell
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    section: tuple[str, ...] = ()  # heading path the block sits under
    quoted: bool = False  # the person's own words (a block quote)
    column_header: str | None = None  # for table cells: the header of their column
    location: str = ""  # a human location, e.g. "table 1, row 2, cell 3"
    skip: list[tuple[int, int]] = field(default_factory=list)  # ranges never flagged (code)
    outcome_start: int | None = None  # set when (part of) the block is an outcome statement
    outcome_from: str | None = None  # why it is one: "section", "column" or "label" (nlp/outcomes.py)
    directives: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of inline comments
    index: int = -1  # place in the document's block list, for rebuilding cached findings
    # (index of the reader's block this one was cut from, offset of this text in it): a cached finding's
    # words come back from the reader's blocks alone, without cutting them again (language detection)
    source: tuple[int, int] = (-1, 0)
    language: str = "en"  # en | cy: which rules read it (set by nlp.language.split_by_language)

    def add(self, text: str, line: int, column: int, source_length: int | None = None) -> None:
        """Append text that starts at ``line``/``column`` of the source."""
        if not text:
            return
        start = len(self.text)
        self.text += text
        length = len(text) if source_length is None else source_length
        self.segments.append(Segment(start, len(self.text), line, column, length))

    def add_space(self, line: int, column: int) -> None:
        """A separator (soft line break, tab) that stands for ``" "`` in the text."""
        self.add(" ", line, column, 0)

    def position(self, offset: int, end: bool = False) -> tuple[int, int]:
        """Source (line, column) of a text offset; ``end`` maps an exclusive span end."""
        if not self.segments:
            return 1, 1
        if end and offset > 0:
            seg = self._segment(offset - 1)
            if seg.source_length == seg.end - seg.start:
                line, column = seg.position(offset - 1)
                return line, column + 1
            return seg.line, seg.column + seg.source_length
        return self._segment(offset).position(offset)

    def _segment(self, offset: int) -> Segment:
        starts = [s.start for s in self.segments]
        return self.segments[max(bisect.bisect_right(starts, offset) - 1, 0)]

    @property
    def line(self) -> int:
        return self.segments[0].line if self.segments else 1


@dataclass
class Document:
    path: str
    blocks: list[Block]
    encoding: str | None = None
    format: str = "text"
    audience: Audience | None = None  # who it is about; set when it is checked (Linter.check_document)
    kind: str | None = None  # care_and_support_plan, signs_of_safety, ... (sbp_lint/practice/kinds.py); set when checked
    profile: dict | None = None  # what it does well, in numbers (sbp_lint/practice/profile.py); set when checked


class TableLabels:
    """What labels a cell of a Word or ODT table, for rules scoped to outcome columns.

    Templates use two shapes: a grid whose first row names the columns
    ("Outcome | Who | When") and a two-column form whose left cell names the
    right one ("Personal outcomes | To stay at home"). So the second cell of a
    two-cell row is labelled by the cell on its left; every other cell by the
    first row's cell above it.
    """

    def __init__(self) -> None:
        self.first_row: dict[int, dict[int, str]] = {}  # table -> cell -> text
        self.row_start: dict[tuple[int, int], str] = {}  # (table, row) -> text of its first cell

    def label(self, where: tuple[int, int, int], row_cells: int, text: str) -> str | None:
        table, row, cell = where
        text = " ".join(text.split())
        if cell == 1:
            self.row_start.setdefault((table, row), text)
        if row == 1:
            self.first_row.setdefault(table, {}).setdefault(cell, text)
        if cell == 2 and row_cells == 2:
            return self.row_start.get((table, row))
        return None if row == 1 else self.first_row.get(table, {}).get(cell)
