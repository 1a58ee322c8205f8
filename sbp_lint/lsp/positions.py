"""Positions: sbp-lint's (1-based line, 1-based column in characters) and LSP's (0-based line, code units).

A ``Finding`` counts columns in Python characters (code points) of the text it
checked. LSP counts them in UTF-16 code units unless client and server agreed on
UTF-8 or UTF-32 at ``initialize``: an emoji or a mathematical letter such as 𝒜
before a finding is one character to sbp-lint but two UTF-16 units (four UTF-8
bytes) to the editor. Getting this wrong moves every squiggle after it.

Only CR, LF and CRLF end a line, in LSP as in sbp-lint's readers
(``documents.base.split_lines``). ``str.splitlines`` would also break at form
feeds, vertical tabs (Word's line break, pasted) and U+2028, which editors do not.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` takes in ``encoding`` (LSP's ``character`` unit)."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        # surrogatepass: a lone surrogate (possible in JSON text) still counts 3 bytes instead of failing.
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _index_for_units(line: str, units: int, encoding: str) -> int:
    """The character index in ``line`` that ``units`` code units reach (clamped to the line).

    A count that falls inside a character (half a surrogate pair, part of a UTF-8
    sequence) stops before that character."""
    if encoding == UTF32:
        return max(0, min(units, len(line)))
    used = 0
    for index, ch in enumerate(line):
        used += code_units(ch, encoding)
        if used > units:
            return index
    return len(line)


@dataclass(frozen=True)
class Position:
    """An LSP position: 0-based line, ``character`` in the negotiated code units."""

    line: int
    character: int


class LineIndex:
    """Where each line of a text starts and ends, to convert offsets and positions both ways."""

    def __init__(self, text: str):
        self.text = text
        starts, ends = [0], []
        for match in _LINE_BREAK.finditer(text):
            ends.append(match.start())
            starts.append(match.end())
        ends.append(len(text))
        self.starts, self.ends = starts, ends

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_text(self, line: int) -> str:
        """The 0-based ``line`` without its line break."""
        return self.text[self.starts[line]:self.ends[line]]

    # -- sbp-lint's 1-based (line, column in characters) ----------------
    def offset_of(self, line: int, column: int) -> int:
        """The character offset of a Finding's 1-based line and column, clamped into the text."""
        if line < 1:
            return 0
        if line > self.line_count:
            return len(self.text)
        start, end = self.starts[line - 1], self.ends[line - 1]
        return min(start + max(column - 1, 0), end)

    # -- LSP positions ----------------------------------------------------
    def position(self, offset: int, encoding: str = UTF16) -> Position:
        """The LSP position of a character offset (an offset inside a CRLF counts as its line's end)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return Position(line, code_units(self.text[start:min(offset, self.ends[line])], encoding))

    def offset(self, position: Position, encoding: str = UTF16) -> int:
        """The character offset of an LSP position.

        As the specification says, a ``character`` past the line's end means the
        line's end; a line past the last one means the end of the text."""
        if position.line < 0:
            return 0
        if position.line >= self.line_count:
            return len(self.text)
        line = self.line_text(position.line)
        return self.starts[position.line] + _index_for_units(line, position.character, encoding)

    def finding_range(self, line: int, column: int, end_line: int, end_column: int,
                      encoding: str = UTF16) -> tuple[Position, Position]:
        """LSP start and end of a Finding's span (``end_column`` is just past its last character)."""
        start = self.offset_of(line, column)
        end = max(start, self.offset_of(end_line, end_column))
        return self.position(start, encoding), self.position(end, encoding)


def apply_change(text: str, start: Position, end: Position, new_text: str, encoding: str = UTF16) -> str:
    """``text`` with the range ``start``..``end`` (LSP positions) replaced: one incremental didChange."""
    index = LineIndex(text)
    a, b = index.offset(start, encoding), index.offset(end, encoding)
    if b < a:
        a, b = b, a
    return text[:a] + new_text + text[b:]
